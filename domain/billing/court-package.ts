// The court package for a debt (ZRU-993) as data: the claim, the debt calculation by period on the
// day the package is made (what the court is asked for: payments since the claim count), the
// general meeting's decision on the management method, the management contract, and the proof
// that the claim was delivered. The PDF (platform/billing/court-pdf.ts) is drawn from this alone,
// and what is missing for it is named by missingForPackage, so the API refuses with the reason.
import type { Language } from '../common/language.ts';
import type { DebtCalculation } from './court.ts';

export interface PackageDecision {
  meetingId: string;
  meetingTitle: string;
  decidedAt: string;
  itemTitle: string;
  itemDescription: string;
  votes: { for: number; against: number; abstain: number };
  totalWeight: number;
  participatingWeight: number;
  protocolSha256: string | null;
}

export interface PackageContract {
  number: string;
  version: number;
  concludedAt: string | null;
  documentSha256: string | null;
  title: string;
  subtitle: string;
  sections: { heading: string; rows: { label?: string; text: string }[] }[];
  signatures: { party: string; signerName: string; signedAt: string; status: string }[];
}

/** One channel's attempt at the claim's notice, as notifications tracked it. */
export interface NoticeAttempt {
  /** email | telegram | sms */
  channel: string;
  address: string;
  /** queued | sent | delivered | failed | bounced */
  state: string;
  queuedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  error: string | null;
}

/** The claim's notice through notifications: every channel tried, and which one proved delivery. */
export interface PackageNotice {
  /** The message's: pending | done | printed | skipped | given_up */
  status: string;
  /** The channel that proved delivery (a mail server's acceptance counts for email), and when. */
  delivered: { channel: string; address: string; at: string } | null;
  /** When no channel reached the owner and they went on the building's printable list. */
  printedAt: string | null;
  attempts: NoticeAttempt[];
}

export interface PackageDelivery {
  /** A claim mailed through the outbox before notifications carried claims. */
  mail: { to: string; messageId: string; acceptedAt: string } | null;
  notice: PackageNotice | null;
  acknowledged: { at: string } | null;
  paper: { deliveredOn: string; scanReference: string; recordedAt: string } | null;
}

export interface CourtPackage {
  claim: {
    id: string;
    number: string;
    madeAt: string;
    answerBy: string;
    ownerName: string;
    address: string;
    apartmentNumber: string;
    personalAccount: string;
    organizationName: string;
    organizationTin: string;
  };
  /** On the day the package is made. */
  calculation: DebtCalculation;
  /** What the claim asked for on its day. */
  claimedOwed: number;
  decision: PackageDecision;
  contract: PackageContract;
  delivery: PackageDelivery;
}

/** An instant as Tashkent's clock shows it, as a court reads a document: '20.10.2026 14:05:09 UTC+5'. */
export function tashkentStamp(iso: string): string {
  const t = new Date(Date.parse(iso) + 5 * 60 * 60 * 1000).toISOString();
  return `${t.slice(8, 10)}.${t.slice(5, 7)}.${t.slice(0, 4)} ${t.slice(11, 19)} UTC+5`;
}

/** debt_paid: nothing owed any more, or nothing old enough for a court order. */
export type PackageGap = 'delivery' | 'meeting_decision' | 'management_contract' | 'debt_paid';

export const deliveryRecorded = (d: PackageDelivery): boolean =>
  d.mail !== null || Boolean(d.notice?.delivered) || d.acknowledged !== null || d.paper !== null;

/** What keeps the package from being made, in the order a user would fix it. */
export function missingForPackage(p: {
  delivery: PackageDelivery;
  decision: PackageDecision | null;
  contract: PackageContract | null;
  calculation?: DebtCalculation;
}): PackageGap[] {
  const gaps: PackageGap[] = [];
  if (p.calculation && !p.calculation.qualifies) gaps.push('debt_paid');
  if (!deliveryRecorded(p.delivery)) gaps.push('delivery');
  if (!p.decision) gaps.push('meeting_decision');
  if (!p.contract) gaps.push('management_contract');
  return gaps;
}

