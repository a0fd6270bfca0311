// The debt claim (pre-court demand) an organization sends an owner before it applies for a court
// order (ZRU-993), in the owner's language: what is owed by period with the penalties beside, how
// to pay, the last day to pay, and the link by which the owner confirms receiving it. The same
// claim always gives the same text: it is rendered once, stored with the claim, and mailed as stored.
import type { Language } from '../common/language.ts';
import type { DebtCalculation } from './court.ts';
import { dayName, money, periodName } from './receipt-document.ts';

export interface CourtClaimLetterInput {
  number: string;
  ownerName: string;
  address: string;
  apartmentNumber: string;
  personalAccount: string;
  organizationName: string;
  payee: { tin: string; bankAccount: string; bankCode: string | null } | null;
  calculation: DebtCalculation;
  /** Pay by this day, included; after it the organization may apply for a court order. */
  answerBy: string;
  /** The page where the owner confirms receipt. */
  acknowledgeUrl: string;
}

interface LetterWords {
  subject(number: string, org: string): string;
  greeting(name: string): string;
  intro(org: string, address: string, apartment: string, account: string, asOf: string): string;
  row(period: string, due: string, contribution: string, penalty: string): string;
  totals(contribution: string, penalty: string, total: string): string;
  howToPay(account: string): string;
  payee(tin: string, bank: string, code: string | null): string;
  payeeMissing: string;
  deadline(day: string): string;
  acknowledge(url: string): string;
  signature(org: string): string;
}

export const LETTER_WORDS: Record<Language, LetterWords> = {
  uz: {
    subject: (n, o) => `Qarzdorlik toʻgʻrisida talabnoma № ${n} — ${o}`,
    greeting: (n) => `Hurmatli ${n}!`,
    intro: (o, a, ap, acc, d) =>
      `${o} sizga ${a}, ${ap}-xonadon (shaxsiy hisob ${acc}) boʻyicha majburiy badallardan ` +
      `${d} holatiga quyidagi qarzdorlik mavjudligini maʼlum qiladi:`,
    row: (p, due, c, pen) => `${p} (toʻlov muddati ${due}): badal ${c}; penya ${pen}`,
    totals: (c, pen, t) => `Jami: badal ${c}, penya ${pen}, hammasi ${t}.`,
    howToPay: (acc) =>
      `Toʻlash: Mening Uyim ilovasida Payme yoki Click orqali, yoki bank oʻtkazmasi bilan; ` +
      `toʻlov maqsadida shaxsiy hisob ${acc} ni koʻrsating.`,
    payee: (tin, bank, code) => `Oluvchi: STIR ${tin}, hisob raqami ${bank}${code ? `, MFO ${code}` : ''}.`,
    payeeMissing: 'Uyning bank hisobi hali roʻyxatdan oʻtmagan: toʻlovni ilova orqali qiling.',
    deadline: (d) =>
      `Qarzni ${d} (shu kun ham) gacha toʻlang. Toʻlanmasa, boshqaruv tashkiloti qarzni undirish ` +
      'uchun sudga sud buyrugʻi berish toʻgʻrisida ariza bilan murojaat qiladi.',
    acknowledge: (u) => `Ushbu talabnomani olganingizni quyidagi havola orqali tasdiqlang:\n${u}`,
    signature: (o) => `Hurmat bilan,\n${o}`,
  },
  ru: {
    subject: (n, o) => `Претензия о задолженности № ${n} — ${o}`,
    greeting: (n) => `Уважаемый(ая) ${n}!`,
    intro: (o, a, ap, acc, d) =>
      `${o} сообщает, что по обязательным взносам за квартиру ${ap} по адресу ${a} ` +
      `(лицевой счёт ${acc}) на ${d} числится задолженность:`,
    row: (p, due, c, pen) => `${p} (срок оплаты ${due}): взнос ${c}; пеня ${pen}`,
    totals: (c, pen, t) => `Итого: взносы ${c}, пеня ${pen}, всего ${t}.`,
    howToPay: (acc) =>
      `Как оплатить: в приложении Mening Uyim через Payme или Click либо банковским переводом; ` +
      `в назначении платежа укажите лицевой счёт ${acc}.`,
    payee: (tin, bank, code) =>
      `Получатель: ИНН ${tin}, расчётный счёт ${bank}${code ? `, МФО ${code}` : ''}.`,
    payeeMissing: 'Банковский счёт дома ещё не зарегистрирован: оплатите через приложение.',
    deadline: (d) =>
      `Погасите задолженность до ${d} включительно. Иначе управляющая организация обратится в суд ` +
      'с заявлением о выдаче судебного приказа о взыскании долга.',
    acknowledge: (u) => `Подтвердите получение этой претензии по ссылке:\n${u}`,
    signature: (o) => `С уважением,\n${o}`,
  },
  en: {
    subject: (n, o) => `Debt claim No. ${n} — ${o}`,
    greeting: (n) => `Dear ${n},`,
    intro: (o, a, ap, acc, d) =>
      `${o} informs you that on ${d} the following mandatory contributions are owed for apartment ` +
      `${ap} at ${a} (personal account ${acc}):`,
    row: (p, due, c, pen) => `${p} (due ${due}): contribution ${c}; penalty ${pen}`,
    totals: (c, pen, t) => `Total: contributions ${c}, penalties ${pen}, altogether ${t}.`,
    howToPay: (acc) =>
      `How to pay: in the Mening Uyim app through Payme or Click, or by bank transfer quoting ` +
      `personal account ${acc} as the purpose of payment.`,
    payee: (tin, bank, code) =>
      `Payee: TIN ${tin}, bank account ${bank}${code ? `, bank code ${code}` : ''}.`,
    payeeMissing: "The building's bank account is not registered yet: pay through the app.",
    deadline: (d) =>
      `Please pay the debt by ${d} inclusive. Otherwise the management organization will apply to ` +
      'the court for a court order to recover it.',
    acknowledge: (u) => `Please confirm that you received this claim at:\n${u}`,
    signature: (o) => `Yours faithfully,\n${o}`,
  },
};

