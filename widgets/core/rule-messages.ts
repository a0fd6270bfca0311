// A rule's refusal in the reader's words, keyed by the problem's stable `code` (the capability and
// the rule's code, api/rule-problem.ts); a code shared by every capability also has a plain key.
// The keys are typed from the capabilities' own codes, so a renamed or removed code fails the
// build here instead of leaving a refusal in English. Every code of widgets/refusal-codes.ts has
// words here, under its own name or the plain one (tests/widgets/refusal-words.test.ts walks them),
// so a rule's English `detail` never reaches a reader; `unknown` says a code this bundle does not
// know yet (a newer API) in the reader's language instead.

import type { RefusalCode } from '../refusal-codes.ts';
import type { Catalogs } from './i18n.ts';

const en = {
  not_found: 'It is not there (any more): it may have been removed. Reload the page.',
  invalid: 'What was sent does not fit the rules. Check the fields and try again.',
  expired: 'This code or link has expired. Ask for a new one.',
  conflict: 'Someone changed this in the meantime. Reload the page.',
  'billing.transfer_conflict': 'This payment was already recorded with other details.',
  'billing.not_pending': 'This payment is no longer waiting: it was already posted or voided.',
  'billing.below_minimum': 'The tariff is below the minimum for this building’s class.',
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
  'lots.signature_refused': 'The signature was not accepted: sign the act shown, with your own valid key.',
  'notifications.no_code': 'No code was sent to you. Ask for one.',
  'notifications.code_wrong': 'This is not the code that was sent.',
  'notifications.code_expired': 'This code has expired. Ask for a new one.',
  'notifications.code_exhausted': 'Too many wrong codes. Ask for a new one.',
  'notifications.code_used': 'This code was already used. Ask for a new one.',
  'notifications.too_many_codes': 'Too many codes were sent within the hour. Try again later.',
  'notifications.phone_unreachable': 'No SMS can be sent to this number. Check it.',
  unknown:
    'The service gave a reason this page cannot yet say in your language. Reload the page and try again.',
} as const satisfies Partial<Record<RefusalCode | 'unknown', string>>;

export type RuleMessageKey = keyof typeof en;

export const ruleMessages: Catalogs<RuleMessageKey> = {
  en,
  uz: {
    not_found: 'Bu (endi) yoʻq: oʻchirilgan boʻlishi mumkin. Sahifani yangilang.',
    invalid: 'Yuborilgan maʼlumot qoidalarga mos emas. Maydonlarni tekshirib, qayta urinib koʻring.',
    expired: 'Bu kod yoki havolaning muddati tugagan. Yangisini soʻrang.',
    conflict: 'Buni shu orada kimdir oʻzgartirdi. Sahifani yangilang.',
    'billing.transfer_conflict': 'Bu toʻlov boshqa maʼlumotlar bilan allaqachon qayd etilgan.',
    'billing.not_pending': 'Bu toʻlov endi kutilmayapti: u allaqachon oʻtkazilgan yoki bekor qilingan.',
    'billing.below_minimum': 'Tarif bu bino sinfi uchun eng kam miqdordan past.',
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
    'lots.signature_refused':
      'Imzo qabul qilinmadi: koʻrsatilgan dalolatnomani oʻzingizning amaldagi kalitingiz bilan imzolang.',
    'notifications.no_code': 'Sizga kod yuborilmagan. Kod soʻrang.',
    'notifications.code_wrong': 'Bu yuborilgan kod emas.',
    'notifications.code_expired': 'Bu kodning muddati tugagan. Yangisini soʻrang.',
    'notifications.code_exhausted': 'Notoʻgʻri kod juda koʻp kiritildi. Yangisini soʻrang.',
    'notifications.code_used': 'Bu kod allaqachon ishlatilgan. Yangisini soʻrang.',
    'notifications.too_many_codes': 'Bir soat ichida juda koʻp kod yuborildi. Keyinroq urinib koʻring.',
    'notifications.phone_unreachable': 'Bu raqamga SMS yuborib boʻlmaydi. Raqamni tekshiring.',
    unknown:
      'Xizmat sabab koʻrsatdi, lekin bu sahifa uni hali sizning tilingizda ayta olmaydi. Sahifani yangilab, qayta urinib koʻring.',
  },
  ru: {
    not_found: 'Этого (больше) нет: возможно, удалено. Обновите страницу.',
    invalid: 'Отправленное не соответствует правилам. Проверьте поля и повторите.',
    expired: 'Срок действия этого кода или ссылки истёк. Запросите новый.',
    conflict: 'Это тем временем кто-то изменил. Обновите страницу.',
    'billing.transfer_conflict': 'Этот платёж уже записан с другими данными.',
    'billing.not_pending': 'Этот платёж больше не ожидает: он уже проведён или отменён.',
    'billing.below_minimum': 'Тариф ниже минимума для класса этого дома.',
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
    'lots.signature_refused': 'Подпись не принята: подпишите показанный акт своим действующим ключом.',
    'notifications.no_code': 'Код вам не отправлялся. Запросите его.',
    'notifications.code_wrong': 'Это не тот код, что был отправлен.',
    'notifications.code_expired': 'Срок действия кода истёк. Запросите новый.',
    'notifications.code_exhausted': 'Слишком много неверных кодов. Запросите новый.',
    'notifications.code_used': 'Этот код уже использован. Запросите новый.',
    'notifications.too_many_codes': 'За час отправлено слишком много кодов. Попробуйте позже.',
    'notifications.phone_unreachable': 'На этот номер нельзя отправить SMS. Проверьте его.',
    unknown:
      'Сервис указал причину, которую эта страница пока не может сказать на вашем языке. Обновите страницу и повторите попытку.',
  },
};