interface PackageWords {
  title: string;
  claim: string;
  owner: string;
  address: string;
  account: string;
  organization: string;
  tin: string;
  madeAt: string;
  answerBy: string;
  calculation(day: string): string;
  claimed(day: string, owed: string): string;
  columns: [string, string, string, string, string, string, string, string];
  total: string;
  qualifies: string;
  decision: string;
  meeting: string;
  decidedAt: string;
  item: string;
  votes(f: string, a: string, ab: string, participating: string, total: string): string;
  protocol: string;
  contract: string;
  signatures: string;
  delivery: string;
  mailAccepted: string;
  recipient: string;
  time: string;
  acknowledged(at: string): string;
  paper(on: string, scan: string, at: string): string;
}

// biome-ignore format: a table reads better one language a block
export const PACKAGE_WORDS: Record<Language, PackageWords> = {
  uz: {
    title: 'Qarzni undirish uchun hujjatlar toʻplami (sud buyrugʻi)', claim: 'Talabnoma', owner: 'Qarzdor', address: 'Manzil', account: 'Shaxsiy hisob', organization: 'Undiruvchi', tin: 'STIR', madeAt: 'Talabnoma sanasi', answerBy: 'Toʻlov muddati',
    calculation: (d) => `1. Qarzdorlik hisob-kitobi davrlar boʻyicha, ${d} holatiga`, claimed: (d, o) => `Talabnomada (${d}) talab qilingan: ${o}`, columns: ['Davr', 'Muddat', 'Hisoblangan', 'Toʻlangan', 'Badal qarzi', 'Penya', 'Jami', 'Sudga'], total: 'Jami', qualifies: 'ha',
    decision: '2. Umumiy yigʻilishning boshqaruv usuli toʻgʻrisidagi qarori', meeting: 'Yigʻilish', decidedAt: 'Qaror sanasi', item: 'Masala',
    votes: (f, a, ab, p, t) => `Ovozlar: yoqlab ${f}, qarshi ${a}, betaraf ${ab}; qatnashgan ${p} / jami ${t}`, protocol: 'Bayonnoma SHA-256',
    contract: '3. Boshqaruv shartnomasi', signatures: 'Imzolar',
    delivery: '4. Talabnoma yetkazilganligi toʻgʻrisida dalil',
    mailAccepted: 'Elektron pochta: talabnomani pochta serveri qabul qildi', recipient: 'Qabul qiluvchi', time: 'Vaqt',
    acknowledged: (at) => `Qarzdor olganini havola orqali tasdiqladi: ${at}`,
    paper: (on, scan, at) => `Qogʻozda topshirildi: ${on}, skan nusxasi ${scan} (qayd etilgan ${at})`,
  },
  ru: {
    title: 'Пакет документов для взыскания долга (судебный приказ)', claim: 'Претензия', owner: 'Должник', address: 'Адрес', account: 'Лицевой счёт', organization: 'Взыскатель', tin: 'ИНН', madeAt: 'Дата претензии', answerBy: 'Срок оплаты',
    calculation: (d) => `1. Расчёт задолженности по периодам на ${d}`, claimed: (d, o) => `Предъявлено в претензии (${d}): ${o}`, columns: ['Период', 'Срок', 'Начислено', 'Оплачено', 'Долг по взносу', 'Пеня', 'Итого', 'В суд'], total: 'Итого', qualifies: 'да',
    decision: '2. Решение общего собрания о способе управления', meeting: 'Собрание', decidedAt: 'Дата решения', item: 'Вопрос',
    votes: (f, a, ab, p, t) => `Голоса: за ${f}, против ${a}, воздержались ${ab}; участвовало ${p} из ${t}`, protocol: 'SHA-256 протокола',
    contract: '3. Договор управления', signatures: 'Подписи',
    delivery: '4. Доказательство вручения претензии',
    mailAccepted: 'Электронная почта: претензия принята почтовым сервером', recipient: 'Получатель', time: 'Время',
    acknowledged: (at) => `Должник подтвердил получение по ссылке: ${at}`,
    paper: (on, scan, at) => `Вручено на бумаге: ${on}, скан ${scan} (записано ${at})`,
  },
  en: {
    title: 'Court package for a debt (court order)', claim: 'Debt claim', owner: 'Debtor', address: 'Address', account: 'Personal account', organization: 'Claimant', tin: 'TIN', madeAt: 'Claim made on', answerBy: 'Pay by',
    calculation: (d) => `1. Debt calculation by period on ${d}`, claimed: (d, o) => `Claimed in the claim (${d}): ${o}`, columns: ['Period', 'Due', 'Accrued', 'Paid', 'Contribution owed', 'Penalty', 'Owed', 'Court'], total: 'Total', qualifies: 'yes',
    decision: "2. The general meeting's decision on the management method", meeting: 'Meeting', decidedAt: 'Decided at', item: 'Item',
    votes: (f, a, ab, p, t) => `Votes: for ${f}, against ${a}, abstain ${ab}; participating ${p} of ${t}`, protocol: 'Protocol SHA-256',
    contract: '3. Management contract', signatures: 'Signatures',
    delivery: '4. Proof of delivery of the claim',
    mailAccepted: 'Email: the claim was accepted by the mail server', recipient: 'Recipient', time: 'Time',
    acknowledged: (at) => `The debtor confirmed receipt through the link at ${at}`,
    paper: (on, scan, at) => `Delivered on paper on ${on}, scan ${scan} (recorded ${at})`,
  },
};

