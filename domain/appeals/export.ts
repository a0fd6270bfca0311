// The appeals list as a table a person opens in a spreadsheet: headers, categories, kinds,
// statuses and levels in the reader's language, dates as the list shows them (dates.ts) and
// times in Tashkent. The API writes these rows as CSV.
import { tashkentDateTime } from '../calendar/working-days.ts';
import type { Language } from '../common/language.ts';
import type { AppealSummary } from './json.ts';
import type { AppealLevel } from './types.ts';
import { appealVocabulary } from './vocabulary.ts';

const COLUMNS = [
  'registrationNumber',
  'category',
  'kind',
  'status',
  'level',
  'responsible',
  'receivedAt',
  'registeredOn',
  'dueLastDay',
  'overdue',
  'answeredAt',
] as const;
type Column = (typeof COLUMNS)[number];

interface Words {
  header: Record<Column, string>;
  level: Record<AppealLevel, string>;
  yes: string;
  no: string;
  nextWorkingDay: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    header: {
      registrationNumber: 'Roʻyxat raqami',
      category: 'Mavzu',
      kind: 'Turi',
      status: 'Holati',
      level: 'Daraja',
      responsible: 'Javobgar',
      receivedAt: 'Qabul qilingan (Toshkent vaqti)',
      registeredOn: 'Roʻyxatga olingan kun',
      dueLastDay: 'Javob muddati',
      overdue: 'Muddati oʻtgan',
      answeredAt: 'Javob berilgan (Toshkent vaqti)',
    },
    level: {
      management_organization: 'Boshqaruv tashkiloti',
      council: 'Tuman kengashi',
      inspection: 'Inspeksiya',
    },
    yes: 'ha',
    no: 'yoʻq',
    nextWorkingDay: 'keyingi ish kuni',
  },
  ru: {
    header: {
      registrationNumber: 'Регистрационный номер',
      category: 'Тема',
      kind: 'Вид',
      status: 'Статус',
      level: 'Уровень',
      responsible: 'Ответственный',
      receivedAt: 'Получено (время Ташкента)',
      registeredOn: 'Дата регистрации',
      dueLastDay: 'Срок ответа',
      overdue: 'Просрочено',
      answeredAt: 'Дан ответ (время Ташкента)',
    },
    level: {
      management_organization: 'Управляющая организация',
      council: 'Районный кенгаш',
      inspection: 'Инспекция',
    },
    yes: 'да',
    no: 'нет',
    nextWorkingDay: 'следующий рабочий день',
  },
  en: {
    header: {
      registrationNumber: 'Registration number',
      category: 'Category',
      kind: 'Kind',
      status: 'Status',
      level: 'Level',
      responsible: 'Responsible',
      receivedAt: 'Received (Tashkent time)',
      registeredOn: 'Registered on',
      dueLastDay: 'Answer due by',
      overdue: 'Overdue',
      answeredAt: 'Answered (Tashkent time)',
    },
    level: {
      management_organization: 'Management organization',
      council: 'District council',
      inspection: 'Inspection',
    },
    yes: 'yes',
    no: 'no',
    nextWorkingDay: 'next working day',
  },
};

/** The header row, then one row per appeal, in `lang`. */
export function appealsExportRows(items: readonly AppealSummary[], lang: Language): string[][] {
  const w = WORDS[lang];
  const v = appealVocabulary[lang];
  const rows = items.map((a) => {
    const d = a.dates;
    const cells: Record<Column, string> = {
      registrationNumber: a.registrationNumber,
      category: v[`cat_${a.category}`],
      kind: v[`kind_${a.kind}`],
      status: v[`status_${a.status}`],
      level: w.level[a.level],
      responsible: a.responsible.name,
      receivedAt: tashkentDateTime(Date.parse(a.receivedAt)),
      registeredOn: d.registeredLater ? `${d.registeredOn} (${w.nextWorkingDay})` : d.registeredOn,
      dueLastDay: d.dueLastDay,
      overdue: a.overdue ? w.yes : w.no,
      answeredAt: a.answeredAt ? tashkentDateTime(Date.parse(a.answeredAt)) : '',
    };
    return COLUMNS.map((c) => cells[c]);
  });
  return [COLUMNS.map((c) => w.header[c]), ...rows];
}
