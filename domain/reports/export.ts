// The district's reports board as a table a person opens in a spreadsheet: headers, statuses and
// yes/no in the reader's language, the submission time in Tashkent, the organization by its name
// (its id beside it, for joining sheets), months as YYYY-MM and money in so'm as plain decimals
// (the currency in the header) so the sheet can count them. The API writes these rows as CSV, as it does the
// appeals list (domain/appeals/export.ts).

import { formatDecimalSom } from '../billing/public.ts';
import { tashkentDateTime } from '../calendar/working-days.ts';
import type { Language } from '../common/language.ts';
import type { ReportStatus } from './types.ts';

/** One building of the board, as the API's board view gives it. */
export interface BoardExportRow {
  buildingId: string;
  address: string;
  organizationId: string | null;
  organizationName: string | null;
  status: ReportStatus;
  late: boolean | null;
  enteredAt: string | null;
  suspendedMonths: readonly string[];
  keptMonths: readonly string[];
  liftedFrom: string | null;
  lostMonths: readonly { period: string }[];
  lostTiyin: number;
}

const COLUMNS = [
  'buildingId',
  'address',
  'organization',
  'organizationId',
  'status',
  'late',
  'enteredAt',
  'suspendedMonths',
  'keptMonths',
  'liftedFrom',
  'lostMonths',
  'lostTiyin',
] as const;
type Column = (typeof COLUMNS)[number];

interface Words {
  header: Record<Column, string>;
  status: Record<ReportStatus, string>;
  yes: string;
  no: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    header: {
      buildingId: 'Bino identifikatori',
      address: 'Manzil',
      organization: 'Boshqaruv tashkiloti',
      organizationId: 'Boshqaruv tashkiloti identifikatori',
      status: 'Hisobot',
      late: 'Kechikkan',
      enteredAt: 'Topshirilgan (Toshkent vaqti)',
      suspendedMonths: 'Badallar hisoblanmagan oylar',
      keptMonths: 'Toʻxtatib turilgan oylar',
      liftedFrom: 'Tiklangan oy',
      lostMonths: 'Yoʻqotilgan oylar',
      lostTiyin: 'Yoʻqotilgan summa (soʻm)',
    },
    status: { due: 'Hisobot berilmagan', draft: 'Qoralama, topshirilmagan', submitted: 'Topshirilgan' },
    yes: 'ha',
    no: 'yoʻq',
  },
  ru: {
    header: {
      buildingId: 'Идентификатор дома',
      address: 'Адрес',
      organization: 'Управляющая организация',
      organizationId: 'Идентификатор управляющей организации',
      status: 'Отчёт',
      late: 'С опозданием',
      enteredAt: 'Сдан (время Ташкента)',
      suspendedMonths: 'Месяцы без начисления взносов',
      keptMonths: 'Месяцы, начисление которых задержано',
      liftedFrom: 'Начисление возобновлено с',
      lostMonths: 'Потерянные месяцы',
      lostTiyin: 'Потеряно (сум)',
    },
    status: { due: 'Отчёт не сдан', draft: 'Черновик, не сдан', submitted: 'Сдан' },
    yes: 'да',
    no: 'нет',
  },
  en: {
    header: {
      buildingId: 'Building ID',
      address: 'Address',
      organization: 'Management organization',
      organizationId: 'Management organization ID',
      status: 'Report',
      late: 'Late',
      enteredAt: 'Submitted (Tashkent time)',
      suspendedMonths: 'Months without contributions',
      keptMonths: 'Months held back',
      liftedFrom: 'Accrual resumed from',
      lostMonths: 'Months lost',
      lostTiyin: 'Lost (UZS)',
    },
    status: { due: 'Not reported', draft: 'Draft, not submitted', submitted: 'Submitted' },
    yes: 'yes',
    no: 'no',
  },
};

/** The header row and one row per building, in `lang`. */
export function reportsBoardExportRows(rows: readonly BoardExportRow[], lang: Language): string[][] {
  const w = WORDS[lang];
  return [
    COLUMNS.map((c) => w.header[c]),
    ...rows.map((r) => [
      r.buildingId,
      r.address,
      r.organizationName ?? '',
      r.organizationId ?? '',
      w.status[r.status],
      r.late === null ? '' : r.late ? w.yes : w.no,
      r.enteredAt ? tashkentDateTime(Date.parse(r.enteredAt)) : '',
      r.suspendedMonths.join(' '),
      r.keptMonths.join(' '),
      r.liftedFrom ?? '',
      r.lostMonths.map((m) => m.period).join(' '),
      formatDecimalSom(r.lostTiyin),
    ]),
  ];
}
