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

// Uzbek is pinned to Latin script: Intl would otherwise pick whatever the browser guesses for "uz".
const LOCALES: Readonly<Record<Language, string>> = { uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-GB' };

export function formatNumber(lang: Language, value: number, maximumFractionDigits = 2): string {
  const format = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits });
  if (lang !== 'uz' || hasUzbekNumberData()) return format.format(value);
  // Chromium's trimmed ICU data accepts "uz" yet formats it like English (12,480.5): rebuild the
  // number with CLDR's Uzbek symbols, no-break space between groups and a decimal comma.
  return format
    .formatToParts(value)
    .map((p) => (p.type === 'group' ? '\u00a0' : p.type === 'decimal' ? ',' : p.value))
    .join('');
}

let uzbekNumberData: boolean | undefined;

function hasUzbekNumberData(): boolean {
  uzbekNumberData ??=
    new Intl.NumberFormat(LOCALES.uz).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',';
  return uzbekNumberData;
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
