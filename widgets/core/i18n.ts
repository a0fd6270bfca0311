// Static catalogs only: an embedded bundle must not fetch locale files from a portal's origin, and
// @lit/localize's page-global locale would fight with other widgets on the same page.
import type { Language } from '../../domain/common/language.ts';
import { getConfig, toLanguage } from './config.ts';

export type Catalog<K extends string> = Readonly<Record<K, string>>;
export type Catalogs<K extends string> = Readonly<Record<Language, Catalog<K>>>;

export const DEFAULT_LANGUAGE: Language = 'uz';

/** Element attribute → configure() → host `<html lang>` → Uzbek (the state default). */
export function resolveLanguage(attribute: string | null | undefined): Language {
  return (
    toLanguage(attribute) ??
    getConfig().lang ??
    toLanguage(document.documentElement.getAttribute('lang')) ??
    DEFAULT_LANGUAGE
  );
}

/** Looks up `key`, replacing `{name}` placeholders from `params`. */
export function translate<K extends string>(
  catalogs: Catalogs<K>,
  lang: Language,
  key: K,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** An element's lookup into its own catalog, the language already chosen. */
export type Translate<K extends string> = (
  key: K,
  params?: Readonly<Record<string, string | number>>,
) => string;

/** A value's words from a table of message keys, or the value itself when this bundle does not know it yet. */
export function labelOf<K extends string>(
  t: Translate<K>,
  table: Readonly<Record<string, K>>,
  value: string,
): string {
  const key = table[value];
  return key ? t(key) : value;
}
