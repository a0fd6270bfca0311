// Proving a phone number is the person's before SMS notices go to it: a six-digit code sent by SMS,
// good for a short time and a few tries. The caller draws the digits (the domain has no randomness)
// and hashes and compares them (constant time is the adapter's business); the rules here decide
// what a try means.
import type { Language } from '../common/language.ts';

export const PHONE_CODE_LENGTH = 6;
export const PHONE_CODE_PATTERN = /^\d{6}$/;

/** Six digits from a number below 10^6, zero-padded so every code has the same length. */
export const phoneCodeFrom = (n: number): string => String(n % 1_000_000).padStart(PHONE_CODE_LENGTH, '0');

/** The SMS: one GSM-7 segment in uz and en, one UCS-2 segment (≤ 70 characters) in ru. */
export function phoneCodeText(language: Language, code: string, minutes: number): string {
  const m = String(Math.round(minutes));
  if (language === 'ru') return `Mening Uyim: код ${code}. Действует ${m} мин.`;
  if (language === 'en') return `Mening Uyim: your code is ${code}. Valid for ${m} min. Tell no one.`;
  return `Mening Uyim: tasdiqlash kodi ${code}. ${m} daqiqa amal qiladi. Hech kimga aytmang.`;
}

export interface PendingCode {
  expiresAt: Date;
  /** Wrong codes typed so far. */
  attempts: number;
  verifiedAt: Date | null;
}

export type CodeVerdict = 'verified' | 'wrong' | 'expired' | 'exhausted' | 'used';

/**
 * What a typed code does to the pending code. `matches` is the caller's constant-time comparison
 * of the hashes; a wrong code is counted, and the last allowed wrong code exhausts the code.
 */
export function judgeCode(
  pending: PendingCode,
  matches: boolean,
  now: Date,
  maxAttempts: number,
): CodeVerdict {
  if (pending.verifiedAt) return 'used';
  if (pending.attempts >= maxAttempts) return 'exhausted';
  if (now.getTime() >= pending.expiresAt.getTime()) return 'expired';
  return matches ? 'verified' : 'wrong';
}

/**
 * How long until another code may be sent, in seconds; 0 when one may be sent now. `sentAt` are
 * the times codes were sent to this person or to this number within the last hour.
 */
export function codeWaitSeconds(sentAt: Date[], now: Date, perHour: number): number {
  const hourAgo = now.getTime() - 3_600_000;
  const recent = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > hourAgo)
    .sort((a, b) => a - b);
  if (recent.length < perHour) return 0;
  const oldestThatCounts = recent[recent.length - perHour] as number;
  return Math.max(1, Math.ceil((oldestThatCounts + 3_600_000 - now.getTime()) / 1000));
}
