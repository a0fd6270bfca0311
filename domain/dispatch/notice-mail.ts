// The notices of the dispatch service: to the resident (received, accepted, on the way, done,
// closed, resolved with a mass incident; through notifications, by the resident's channels) and to the organization (reminders, escalations) in the reader's language.
import type { Language } from '../common/language.ts';

export const DISPATCH_NOTICES = [
  'acknowledgement',
  'accepted',
  'on_the_way',
  'reminder',
  'escalated_chief',
  'escalated_inspection',
  'done',
  'closed',
  'mass_resolved',
] as const;
export type DispatchNotice = (typeof DISPATCH_NOTICES)[number];

type Texts = Record<DispatchNotice, (n: string) => { subject: string; text: string }>;

const TEXTS: Record<Language, Texts> = {
  uz: {
    acknowledgement: (n) => ({
      subject: `Arizangiz qabul qilindi: ${n}`,
      text: `Dispetcherlik xizmati ${n}-sonli arizangizni ro'yxatga oldi.`,
    }),
    accepted: (n) => ({
      subject: `${n}-sonli arizangizni usta qabul qildi`,
      text: `Usta ${n}-sonli arizangizni ishga oldi.`,
    }),
    on_the_way: (n) => ({
      subject: `${n}-sonli ariza: usta yoʻlda`,
      text: `Usta ${n}-sonli arizangiz boʻyicha sizga yoʻlga chiqdi.`,
    }),
    reminder: (n) => ({
      subject: `Eslatma: ${n}-sonli ariza muddati yaqin`,
      text: `${n}-sonli ariza bo'yicha muddat tugashiga oz qoldi.`,
    }),
    escalated_chief: (n) => ({
      subject: `Bosh muhandisga: ${n}-sonli ariza muddati o'tdi`,
      text: `${n}-sonli ariza bo'yicha belgilangan muddat buzildi.`,
    }),
    escalated_inspection: (n) => ({
      subject: `Inspeksiyaga: ${n}-sonli ariza muddati o'tdi`,
      text: `${n}-sonli ariza bo'yicha muddat buzilgan va hal qilinmagan.`,
    }),
    done: (n) => ({
      subject: `${n}-sonli ariza bajarildi`,
      text: `Ish bajarildi. Iltimos, tasdiqlang yoki rad eting.`,
    }),
    closed: (n) => ({
      subject: `${n}-sonli ariza yopildi`,
      text: `Ariza yopildi. Xizmatni baholashingiz mumkin.`,
    }),
    mass_resolved: (n) => ({
      subject: `${n}-sonli ariza: avariya bartaraf etildi`,
      text: `Uyingizdagi umumiy avariya bartaraf etildi. Iltimos, tasdiqlang yoki rad eting.`,
    }),
  },
  ru: {
    acknowledgement: (n) => ({
      subject: `Заявка принята: ${n}`,
      text: `Диспетчерская служба зарегистрировала вашу заявку № ${n}.`,
    }),
    accepted: (n) => ({
      subject: `Заявку ${n} принял мастер`,
      text: `Мастер взял вашу заявку № ${n} в работу.`,
    }),
    on_the_way: (n) => ({
      subject: `Заявка ${n}: мастер в пути`,
      text: `Мастер выехал к вам по заявке № ${n}.`,
    }),
    reminder: (n) => ({
      subject: `Напоминание: срок по заявке ${n} истекает`,
      text: `По заявке № ${n} скоро истекает срок.`,
    }),
    escalated_chief: (n) => ({
      subject: `Главному инженеру: срок по заявке ${n} нарушен`,
      text: `По заявке № ${n} нарушен установленный срок.`,
    }),
    escalated_inspection: (n) => ({
      subject: `В инспекцию: срок по заявке ${n} нарушен`,
      text: `По заявке № ${n} срок нарушен, и она не выполнена.`,
    }),
    done: (n) => ({
      subject: `Заявка ${n} выполнена`,
      text: `Работа выполнена. Подтвердите или отклоните, пожалуйста.`,
    }),
    closed: (n) => ({ subject: `Заявка ${n} закрыта`, text: `Заявка закрыта. Вы можете оценить работу.` }),
    mass_resolved: (n) => ({
      subject: `Заявка ${n}: авария устранена`,
      text: `Общая авария в вашем доме устранена. Подтвердите или отклоните, пожалуйста.`,
    }),
  },
  en: {
    acknowledgement: (n) => ({
      subject: `Request received: ${n}`,
      text: `The dispatch service registered your request ${n}.`,
    }),
    accepted: (n) => ({
      subject: `Request ${n} accepted by a technician`,
      text: `A technician took on your request ${n}.`,
    }),
    on_the_way: (n) => ({
      subject: `Request ${n}: the technician is on the way`,
      text: `The technician is on the way to you for request ${n}.`,
    }),
    reminder: (n) => ({
      subject: `Reminder: request ${n} is nearly due`,
      text: `A deadline of request ${n} is close.`,
    }),
    escalated_chief: (n) => ({
      subject: `To the chief engineer: request ${n} is overdue`,
      text: `A deadline of request ${n} was missed.`,
    }),
    escalated_inspection: (n) => ({
      subject: `To the inspection: request ${n} is overdue`,
      text: `A deadline of request ${n} was missed and it is still not done.`,
    }),
    done: (n) => ({
      subject: `Request ${n} is done`,
      text: `The work is done. Please confirm or reject it.`,
    }),
    closed: (n) => ({
      subject: `Request ${n} is closed`,
      text: `The request is closed. You may rate the work.`,
    }),
    mass_resolved: (n) => ({
      subject: `Request ${n}: the incident is resolved`,
      text: `The incident affecting your building is resolved. Please confirm or reject it.`,
    }),
  },
};

export const renderDispatchNotice = (lang: Language, notice: DispatchNotice, number: string) =>
  TEXTS[lang][notice](number);

/** Who hears of a notice: the resident, the organization (its chief engineer), the district inspection. */
export const NOTICE_TO: Record<DispatchNotice, ('resident' | 'organization' | 'inspection')[]> = {
  acknowledgement: ['resident'],
  accepted: ['resident'],
  on_the_way: ['resident'],
  reminder: ['organization'],
  escalated_chief: ['organization'],
  escalated_inspection: ['inspection', 'organization'],
  done: ['resident'],
  closed: ['resident'],
  mass_resolved: ['resident'],
};
