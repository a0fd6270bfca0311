// How every widget writes dates, numbers and shares. Dates are legal deadlines in Asia/Tashkent
// whatever the reader's device says; numbers follow the language's separators even where the
// browser's ICU data lacks Uzbek.
import type { Language } from '../../domain/common/language.ts';
import { MONTH_NAMES } from '../../domain/common/months.ts';

export const TIME_ZONE = 'Asia/Tashkent';

const INTL_LOCALE: Record<Exclude<Language, 'uz'>, string> = { ru: 'ru-RU', en: 'en-GB' };

/** An instant's calendar fields in Tashkent, as numbers in strings (`month: '3'`). */
export function tashkentParts(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** "1-dekabr 2026, 09:00", "1 декабря 2026 г. в 09:00", "1 December 2026 at 09:00". */
export function formatDateTime(lang: Language, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (lang === 'uz') {
    const p = tashkentParts(date);
    return `${Number(p.day)}-${MONTH_NAMES.uz[Number(p.month) - 1]} ${p.year}, ${p.hour}:${p.minute}`;
  }
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    timeZone: TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

/** Day only, for lists: "01.12.2026" in every language, which portals here use everywhere. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = tashkentParts(date);
  return `${p.day!.padStart(2, '0')}.${p.month!.padStart(2, '0')}.${p.year}`;
}

// Tashkent keeps UTC+5 all year round, so its wall-clock time converts with a fixed offset.
const TASHKENT_OFFSET_MS = 5 * 3_600_000;

/** The value of an `<input type="datetime-local" step="1">` showing an instant in Tashkent time. */
export const toTashkentInput = (ms: number): string =>
  new Date(ms + TASHKENT_OFFSET_MS).toISOString().slice(0, 19);

/** The instant such an input names, whatever the browser's zone: ISO 8601 with +05:00, or ''. */
export function fromTashkentInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return '';
  return `${value.length === 16 ? `${value}:00` : value}+05:00`;
}

/** A calendar day (YYYY-MM-DD, no zone) as DD.MM.YYYY, the way portals here print days. */
export function formatDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
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

export const formatPercent = (lang: Language, value: number): string => formatNumber(lang, value, 2);

const SOM: Readonly<Record<Language, (amount: string) => string>> = {
  uz: (a) => `${a} soʻm`,
  ru: (a) => `${a} сум`,
  en: (a) => `UZS ${a}`,
};

/** Whole soʻm as people write prices: "1 650 soʻm", "1 650 сум", "UZS 1,650". */
export const formatMoney = (lang: Language, som: number): string => SOM[lang](formatNumber(lang, som, 0));

/** Soʻm to the tiyin, for rates such as a tariff per m², where the fraction is the price. */
export const formatRate = (lang: Language, som: number): string => SOM[lang](formatNumber(lang, som, 2));
