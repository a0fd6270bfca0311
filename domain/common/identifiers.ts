// National identifiers (docs/domain/identities.md). Formats are data: a deployment may pass its own
// cadastral pattern, since the national format is configurable.

export const PINFL_PATTERN = /^\d{14}$/;
export const TIN_PATTERN = /^\d{9}$/;
/** Region:district:block:plot:building, e.g. 10:01:02:03:0045 — the format Turar-Joy displays. */
export const DEFAULT_CADASTRAL_PATTERN = /^\d{2}:\d{2}:\d{2}:\d{2}:\d{4}$/;

export const isPinfl = (s: string): boolean => PINFL_PATTERN.test(s);
export const isTin = (s: string): boolean => TIN_PATTERN.test(s);
export const isCadastralNumber = (s: string, pattern: RegExp = DEFAULT_CADASTRAL_PATTERN): boolean =>
  pattern.test(s);
