// Texts of the board's "Register a phone call" form (board-call.ts), apart from board-messages.ts:
// they come with the form when a dispatcher first opens it. Uzbek in Latin script with U+02BB /
// U+02BC.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  callBuilding: 'Building',
  chooseBuilding: 'Choose a building',
  noBuildings: 'The organization manages no buildings on record.',
  callApartment: 'Apartment (if the caller named one)',
  callWholeBuilding: 'Not an apartment: the building',
  callerPhone: 'Caller’s phone',
  callerPhoneHint: '+998 and nine digits, e.g. +998 90 123 45 67',
  callText: 'What the caller said',
  callRang: 'The phone rang (Tashkent time)',
  callAnswered: 'Answered (Tashkent time)',
  callSubmit: 'Register the call',
  callSending: 'Registering…',
  callRegistered: 'Registered as request No. {number}.',
  callAnother: 'Register another call',
  callFailed: 'Not registered: {reason}',
} as const;

export type CallMessageKey = keyof typeof en;

const uz: Record<CallMessageKey, string> = {
  callBuilding: 'Bino',
  chooseBuilding: 'Binoni tanlang',
  noBuildings: 'Tashkilot boshqaradigan binolar roʻyxatda yoʻq.',
  callApartment: 'Xonadon (agar qoʻngʻiroq qiluvchi aytgan boʻlsa)',
  callWholeBuilding: 'Xonadon emas: butun bino',
  callerPhone: 'Qoʻngʻiroq qiluvchining telefoni',
  callerPhoneHint: '+998 va toʻqqiz raqam, masalan +998 90 123 45 67',
  callText: 'Qoʻngʻiroq qiluvchi nima dedi',
  callRang: 'Telefon jiringlagan vaqt (Toshkent vaqti)',
  callAnswered: 'Javob berilgan vaqt (Toshkent vaqti)',
  callSubmit: 'Qoʻngʻiroqni roʻyxatga olish',
  callSending: 'Roʻyxatga olinmoqda…',
  callRegistered: '№ {number} murojaat sifatida roʻyxatga olindi.',
  callAnother: 'Yana bir qoʻngʻiroqni roʻyxatga olish',
  callFailed: 'Roʻyxatga olinmadi: {reason}',
};

const ru: Record<CallMessageKey, string> = {
  callBuilding: 'Дом',
  chooseBuilding: 'Выберите дом',
  noBuildings: 'В реестре нет домов под управлением организации.',
  callApartment: 'Квартира (если звонящий назвал)',
  callWholeBuilding: 'Не квартира: весь дом',
  callerPhone: 'Телефон звонящего',
  callerPhoneHint: '+998 и девять цифр, например +998 90 123 45 67',
  callText: 'Что сказал звонящий',
  callRang: 'Звонок поступил (время Ташкента)',
  callAnswered: 'Ответили (время Ташкента)',
  callSubmit: 'Зарегистрировать звонок',
  callSending: 'Регистрируем…',
  callRegistered: 'Зарегистрирована заявка № {number}.',
  callAnother: 'Зарегистрировать ещё звонок',
  callFailed: 'Не зарегистрировано: {reason}',
};

export const callMessages: Catalogs<CallMessageKey> = { uz, ru, en };
