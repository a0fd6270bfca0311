// The notice every owner of a lot's buildings gets when the lot's management organization is
// settled: chosen by their lot-wide vote, or appointed by the council after the open competition
// (the owners are told either way: PP-5152 by analogy). Sent through notifications, so each owner
// reads it in their own language on their own channels.
import type { Language } from '../common/language.ts';

export type OwnersOutcome = 'chosen' | 'appointed';

export interface OwnersNoticeData {
  outcome: OwnersOutcome;
  districtName: string;
  lotNumber: number;
  organizationName: string;
  /** Monthly tariff in tiyin per m². */
  tariff: number;
  termMonths: number;
}

interface Words {
  subject(o: OwnersOutcome, lot: number, district: string): string;
  body(o: OwnersOutcome, d: OwnersNoticeData, soum: string): string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    subject: (o, l, d) =>
      o === 'chosen'
        ? `${d}: ${l}-lot boshqaruv tashkiloti tanlandi`
        : `${d}: ${l}-lot boshqaruv tashkiloti tanlov orqali tayinlandi`,
    body: (o, d, s) =>
      `${o === 'chosen' ? 'Lot mulkdorlarining umumiy yigʻilishi' : 'Ochiq tanlov natijasiga koʻra tuman Kengashi'} ${d.districtName} ${d.lotNumber}-loti uylarini boshqarish uchun «${d.organizationName}» tashkilotini ${o === 'chosen' ? 'tanladi' : 'tayinladi'}. Tarif: oyiga 1 m² uchun ${s} soʻm, muddat: ${d.termMonths} oy. Har bir uy uchun boshqaruv shartnomasi tuziladi; lotning besh yillik dasturi shartnomaga kiradi.`,
  },
  ru: {
    subject: (o, l, d) =>
      o === 'chosen'
        ? `${d}: выбрана управляющая организация лота ${l}`
        : `${d}: управляющая организация лота ${l} назначена по конкурсу`,
    body: (o, d, s) =>
      `${o === 'chosen' ? 'Общее собрание собственников лота выбрало' : 'По итогам открытого конкурса Кенгаш района назначил'} организацию «${d.organizationName}» управлять домами лота ${d.lotNumber} (${d.districtName}). Тариф: ${s} сум за 1 м² в месяц, срок: ${d.termMonths} мес. С каждым домом заключается договор управления; пятилетняя программа лота входит в договор.`,
  },
  en: {
    subject: (o, l, d) =>
      o === 'chosen'
        ? `${d}: the management organization of lot ${l} is chosen`
        : `${d}: the management organization of lot ${l} is appointed by competition`,
    body: (o, d, s) =>
      `${o === 'chosen' ? "The owners' general meeting of the lot chose" : 'After the open competition the district council appointed'} "${d.organizationName}" to manage the buildings of lot ${d.lotNumber} (${d.districtName}). Tariff: ${s} so'm per m² a month, for ${d.termMonths} months. A management contract is concluded for each building; the lot's five-year programme is part of it.`,
  },
};

/** so'm with two decimals only when the tiyin need them. */
const soum = (tiyin: number): string => (tiyin % 100 === 0 ? String(tiyin / 100) : (tiyin / 100).toFixed(2));

export function renderOwnersNotice(lang: Language, d: OwnersNoticeData): { subject: string; body: string } {
  const w = WORDS[lang];
  return {
    subject: w.subject(d.outcome, d.lotNumber, d.districtName),
    body: w.body(d.outcome, d, soum(d.tariff)),
  };
}
