// Words of "check my ballot" once it has run (check-view.ts): each ballot's outcome, the form for a
// receipt secret kept elsewhere. They come with that module, when the voter presses the button.
// Uzbek uses U+02BB (oʻ, gʻ) and U+02BC (tutuq belgisi), as in widgets/core/messages.ts.
import type { Catalogs } from '../core/i18n.ts';

const en = {
  checkFound: 'Counted as cast: tracker {tracker} is in the published list with your answers.',
  checkAltered: 'Tracker {tracker} is published with different answers. Report this to the initiator.',
  checkMissing: 'Your tracker {tracker} is NOT in the published list. Report this to the initiator.',
  checkNoSecret: 'This browser has no receipt secret for this ballot. Paste the secret you saved:',
  checkBadSecret: 'A receipt secret is 64 characters, digits and the letters a–f.',
  checkWith: 'Check',
  resultsNotReady: 'The published list is not available yet.',
} as const;

export type CheckMessageKey = keyof typeof en;

export const checkMessages: Catalogs<CheckMessageKey> = {
  en,
  uz: {
    checkFound:
      'Siz bergandek hisobga olindi: {tracker} trekeri javoblaringiz bilan eʼlon qilingan roʻyxatda bor.',
    checkAltered:
      '{tracker} trekeri boshqa javoblar bilan eʼlon qilingan. Bu haqda tashabbuskorga xabar bering.',
    checkMissing:
      '{tracker} trekeringiz eʼlon qilingan roʻyxatda YOʻQ. Bu haqda tashabbuskorga xabar bering.',
    checkNoSecret:
      'Bu brauzerda ushbu byulleten uchun kvitansiya siri yoʻq. Saqlab qoʻygan siringizni kiriting:',
    checkBadSecret: 'Kvitansiya siri 64 ta belgidan iborat: raqamlar va a–f harflari.',
    checkWith: 'Tekshirish',
    resultsNotReady: 'Eʼlon qilingan roʻyxat hali tayyor emas.',
  },
  ru: {
    checkFound:
      'Учтён так, как вы голосовали: трекер {tracker} есть в опубликованном списке с вашими ответами.',
    checkAltered: 'Трекер {tracker} опубликован с другими ответами. Сообщите об этом инициатору.',
    checkMissing: 'Вашего трекера {tracker} НЕТ в опубликованном списке. Сообщите об этом инициатору.',
    checkNoSecret: 'В этом браузере нет секрета квитанции для этого бюллетеня. Вставьте сохранённый секрет:',
    checkBadSecret: 'Секрет квитанции — 64 символа: цифры и буквы a–f.',
    checkWith: 'Проверить',
    resultsNotReady: 'Опубликованный список ещё недоступен.',
  },
};
