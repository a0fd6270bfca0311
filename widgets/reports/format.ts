// How the report widgets write quarters, months, amounts and quantities.
import type { Language } from '../../domain/common/language.ts';
import type { ReportElement, WorkKind } from '../../domain/reports/types.ts';
import { formatMoney, formatNumber } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { elementName } from '../registry/public.ts';
import { type ReportsMessageKey, reportsMessages } from './messages.ts';

export const tr = (lang: Language, key: ReportsMessageKey, params?: Record<string, string | number>) =>
  translate(reportsMessages, lang, key, params);

/** '2027-Q1' in words: "Q1 2027", "1-chorak", "1 квартал". */
export function quarterName(lang: Language, quarter: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return m ? tr(lang, 'quarter', { year: m[1]!, n: m[2]! }) : quarter;
}

/** 'YYYY-MM' as portals here write months: "04.2027". */
export const monthName = (period: string): string => `${period.slice(5, 7)}.${period.slice(0, 4)}`;

/** Tiyin as soʻm. */
export const money = (lang: Language, tiyin: number): string => formatMoney(lang, tiyin / 100);

export const quantity = (lang: Language, milli: number, unit: string): string =>
  `${formatNumber(lang, milli / 1000, 3)} ${unit}`;

export const kindName = (lang: Language, kind: WorkKind): string =>
  tr(lang, `kind_${kind}` as ReportsMessageKey);

export const elementLabel = (lang: Language, element: ReportElement): string => elementName(lang, element);

/** Kinds tell apart by pattern-free colour plus their words in the legend and the table. */
export const KIND_COLOURS: Record<WorkKind, string> = {
  planned: '#0b5fa5',
  unplanned: '#b15928',
  emergency: '#a4262c',
};
