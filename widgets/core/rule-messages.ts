// A rule's refusal in the reader's words, keyed by the problem's stable `code` (the capability and
// the rule's code, api/rule-problem.ts); a code shared by every capability also has a plain key.
// The keys are typed from the capabilities' own codes, so a renamed or removed code fails the
// build here instead of leaving a refusal in English. Codes the status sentence already says well
// (not_found, invalid) need no entry; the service's English `detail` shows only for a code the
// table lacks.

import type { RefusalCode } from '../refusal-codes.ts';
import type { Catalogs } from './i18n.ts';

const en = {
  forbidden: 'Your role does not allow this action here.',
  wrong_state: 'In its current state this can no longer be done.',
  idempotency_conflict:
    'This request was already sent with different content. Reload the page and try again.',
  signature_rejected: 'The signature was not accepted: sign with your own valid key.',
  'meetings.wrong_phase': 'The meeting is at a stage where this can no longer be done.',
  'meetings.not_eligible': 'You have no vote in this meeting.',
  'meetings.not_selectable': 'This option cannot be chosen.',
  'contracts.not_selectable': 'This organization cannot be chosen for the contract.',
  'register.requirements_not_met': 'The organization does not yet meet the requirements of the register.',
  'commissioning.conditions_missing': 'Not all conditions for commissioning are met yet.',
  'registry.conflict': 'Someone changed this assessment in the meantime. Reload the page.',
  'reports.quarter_not_begun': 'This quarter has not begun yet.',
  'reports.not_managed': 'Your organization does not manage this building.',
  'billing.already_registered': 'This is already registered.',
  'billing.line_not_waiting':
    'This payment no longer waits for assignment: someone matched or assigned it meanwhile. Reload the list.',
  'lots.violations':
    'The lots break a rule: each lot needs buildings of this district with enough apartments, and a building belongs to one lot only.',
  'lots.window_closed': 'The time for applications to this lot has ended.',
} as const satisfies Partial<Record<RefusalCode, string>>;

export type RuleMessageKey = keyof typeof en;

export const ruleMessages: Catalogs<RuleMessageKey> = {
  en,
  uz: {
    forbidden: 'Sizning rolingiz bu yerda bu amalga ruxsat bermaydi.',
    wrong_state: 'Hozirgi holatida buni endi qilib boʻlmaydi.',
    idempotency_conflict:
      'Bu soʻrov boshqa mazmun bilan allaqachon yuborilgan. Sahifani yangilab, qayta urinib koʻring.',
    signature_rejected: 'Imzo qabul qilinmadi: oʻzingizning amaldagi kalitingiz bilan imzolang.',
    'meetings.wrong_phase': 'Yigʻilish buni endi qilib boʻlmaydigan bosqichda.',
    'meetings.not_eligible': 'Bu yigʻilishda sizning ovozingiz yoʻq.',
    'meetings.not_selectable': 'Bu variantni tanlab boʻlmaydi.',
    'contracts.not_selectable': 'Bu tashkilotni shartnoma uchun tanlab boʻlmaydi.',
    'register.requirements_not_met': 'Tashkilot hali reyestr talablariga javob bermaydi.',
    'commissioning.conditions_missing': 'Foydalanishga topshirish shartlari hali toʻliq bajarilmagan.',
    'registry.conflict': 'Bu baholashni shu orada kimdir oʻzgartirdi. Sahifani yangilang.',
    'reports.quarter_not_begun': 'Bu chorak hali boshlanmagan.',
    'reports.not_managed': 'Tashkilotingiz bu binoni boshqarmaydi.',
    'billing.already_registered': 'Bu allaqachon roʻyxatga olingan.',
    'billing.line_not_waiting':
      'Bu toʻlov endi biriktirishni kutmayapti: uni shu orada kimdir moslashtirdi yoki biriktirdi. Roʻyxatni yangilang.',
    'lots.violations':
      'Lotlar qoidaga zid: har bir lotda shu tumanning yetarli xonadonli binolari boʻlishi, har bir bino esa faqat bitta lotda boʻlishi kerak.',
    'lots.window_closed': 'Bu lotga ariza berish muddati tugagan.',
  },
  ru: {
    forbidden: 'Ваша роль не позволяет это действие здесь.',
    wrong_state: 'В текущем состоянии это уже невозможно.',
    idempotency_conflict: 'Этот запрос уже отправлен с другим содержанием. Обновите страницу и повторите.',
    signature_rejected: 'Подпись не принята: подпишите своим действующим ключом.',
    'meetings.wrong_phase': 'Собрание на этапе, когда это уже невозможно.',
    'meetings.not_eligible': 'У вас нет голоса на этом собрании.',
    'meetings.not_selectable': 'Этот вариант выбрать нельзя.',
    'contracts.not_selectable': 'Эту организацию нельзя выбрать для договора.',
    'register.requirements_not_met': 'Организация пока не отвечает требованиям реестра.',
    'commissioning.conditions_missing': 'Ещё не выполнены все условия ввода в эксплуатацию.',
    'registry.conflict': 'Эту оценку тем временем кто-то изменил. Обновите страницу.',
    'reports.quarter_not_begun': 'Этот квартал ещё не начался.',
    'reports.not_managed': 'Ваша организация не управляет этим домом.',
    'billing.already_registered': 'Это уже зарегистрировано.',
    'billing.line_not_waiting':
      'Этот платёж больше не ждёт привязки: его тем временем сопоставили или привязали. Обновите список.',
    'lots.violations':
      'Лоты нарушают правило: в каждом лоте должны быть дома этого района с достаточным числом квартир, а каждый дом — только в одном лоте.',
    'lots.window_closed': 'Срок подачи заявок на этот лот истёк.',
  },
};