interface NoticeWords {
  channels: Record<string, string>;
  states: Record<string, string>;
  delivered(channel: string, at: string): string;
  attempts: string;
  attempt(channel: string, address: string, state: string, at: string): string;
  undelivered(at: string): string;
  pending: string;
}

// biome-ignore format: a table reads better one language a block
export const PACKAGE_NOTICE_WORDS: Record<Language, NoticeWords> = {
  uz: {
    channels: { email: 'Elektron pochta', telegram: 'Telegram', sms: 'SMS' },
    states: { queued: 'navbatda', sent: 'yuborildi', delivered: 'yetkazildi', failed: 'yetkazilmadi', bounced: 'qaytarildi' },
    delivered: (c, at) => `Talabnoma yetkazildi: ${c}, ${at}`,
    attempts: 'Yuborish urinishlari',
    attempt: (c, a, s, at) => `${c} (${a}): ${s}, ${at}`,
    undelivered: (at) => `Talabnoma hech bir kanal orqali yetkazilmadi; qarzdor ${at} da uyning eʼlonlar taxtasi roʻyxatiga kiritildi`,
    pending: 'Talabnoma hali yetkazilmoqda',
  },
  ru: {
    channels: { email: 'Электронная почта', telegram: 'Telegram', sms: 'SMS' },
    states: { queued: 'в очереди', sent: 'отправлено', delivered: 'доставлено', failed: 'не доставлено', bounced: 'возвращено' },
    delivered: (c, at) => `Претензия доставлена: ${c}, ${at}`,
    attempts: 'Попытки отправки',
    attempt: (c, a, s, at) => `${c} (${a}): ${s}, ${at}`,
    undelivered: (at) => `Претензия не доставлена ни одним каналом; должник внесён в список для доски объявлений дома ${at}`,
    pending: 'Претензия ещё доставляется',
  },
  en: {
    channels: { email: 'Email', telegram: 'Telegram', sms: 'SMS' },
    states: { queued: 'queued', sent: 'sent', delivered: 'delivered', failed: 'not delivered', bounced: 'bounced' },
    delivered: (c, at) => `The claim was delivered: ${c}, ${at}`,
    attempts: 'Attempts',
    attempt: (c, a, s, at) => `${c} (${a}): ${s}, ${at}`,
    undelivered: (at) => `The claim was delivered by no channel; the debtor was put on the building's notice board list at ${at}`,
    pending: 'The claim is still being delivered',
  },
};
