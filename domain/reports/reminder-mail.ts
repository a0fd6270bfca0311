// The reminder to a managing organization that a building's quarterly report is due, in the
// recipient's language (organizations record none yet: the state language). Templates are code,
// so a missing text is a type error.
import { dottedDate } from '../calendar/working-days.ts';
import type { Language } from '../common/language.ts';

export interface ReportReminderData {
  address: string;
  /** 'YYYY-Qn'. */
  quarter: string;
  /** The last day the report is in time, 'YYYY-MM-DD'. */
  dueDate: string;
  link: string;
}

interface Words {
  quarter(year: string, n: string): string;
  subject(quarter: string, address: string): string;
  enter(address: string, quarter: string, due: string): string;
  consequence: string;
  open: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    quarter: (y, n) => `${y}-yil ${n}-chorak`,
    subject: (q, a) => `${q} hisoboti: ${a}`,
    enter: (a, q, d) =>
      `${a}: ${q} uchun bajarilgan ishlar hisobotini ${d} kunigacha (shu kuni ham) kiriting.`,
    consequence:
      'Kiritilmasa, keyingi oydan boshlab majburiy badallar hisoblanishi toʻxtatiladi va qayta hisoblanmaydi.',
    open: 'Hisobotlar',
  },
  ru: {
    quarter: (y, n) => `${n}-й квартал ${y} г.`,
    subject: (q, a) => `Отчёт за ${q}: ${a}`,
    enter: (a, q, d) => `${a}: внесите отчёт о выполненных работах за ${q} до ${d} включительно.`,
    consequence:
      'Без отчёта начисление обязательных взносов приостанавливается со следующего месяца, без перерасчёта.',
    open: 'Отчёты',
  },
  en: {
    quarter: (y, n) => `Q${n} ${y}`,
    subject: (q, a) => `Report for ${q}: ${a}`,
    enter: (a, q, d) => `${a}: enter the report on the work done in ${q} by ${d} inclusive.`,
    consequence:
      'Without it, the mandatory contributions stop being charged from the next month, and are not charged later.',
    open: 'Reports',
  },
};

export function renderReportReminder(
  lang: Language,
  d: ReportReminderData,
): { subject: string; text: string } {
  const w = WORDS[lang];
  const quarter = w.quarter(d.quarter.slice(0, 4), d.quarter.slice(-1));
  return {
    subject: w.subject(quarter, d.address),
    text: [w.enter(d.address, quarter, dottedDate(d.dueDate)), w.consequence, `${w.open}: ${d.link}`].join(
      '\n\n',
    ),
  };
}
