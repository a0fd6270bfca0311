// What a receipt snapshot keeps, and the words its PDF, payment page and mail print in each
// language. A snapshot is the receipt's content (receipt.ts) plus everything printed about the
// parties, fixed when it was made: rendering it again in any language, years later, prints the
// same figures and names even if the owner moved or the organization changed. Its SHA-256 over
// the canonical JSON names it, so a printout can be matched to the stored row.
import { canonicalJson } from '../common/canonical-json.ts';
import type { Language } from '../common/language.ts';
import { MONTH_NAMES } from '../common/months.ts';
import { sha256Hex } from '../common/sha256.ts';
import { stopCause } from './gate.ts';
import { formatSom } from './money.ts';
import type { Receipt, ReceiptNote, ReceiptPayment } from './receipt.ts';

export interface ReceiptParties {
  ownerName: string;
  address: string;
  apartmentNumber: string;
  /** The owner's share of the apartment, as printed: '1/2'. */
  share: string;
  buildingCode: string;
  /** The organization administering the building's account; null when none is recorded. */
  organizationName: string | null;
  /** The building's own account, where the money goes; null before the building is registered. */
  payee: { tin: string; bankAccount: string; bankName: string | null } | null;
}

export interface ReceiptSnapshot {
  receipt: Receipt;
  parties: ReceiptParties;
  /** Where the QR code points: the platform's payment page for this receipt. */
  payUrl: string;
  /** When the snapshot was made (ISO 8601): the PDF's date, so regenerated copies are identical. */
  madeAt: string;
}

/** The snapshot's name: SHA-256 of its canonical JSON. */
export const snapshotSha256 = (s: ReceiptSnapshot): Promise<string> => sha256Hex(canonicalJson(s));

/** '2026-08' → 'avgust 2026', 'август 2026', 'August 2026'. */
export const periodName = (lang: Language, period: string): string =>
  `${MONTH_NAMES[lang][Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

/** '2026-08-15' → '15.08.2026', as documents here print days in every language. */
export const dayName = (date: string): string =>
  `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

const CURRENCY: Record<Language, string> = { uz: 'soʻm', ru: 'сум', en: 'UZS' };
/** '1 234,50 soʻm', '1 234,50 сум', 'UZS 1,234.50'. */
export const money = (lang: Language, tiyin: number): string =>
  lang === 'en' ? `UZS ${formatSom(tiyin, lang)}` : `${formatSom(tiyin, lang)} ${CURRENCY[lang]}`;

/** Area in hundredths of a m² as printed: '54,37 m²' ('54.37 m²' in English). */
export const area = (lang: Language, hundredths: number): string => {
  const s = `${Math.trunc(hundredths / 100)}${lang === 'en' ? '.' : ','}${String(hundredths % 100).padStart(2, '0')}`;
  return `${s} m²`;
};

export interface ReceiptWords {
  title: string;
  number: string;
  period: string;
  owner: string;
  address: string;
  apartment: string;
  share: string;
  personalAccount: string;
  organization: string;
  payee: string;
  payeeMissing: string;
  tin: string;
  bankAccount: string;
  dueDate: string;
  openingDebt: string;
  openingAdvance: string;
  openingNone: string;
  accruals: string;
  accrualLine: (a: { area: string; tariff: string; days: number; daysInMonth: number }) => string;
  accrued: string;
  penalties: string;
  penaltyOf: (period: string) => string;
  payments: string;
  paymentsThrough: (date: string) => string;
  channels: Record<ReceiptPayment['channel'], string>;
  corrections: string;
  noMovements: string;
  toPay: string;
  advance: string;
  scan: string;
  footer: string;
  payTitle: string;
  payWith: (provider: string) => string;
  payNothing: string;
  payUnavailable: string;
  payNotFound: string;
  /** A suspended month: why no contribution is charged (the quarter whose report is missing). */
  noContributionReport: (a: { period: string; quarter: string }) => string;
  /** A month stopped by a rule the words do not know: its stored reason as recorded. */
  noContributionOther: (a: { period: string; reason: string }) => string;
  mailSubject: (period: string, number: string) => string;
  mailBody: (a: { name: string; period: string; toPay: string; due: string; url: string }) => string;
}

