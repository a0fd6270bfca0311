// The mail an appeal's applicant and its responsible body receive at each step, wholly in the
// recipient's language: the category and status in words (vocabulary.ts), the dates as the
// appeal's one story tells them (dates.ts). Templates are code, so a missing text is a type error.
import { dottedDate } from '../calendar/working-days.ts';
import type { Language } from '../common/language.ts';
import type { AppealDates } from './dates.ts';
import type { AppealCategory, AppealStatus } from './types.ts';
import { appealVocabulary } from './vocabulary.ts';

export const APPEAL_NOTICES = [
  'acknowledgement',
  'reminder',
  'answered',
  'escalated',
  'transferred',
  'reopened',
  'closed',
  'extended',
] as const;
export type AppealNotice = (typeof APPEAL_NOTICES)[number];

export interface AppealNoticeData {
  registrationNumber: string;
  category: AppealCategory;
  status: AppealStatus;
  responsibleName: string;
  dates: AppealDates;
  answerText: string | null;
  link: string;
}

interface Words {
  subject: Record<AppealNotice, string>;
  lead: Record<AppealNotice, string>;
  appeal: (number: string) => string;
  category: string;
  status: string;
  responsible: string;
  received: string;
  registered: string;
  nextWorkingDay: string;
  due: string;
  answer: string;
  open: string;
}

const WORDS: Record<Language, Words> = {
  uz: {
    subject: {
      acknowledgement: 'qabul qilindi',
      reminder: 'javob muddati yaqinlashmoqda',
      answered: 'javob berildi',
      escalated: 'inspeksiyaga oshirildi',
      transferred: 'boshqa organga yuborildi',
      reopened: 'qayta koʻrib chiqilmoqda',
      closed: 'yopildi',
      extended: 'muddat uzaytirildi',
    },
    lead: {
      acknowledgement: 'Murojaat qabul qilindi va roʻyxatga olindi.',
      reminder: 'Murojaatga javob berish muddati yaqinlashmoqda.',
      answered: 'Murojaatga javob berildi.',
      escalated: 'Muddatida javob berilmagani uchun murojaat inspeksiyaga oshirildi.',
      transferred: 'Murojaat vakolatli organga yuborildi.',
      reopened: 'Javobga eʼtiroz bildirildi: murojaat qayta koʻrib chiqilmoqda.',
      closed: 'Murojaat yopildi.',
      extended: 'Murojaatni koʻrib chiqish muddati uzaytirildi.',
    },
    appeal: (n) => `Murojaat № ${n}`,
    category: 'Mavzu',
    status: 'Holati',
    responsible: 'Javobgar',
    received: 'Qabul qilingan',
    registered: 'Roʻyxatga olingan',
    nextWorkingDay: 'keyingi ish kuni',
    due: 'Javob muddati',
    answer: 'Javob',
    open: 'Murojaatni ochish',
  },
  ru: {
    subject: {
      acknowledgement: 'принято',
      reminder: 'приближается срок ответа',
      answered: 'дан ответ',
      escalated: 'передано в инспекцию',
      transferred: 'направлено в другой орган',
      reopened: 'рассматривается повторно',
      closed: 'закрыто',
      extended: 'срок продлён',
    },
    lead: {
      acknowledgement: 'Обращение получено и зарегистрировано.',
      reminder: 'Приближается срок ответа на обращение.',
      answered: 'На обращение дан ответ.',
      escalated: 'Ответ не дан в срок: обращение передано в инспекцию.',
      transferred: 'Обращение направлено в компетентный орган.',
      reopened: 'Ответ обжалован: обращение рассматривается повторно.',
      closed: 'Обращение закрыто.',
      extended: 'Срок рассмотрения обращения продлён.',
    },
    appeal: (n) => `Обращение № ${n}`,
    category: 'Тема',
    status: 'Статус',
    responsible: 'Ответственный',
    received: 'Получено',
    registered: 'Зарегистрировано',
    nextWorkingDay: 'следующий рабочий день',
    due: 'Срок ответа',
    answer: 'Ответ',
    open: 'Открыть обращение',
  },
  en: {
    subject: {
      acknowledgement: 'received',
      reminder: 'the answer is due soon',
      answered: 'answered',
      escalated: 'escalated to the inspection',
      transferred: 'forwarded to another body',
      reopened: 'considered again',
      closed: 'closed',
      extended: 'term extended',
    },
    lead: {
      acknowledgement: 'The appeal was received and registered.',
      reminder: 'The term to answer the appeal runs out soon.',
      answered: 'The appeal has been answered.',
      escalated: 'No answer came in time: the appeal was escalated to the inspection.',
      transferred: 'The appeal was forwarded to the competent body.',
      reopened: 'The answer was disputed: the appeal is considered again.',
      closed: 'The appeal is closed.',
      extended: 'The term to consider the appeal was extended.',
    },
    appeal: (n) => `Appeal No. ${n}`,
    category: 'Category',
    status: 'Status',
    responsible: 'Responsible',
    received: 'Received',
    registered: 'Registered',
    nextWorkingDay: 'the next working day',
    due: 'Answer due by',
    answer: 'Answer',
    open: 'Open the appeal',
  },
};

/** What a notice's subject says after the appeal's number, in every language: how a reader (or a test) tells the notices apart. */
export const noticeTitles = (notice: AppealNotice): string[] =>
  (Object.keys(WORDS) as Language[]).map((l) => WORDS[l].subject[notice]);

export function renderAppealNotice(
  lang: Language,
  notice: AppealNotice,
  d: AppealNoticeData,
): { subject: string; text: string } {
  const w = WORDS[lang];
  const v = appealVocabulary[lang];
  const registered = d.dates.registeredLater
    ? `${dottedDate(d.dates.registeredOn)} (${w.nextWorkingDay})`
    : dottedDate(d.dates.registeredOn);
  const text = [
    `${w.appeal(d.registrationNumber)}. ${w.lead[notice]}`,
    [
      `${w.category}: ${v[`cat_${d.category}`]}`,
      `${w.status}: ${v[`status_${d.status}`]}`,
      `${w.responsible}: ${d.responsibleName}`,
      `${w.received}: ${dottedDate(d.dates.receivedOn)}`,
      `${w.registered}: ${registered}`,
      `${w.due}: ${dottedDate(d.dates.dueLastDay)}`,
    ].join('\n'),
    d.answerText && notice === 'answered' ? `${w.answer}: ${d.answerText}` : '',
    `${w.open}: ${d.link}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { subject: `${w.appeal(d.registrationNumber)}: ${w.subject[notice]}`, text };
}
