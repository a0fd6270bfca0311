// The mail to a party whose signature a contract's document awaits (its conclusion, an amendment or
// a termination), wholly in the recipient's language, with the link that opens the contract and its
// sign control (domain/common/links.ts). Templates are code, so a missing text is a type error.
import type { Language } from '../common/language.ts';

export type SignedChange = 'conclusion' | 'amendment' | 'termination';

export interface ContractSignMailData {
  number: string;
  change: SignedChange;
  /** The other party, named as the document names it. */
  otherParty: string;
  link: string;
}

interface Words {
  subject: Record<SignedChange, (n: string) => string>;
  lead: Record<SignedChange, (n: string, other: string) => string>;
  read: string;
  open: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    subject: {
      conclusion: (n) => `${n}-sonli shartnoma imzoingizni kutmoqda`,
      amendment: (n) => `${n}-sonli shartnomaga oʻzgartirish imzoingizni kutmoqda`,
      termination: (n) => `${n}-sonli shartnomani bekor qilish imzoingizni kutmoqda`,
    },
    lead: {
      conclusion: (n, o) => `${n}-sonli shartnoma imzoga yuborildi. Ikkinchi tomon: ${o}.`,
      amendment: (n, o) => `${n}-sonli shartnomaga oʻzgartirish taklif qilindi. Ikkinchi tomon: ${o}.`,
      termination: (n, o) => `${n}-sonli shartnomani bekor qilish taklif qilindi. Ikkinchi tomon: ${o}.`,
    },
    read: 'Imzolashdan oldin hujjat matnini oʻqing: imzo tugmasi matn koʻrsatilgandan keyin faollashadi.',
    open: 'Shartnomani ochish va imzolash',
  },
  ru: {
    subject: {
      conclusion: (n) => `Договор № ${n} ждёт вашей подписи`,
      amendment: (n) => `Изменение договора № ${n} ждёт вашей подписи`,
      termination: (n) => `Расторжение договора № ${n} ждёт вашей подписи`,
    },
    lead: {
      conclusion: (n, o) => `Договор № ${n} отправлен на подпись. Другая сторона: ${o}.`,
      amendment: (n, o) => `Предложено изменение договора № ${n}. Другая сторона: ${o}.`,
      termination: (n, o) => `Предложено расторжение договора № ${n}. Другая сторона: ${o}.`,
    },
    read: 'Прочтите текст документа перед подписью: кнопка подписи включается, когда текст показан.',
    open: 'Открыть и подписать договор',
  },
  en: {
    subject: {
      conclusion: (n) => `Contract ${n} awaits your signature`,
      amendment: (n) => `An amendment of contract ${n} awaits your signature`,
      termination: (n) => `The termination of contract ${n} awaits your signature`,
    },
    lead: {
      conclusion: (n, o) => `Contract ${n} was sent for signature. The other party: ${o}.`,
      amendment: (n, o) => `An amendment of contract ${n} was proposed. The other party: ${o}.`,
      termination: (n, o) => `The termination of contract ${n} was proposed. The other party: ${o}.`,
    },
    read: 'Read the document before you sign: the sign button is enabled once its text is shown.',
    open: 'Open and sign the contract',
  },
};

export function renderContractSignMail(
  lang: Language,
  d: ContractSignMailData,
): { subject: string; text: string } {
  const w = WORDS[lang];
  return {
    subject: w.subject[d.change](d.number),
    text: [w.lead[d.change](d.number, d.otherParty), '', w.read, '', `${w.open}: ${d.link}`].join('\n'),
  };
}
