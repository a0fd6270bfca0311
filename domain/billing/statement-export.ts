// A building account's statement as a table a person opens in a spreadsheet: the headers and the
// months in the reader's language (as <mu-building-account>'s table words them), one row per
// month, amounts in so'm as plain decimals with the currency in the header, so the sheet can
// count them (as the reports board's export keeps its money: a number, the unit in the header).
// The API writes these rows as CSV (api/csv.ts).
import type { Language } from '../common/language.ts';
import { REVENUE_KINDS, type RevenueKind } from './ledger.ts';
import { formatDecimalSom } from './money.ts';
import { periodName } from './receipt-document.ts';
import type { Statement } from './statement.ts';

interface Words {
  period: string;
  kind: Record<RevenueKind, string>;
  incomeTotal: string;
  expenses: string;
  balance: string;
  /** The currency, as the headers name it. */
  som: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    period: 'Oy',
    kind: {
      contributions: 'Badallar',
      lease: 'Ijara',
      household_service_centre: 'Maishiy xizmat koʻrsatish shoxobchalari',
      lightweight_structure: 'Yengil konstruksiyali inshootlar',
      penalties: 'Penyalar',
    },
    incomeTotal: 'Jami daromad',
    expenses: 'Xarajatlar',
    balance: 'Oy oxiridagi qoldiq',
    som: 'soʻm',
  },
  ru: {
    period: 'Месяц',
    kind: {
      contributions: 'Взносы',
      lease: 'Аренда',
      household_service_centre: 'Пункты бытового обслуживания',
      lightweight_structure: 'Лёгкие конструкции',
      penalties: 'Пени',
    },
    incomeTotal: 'Всего доходов',
    expenses: 'Расходы',
    balance: 'Остаток на конец месяца',
    som: 'сум',
  },
  en: {
    period: 'Month',
    kind: {
      contributions: 'Contributions',
      lease: 'Leases',
      household_service_centre: 'Household service centres',
      lightweight_structure: 'Lightweight structures',
      penalties: 'Penalties',
    },
    incomeTotal: 'Total income',
    expenses: 'Expenses',
    balance: 'Balance at month end',
    som: 'UZS',
  },
};

/** The header row, then one row per month of the statement, in `lang`. */
export function statementExportRows(s: Statement, lang: Language): string[][] {
  const w = WORDS[lang];
  const amount = (label: string) => `${label} (${w.som})`;
  const header = [
    w.period,
    ...REVENUE_KINDS.map((k) => amount(w.kind[k])),
    amount(w.incomeTotal),
    amount(w.expenses),
    amount(w.balance),
  ];
  const rows = s.months.map((m) => [
    periodName(lang, m.period),
    ...REVENUE_KINDS.map((k) => formatDecimalSom(m.income[k])),
    formatDecimalSom(m.incomeTotal),
    formatDecimalSom(m.expenses),
    formatDecimalSom(m.closingBalance),
  ]);
  return [header, ...rows];
}
