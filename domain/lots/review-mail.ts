// The notice of the council's review of a lot: the reminder before its deadline and the notice that
// it passed undecided, in each language (notifications send each member their own).
import { tashkentDateTime } from '../calendar/working-days.ts';
import type { Language } from '../common/language.ts';

export type ReviewNotice = 'reminder' | 'overdue';

export interface ReviewMailData {
  districtName: string;
  lotNumber: number;
  version: number;
  /** The review deadline, epoch ms. */
  dueAt: number;
}

interface Words {
  subject(n: ReviewNotice, lot: number, district: string): string;
  body(n: ReviewNotice, lot: number, version: number, district: string, due: string): string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    subject: (n, l, d) =>
      n === 'reminder' ? `${d}: ${l}-lot koʻrib chiqilishi kutilmoqda` : `${d}: ${l}-lot muddati oʻtdi`,
    body: (n, l, v, d, due) =>
      n === 'reminder'
        ? `${d} ${l}-lotining ${v}-versiyasi Kengash qaroriga yuborilgan. Qaror muddati: ${due}.`
        : `${d} ${l}-lotining ${v}-versiyasi boʻyicha Kengash ${due} muddatgacha qaror qabul qilmadi.`,
  },
  ru: {
    subject: (n, l, d) =>
      n === 'reminder' ? `${d}: лот ${l} ждёт решения` : `${d}: срок решения по лоту ${l} истёк`,
    body: (n, l, v, d, due) =>
      n === 'reminder'
        ? `Версия ${v} лота ${l} (${d}) направлена на решение Кенгаша. Срок решения: ${due}.`
        : `Кенгаш не принял решение по версии ${v} лота ${l} (${d}) до ${due}.`,
  },
  en: {
    subject: (n, l, d) =>
      n === 'reminder' ? `${d}: lot ${l} awaits the council` : `${d}: the decision on lot ${l} is overdue`,
    body: (n, l, v, d, due) =>
      n === 'reminder'
        ? `Version ${v} of lot ${l} (${d}) is before the council. The decision is due by ${due}.`
        : `The council did not decide on version ${v} of lot ${l} (${d}) by ${due}.`,
  },
};

export function renderReviewMail(
  lang: Language,
  n: ReviewNotice,
  d: ReviewMailData,
): { subject: string; text: string } {
  const w = WORDS[lang];
  const due = `${tashkentDateTime(d.dueAt)} (Tashkent)`;
  return {
    subject: w.subject(n, d.lotNumber, d.districtName),
    text: w.body(n, d.lotNumber, d.version, d.districtName, due),
  };
}