export const RECEIPT_WORDS: Record<Language, ReceiptWords> = {
  uz: {
    title: 'Majburiy badallar boʻyicha kvitansiya',
    number: 'Kvitansiya raqami',
    period: 'Davr',
    owner: 'Mulkdor',
    address: 'Manzil',
    apartment: 'Xonadon',
    share: 'Ulush',
    personalAccount: 'Shaxsiy hisob raqami',
    organization: 'Boshqaruvchi tashkilot',
    payee: 'Toʻlov oluvchi: uyning hisob raqami',
    payeeMissing: 'Uyning hisob raqami hali roʻyxatdan oʻtmagan',
    tin: 'STIR',
    bankAccount: 'Hisob raqami',
    dueDate: 'Toʻlov muddati',
    openingDebt: 'Davr boshidagi qarz',
    openingAdvance: 'Davr boshidagi oldindan toʻlov',
    openingNone: 'Davr boshida qarz yoʻq',
    accruals: 'Hisoblandi',
    accrualLine: (a) => `${a.area} × ${a.tariff}/m², ${a.days} kun / ${a.daysInMonth}`,
    accrued: 'Jami hisoblandi',
    penalties: 'Penya',
    penaltyOf: (p) => `${p} uchun`,
    payments: 'Toʻlovlar',
    paymentsThrough: (d) => `${d} gacha qabul qilingan toʻlovlar`,
    channels: { payme: 'Payme', click: 'Click', bank: 'Bank' },
    corrections: 'Tuzatishlar',
    noMovements: 'yoʻq',
    toPay: 'Toʻlash kerak',
    advance: 'Oldindan toʻlov (keyingi oyga oʻtadi)',
    scan: 'Toʻlash uchun QR kodni skanerlang',
    footer:
      'Kvitansiya — hisob-kitob holatining surati; keyingi tuzatishlar keyingi kvitansiyada koʻrsatiladi',
    payTitle: 'Kvitansiyani toʻlash',
    payWith: (p) => `${p} orqali toʻlash`,
    payNothing: 'Bu kvitansiya boʻyicha hozir qarz yoʻq.',
    payUnavailable:
      'Onlayn toʻlov hozir mavjud emas. Payme, Click yoki bank orqali shaxsiy hisob raqami boʻyicha toʻlashingiz mumkin.',
    payNotFound: 'Bunday kvitansiya topilmadi: havolani tekshiring.',
    noContributionReport: (a) =>
      `${a.period} uchun badal hisoblanmadi: boshqaruvchi tashkilot ${a.quarter} uchun choraklik hisobotini topshirmadi`,
    noContributionOther: (a) => `${a.period} uchun badal hisoblanmadi: ${a.reason}`,
    mailSubject: (p, n) => `${p} uchun kvitansiya № ${n}`,
    mailBody: (a) =>
      `Hurmatli ${a.name}!\n\n${a.period} uchun kvitansiya tayyor.\nToʻlash kerak: ${a.toPay}, muddat: ${a.due}.\nToʻlov sahifasi: ${a.url}\n\nKvitansiya PDF shaklida ilova qilingan.`,
  },
  ru: {
    title: 'Квитанция по обязательным взносам',
    number: 'Номер квитанции',
    period: 'Период',
    owner: 'Собственник',
    address: 'Адрес',
    apartment: 'Квартира',
    share: 'Доля',
    personalAccount: 'Лицевой счёт',
    organization: 'Управляющая организация',
    payee: 'Получатель: счёт дома',
    payeeMissing: 'Счёт дома ещё не зарегистрирован',
    tin: 'ИНН',
    bankAccount: 'Расчётный счёт',
    dueDate: 'Оплатить до',
    openingDebt: 'Долг на начало периода',
    openingAdvance: 'Аванс на начало периода',
    openingNone: 'Долга на начало периода нет',
    accruals: 'Начислено',
    accrualLine: (a) => `${a.area} × ${a.tariff}/м², ${a.days} дн. / ${a.daysInMonth}`,
    accrued: 'Итого начислено',
    penalties: 'Пени',
    penaltyOf: (p) => `за ${p}`,
    payments: 'Оплаты',
    paymentsThrough: (d) => `оплаты, поступившие по ${d}`,
    channels: { payme: 'Payme', click: 'Click', bank: 'Банк' },
    corrections: 'Корректировки',
    noMovements: 'нет',
    toPay: 'К оплате',
    advance: 'Аванс (переходит на следующий месяц)',
    scan: 'Отсканируйте QR-код, чтобы оплатить',
    footer: 'Квитанция — снимок расчётов; последующие корректировки отражаются в следующей квитанции',
    payTitle: 'Оплата квитанции',
    payWith: (p) => `Оплатить через ${p}`,
    payNothing: 'По этой квитанции сейчас ничего не нужно платить.',
    payUnavailable:
      'Онлайн-оплата сейчас недоступна. Оплатить можно через Payme, Click или банк по номеру лицевого счёта.',
    payNotFound: 'Такой квитанции нет: проверьте ссылку.',
    noContributionReport: (a) =>
      `Взнос за ${a.period} не начислен: управляющая организация не сдала квартальный отчёт за ${a.quarter}`,
    noContributionOther: (a) => `Взнос за ${a.period} не начислен: ${a.reason}`,
    mailSubject: (p, n) => `Квитанция за ${p} № ${n}`,
    mailBody: (a) =>
      `Уважаемый(ая) ${a.name}!\n\nКвитанция за ${a.period} готова.\nК оплате: ${a.toPay}, срок: ${a.due}.\nСтраница оплаты: ${a.url}\n\nКвитанция приложена в формате PDF.`,
  },
  en: {
    title: 'Receipt for mandatory contributions',
    number: 'Receipt number',
    period: 'Period',
    owner: 'Owner',
    address: 'Address',
    apartment: 'Apartment',
    share: 'Share',
    personalAccount: 'Personal account',
    organization: 'Management organization',
    payee: "Payee: the building's account",
    payeeMissing: "The building's account is not registered yet",
    tin: 'TIN',
    bankAccount: 'Bank account',
    dueDate: 'Due by',
    openingDebt: 'Debt at the start of the period',
    openingAdvance: 'Advance at the start of the period',
    openingNone: 'No debt at the start of the period',
    accruals: 'Charged',
    accrualLine: (a) => `${a.area} × ${a.tariff}/m², ${a.days} days / ${a.daysInMonth}`,
    accrued: 'Total charged',
    penalties: 'Penalties',
    penaltyOf: (p) => `for ${p}`,
    payments: 'Payments',
    paymentsThrough: (d) => `payments received through ${d}`,
    channels: { payme: 'Payme', click: 'Click', bank: 'Bank' },
    corrections: 'Corrections',
    noMovements: 'none',
    toPay: 'To pay',
    advance: 'Advance (carried to next month)',
    scan: 'Scan the QR code to pay',
    footer: 'A receipt is a snapshot of the account; later corrections appear on the next receipt',
    payTitle: 'Pay the receipt',
    payWith: (p) => `Pay with ${p}`,
    payNothing: 'Nothing is owed on this receipt now.',
    payUnavailable:
      'Online payment is not available right now. You can pay through Payme, Click or a bank with your personal account number.',
    payNotFound: 'There is no such receipt: check the link.',
    noContributionReport: (a) =>
      `No contribution is charged for ${a.period}: the management organization did not submit its quarterly report for ${a.quarter}`,
    noContributionOther: (a) => `No contribution is charged for ${a.period}: ${a.reason}`,
    mailSubject: (p, n) => `Receipt for ${p} No. ${n}`,
    mailBody: (a) =>
      `Dear ${a.name},\n\nYour receipt for ${a.period} is ready.\nTo pay: ${a.toPay}, due by ${a.due}.\nPayment page: ${a.url}\n\nThe receipt is attached as a PDF.`,
  },
};

