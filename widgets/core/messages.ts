// Messages every widget needs: loading and error states, a list's prompt to choose and a file
// field's words (why a write was refused is in field-messages.ts, fetched with the refusal views).
// Uzbek uses the official Latin letters (U+02BB in oʻ/gʻ, U+02BC for the tutuq belgisi), not ASCII
// quotes.
import type { Catalogs } from './i18n.ts';

const en = {
  loading: 'Loading…',
  retry: 'Try again',
  unauthorized: 'Sign in to see this information.',
  forbidden: 'You do not have access to this information.',
  notFound: 'Not found.',
  network: 'Could not reach the service. Check your connection.',
  failed: 'Could not load the information.',

  choosePrompt: '— choose —',
  chooseFile: 'Choose file',
  noFileChosen: 'No file chosen',
} as const;

type Key = keyof typeof en;

export const coreMessages: Catalogs<Key> = {
  en,
  uz: {
    loading: 'Yuklanmoqda…',
    retry: 'Qayta urinish',
    unauthorized: 'Bu maʼlumotni koʻrish uchun tizimga kiring.',
    forbidden: 'Sizda bu maʼlumotni koʻrish huquqi yoʻq.',
    notFound: 'Topilmadi.',
    network: 'Xizmatga ulanib boʻlmadi. Internet aloqasini tekshiring.',
    failed: 'Maʼlumotni yuklab boʻlmadi.',
    choosePrompt: '— tanlang —',
    chooseFile: 'Fayl tanlang',
    noFileChosen: 'Fayl tanlanmagan',
  },
  ru: {
    loading: 'Загрузка…',
    retry: 'Повторить',
    unauthorized: 'Войдите в систему, чтобы увидеть эти данные.',
    forbidden: 'У вас нет доступа к этим данным.',
    notFound: 'Не найдено.',
    network: 'Не удалось связаться с сервисом. Проверьте подключение.',
    failed: 'Не удалось загрузить данные.',
    choosePrompt: '— выберите —',
    chooseFile: 'Выбрать файл',
    noFileChosen: 'Файл не выбран',
  },
};
