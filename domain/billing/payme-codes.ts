// The vocabulary of the Payme Merchant API as Payme defines it: error codes with the {ru, uz, en}
// messages Payme shows the payer, transaction states and cancel reasons. Codes −31050…−31099 are
// Payme's range for "bad account"; which code means what inside it is ours to say.

export const PAYME_ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  unauthorized: -32504,
  system: -32400,
  amount: -31001,
  notFound: -31003,
  cannotCancel: -31007,
  cannotPerform: -31008,
  /** The personal account in `account` names no owner's share of an apartment. */
  accountNotFound: -31050,
  /** The account exists but takes no payments: its building is not registered for billing. */
  accountNotPayable: -31051,
} as const;
export type PaymeErrorCode = (typeof PAYME_ERRORS)[keyof typeof PAYME_ERRORS];

export const isAccountError = (code: number): boolean => code <= -31050 && code >= -31099;

export interface Localized {
  ru: string;
  uz: string;
  en: string;
}

export const PAYME_MESSAGES: Record<PaymeErrorCode, Localized> = {
  [-32700]: { ru: 'Ошибка разбора JSON', uz: 'JSON tahlilida xato', en: 'Parse error' },
  [-32600]: {
    ru: 'Неверный RPC-запрос: нет обязательных полей или неверный тип поля',
    uz: 'Notoʻgʻri RPC soʻrovi: majburiy maydon yoʻq yoki turi notoʻgʻri',
    en: 'Invalid RPC request: a required field is missing or has the wrong type',
  },
  [-32601]: { ru: 'Метод не найден', uz: 'Usul topilmadi', en: 'Method not found' },
  [-32504]: {
    ru: 'Недостаточно привилегий для выполнения метода',
    uz: 'Usulni bajarish uchun huquq yetarli emas',
    en: 'Insufficient privileges to perform the method',
  },
  [-32400]: { ru: 'Системная ошибка', uz: 'Tizim xatosi', en: 'System error' },
  [-31001]: { ru: 'Неверная сумма', uz: 'Notoʻgʻri summa', en: 'Invalid amount' },
  [-31003]: { ru: 'Транзакция не найдена', uz: 'Tranzaksiya topilmadi', en: 'Transaction not found' },
  [-31007]: {
    ru: 'Невозможно отменить транзакцию: платёж уже зачтён',
    uz: 'Tranzaksiyani bekor qilib boʻlmaydi: toʻlov hisobga olingan',
    en: 'The transaction cannot be cancelled: the payment has been credited',
  },
  [-31008]: {
    ru: 'Невозможно выполнить операцию',
    uz: 'Amalni bajarib boʻlmaydi',
    en: 'The operation cannot be performed',
  },
  [-31050]: { ru: 'Лицевой счёт не найден', uz: 'Shaxsiy hisob topilmadi', en: 'Personal account not found' },
  [-31051]: {
    ru: 'Лицевой счёт не принимает платежи',
    uz: 'Shaxsiy hisob toʻlov qabul qilmaydi',
    en: 'The personal account does not accept payments',
  },
};

export const PAYME_STATES = { created: 1, performed: 2, cancelled: -1, cancelledAfterPerform: -2 } as const;
export type PaymeState = (typeof PAYME_STATES)[keyof typeof PAYME_STATES];

/** Why a transaction was cancelled, as Payme numbers it. */
export const PAYME_CANCEL_REASONS = {
  1: 'one or more receivers not found or inactive',
  2: 'debit operation failed at the processing centre',
  3: 'transaction failed',
  4: 'cancelled by timeout',
  5: 'refund',
  10: 'unknown error',
} as const;
export type PaymeCancelReason = keyof typeof PAYME_CANCEL_REASONS;
export const isCancelReason = (r: unknown): r is PaymeCancelReason =>
  typeof r === 'number' && Object.hasOwn(PAYME_CANCEL_REASONS, r);

export interface PaymeError {
  code: PaymeErrorCode;
  message: Localized;
  /** For account errors, the field of `account` at fault, as Payme expects. */
  data?: string;
}

export const paymeError = (code: PaymeErrorCode, data?: string): PaymeError =>
  data === undefined
    ? { code, message: PAYME_MESSAGES[code] }
    : { code, message: PAYME_MESSAGES[code], data };