/** '2026-Q3' as printed: 'III chorak 2026', 'III квартал 2026', 'Q3 2026'. */
export function quarterName(lang: Language, quarter: string): string {
  const [year, n] = quarter.split('-Q');
  const roman = ['I', 'II', 'III', 'IV'][Number(n) - 1] ?? n;
  return lang === 'uz'
    ? `${year}-yil ${roman} chorak`
    : lang === 'ru'
      ? `${roman} квартал ${year} г.`
      : `Q${n} ${year}`;
}

/** A receipt's notes as sentences in the owner's language (the PDF, the mail, the pay page). */
export function receiptNotes(receipt: Receipt, lang: Language): string[] {
  const w = RECEIPT_WORDS[lang];
  return (receipt.notes ?? []).map((n: ReceiptNote) => {
    const cause = stopCause(n.rule);
    const period = periodName(lang, n.period);
    return cause.kind === 'quarterly_report'
      ? w.noContributionReport({ period, quarter: quarterName(lang, cause.quarter) })
      : w.noContributionOther({ period, reason: n.reason });
  });
}

/** The mail that carries a receipt, in the owner's language. */
export function receiptMail(snapshot: ReceiptSnapshot, lang: Language): { subject: string; text: string } {
  const w = RECEIPT_WORDS[lang];
  const r = snapshot.receipt;
  const period = periodName(lang, r.period);
  const notes = receiptNotes(r, lang);
  return {
    subject: w.mailSubject(period, r.number),
    text:
      (notes.length ? `${notes.join('.\n')}.\n\n` : '') +
      w.mailBody({
        name: snapshot.parties.ownerName,
        period,
        toPay: money(lang, r.toPay),
        due: dayName(r.dueDate),
        url: snapshot.payUrl,
      }),
  };
}

// biome-ignore format: a table reads better one language a line
const NOTICE_WORDS: Record<Language, (a: { period: string; number: string; toPay: string; due: string }) => string> = {
  uz: (a) => `${a.period} uchun kvitansiya № ${a.number}.\nToʻlash kerak: ${a.toPay}, muddat: ${a.due}.`,
  ru: (a) => `Квитанция за ${a.period} № ${a.number}.\nК оплате: ${a.toPay}, срок: ${a.due}.`,
  en: (a) => `Receipt for ${a.period} No. ${a.number}.\nTo pay: ${a.toPay}, due by ${a.due}.`,
};

/**
 * A receipt's notice where no PDF goes (Telegram, SMS, the in-app inbox): what is due and by when,
 * with the notes that explain a missing contribution; the channel adds the payment page's link.
 */
export function receiptNotice(snapshot: ReceiptSnapshot, lang: Language): { subject: string; body: string } {
  const r = snapshot.receipt;
  const period = periodName(lang, r.period);
  const notes = receiptNotes(r, lang);
  return {
    subject: RECEIPT_WORDS[lang].mailSubject(period, r.number),
    body:
      NOTICE_WORDS[lang]({ period, number: r.number, toPay: money(lang, r.toPay), due: dayName(r.dueDate) }) +
      (notes.length ? `\n${notes.join('.\n')}.` : ''),
  };
}