export function courtClaimMail(l: CourtClaimLetterInput, lang: Language): { subject: string; text: string } {
  const w = LETTER_WORDS[lang];
  const c = l.calculation;
  const m = (t: number) => money(lang, t);
  const contribution = c.rows.reduce((s, r) => s + r.contributionOwed, 0);
  const penalty = c.rows.reduce((s, r) => s + r.penaltyOwed, 0);
  const lines = [
    w.greeting(l.ownerName),
    '',
    w.intro(l.organizationName, l.address, l.apartmentNumber, l.personalAccount, dayName(c.asOf)),
    ...c.rows.map(
      (r) =>
        `- ${w.row(periodName(lang, r.period), dayName(r.dueDate), m(r.contributionOwed), m(r.penaltyOwed))}`,
    ),
    w.totals(m(contribution), m(penalty), m(c.totals.owed)),
    '',
    w.howToPay(l.personalAccount),
    l.payee ? w.payee(l.payee.tin, l.payee.bankAccount, l.payee.bankCode) : w.payeeMissing,
    '',
    w.deadline(dayName(l.answerBy)),
    '',
    w.acknowledge(l.acknowledgeUrl),
    '',
    w.signature(l.organizationName),
  ];
  return { subject: w.subject(l.number, l.organizationName), text: lines.join('\n') };
}

interface AcknowledgeWords {
  title: string;
  what(number: string, org: string, made: string): string;
  owed: string;
  answerBy: string;
  confirm: string;
  confirmed(at: string): string;
  notFound: string;
}

/** The page the claim's link opens: it names the claim, and a button records the receipt. */
export const ACKNOWLEDGE_WORDS: Record<Language, AcknowledgeWords> = {
  uz: {
    title: 'Qarzdorlik toʻgʻrisidagi talabnomani olganlikni tasdiqlash',
    what: (n, o, d) => `${o} ${d} da yuborgan № ${n} talabnoma.`,
    owed: 'Qarz',
    answerBy: 'Toʻlov muddati',
    confirm: 'Talabnomani olganimni tasdiqlayman',
    confirmed: (at) => `Talabnomani olganingiz ${at} da qayd etildi. Rahmat.`,
    notFound: 'Havola notoʻgʻri yoki eskirgan',
  },
  ru: {
    title: 'Подтверждение получения претензии о задолженности',
    what: (n, o, d) => `Претензия № ${n}, направленная ${o} ${d}.`,
    owed: 'Долг',
    answerBy: 'Срок оплаты',
    confirm: 'Подтверждаю получение претензии',
    confirmed: (at) => `Получение претензии записано ${at}. Спасибо.`,
    notFound: 'Ссылка неверна или устарела',
  },
  en: {
    title: 'Confirm receipt of a debt claim',
    what: (n, o, d) => `Debt claim No. ${n} sent by ${o} on ${d}.`,
    owed: 'Owed',
    answerBy: 'Pay by',
    confirm: 'I confirm I received this claim',
    confirmed: (at) => `Your receipt of the claim was recorded at ${at}. Thank you.`,
    notFound: 'This link is wrong or no longer valid',
  },
};

// biome-ignore format: a table reads better one language a line
const NOTICE_WORDS: Record<Language, (a: { owed: string; answerBy: string }) => string> = {
  uz: (a) => `Qarzingiz: ${a.owed}. ${a.answerBy} kunigacha (shu kun ham) toʻlang, aks holda tashkilot sud buyrugʻi soʻrab murojaat qilishi mumkin. Talabnomani olganingizni havola orqali tasdiqlang.`,
  ru: (a) => `Ваш долг: ${a.owed}. Оплатите до ${a.answerBy} включительно, иначе организация может обратиться за судебным приказом. Подтвердите получение претензии по ссылке.`,
  en: (a) => `You owe ${a.owed}. Pay by ${a.answerBy} inclusive, or the organization may apply for a court order. Confirm receiving the claim through the link.`,
};

/**
 * The claim where the letter does not fit (Telegram, SMS, the in-app inbox): who claims, what is
 * owed, by when; the channel adds the acknowledgement link, which opens the claim in full.
 */
export function courtClaimNotice(
  l: CourtClaimLetterInput,
  lang: Language,
): { subject: string; body: string } {
  return {
    subject: LETTER_WORDS[lang].subject(l.number, l.organizationName),
    body: NOTICE_WORDS[lang]({ owed: money(lang, l.calculation.totals.owed), answerBy: dayName(l.answerBy) }),
  };
}
