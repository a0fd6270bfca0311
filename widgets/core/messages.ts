// Messages every widget needs: loading and error states, and why a write was refused. Uzbek uses the official Latin letters
// (U+02BB in oʻ/gʻ, U+02BC for the tutuq belgisi), not ASCII quotes.
import type { Catalogs } from './i18n.ts';

const en = {
  loading: 'Loading…',
  retry: 'Try again',
  unauthorized: 'Sign in to see this information.',
  forbidden: 'You do not have access to this information.',
  notFound: 'Not found.',
  network: 'Could not reach the service. Check your connection.',
  failed: 'Could not load the information.',
  refusedInvalid: 'Not saved: correct what is marked.',
  refusedForbidden: 'Not saved: you may not do this.',
  refusedNotFound: 'Not saved: it no longer exists.',
  refusedConflict: 'Not saved: this is no longer possible in the current state.',
  refusedLater: 'Not saved: the service could not do it now. Try again.',
  refusedNetwork: 'Not saved: could not reach the service. Check your connection.',
  serverSaid: 'The service said:',
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
    refusedInvalid: 'Saqlanmadi: belgilangan maydonlarni tuzating.',
    refusedForbidden: 'Saqlanmadi: sizga bu amalga ruxsat yoʻq.',
    refusedNotFound: 'Saqlanmadi: u endi mavjud emas.',
    refusedConflict: 'Saqlanmadi: hozirgi holatda buni qilib boʻlmaydi.',
    refusedLater: 'Saqlanmadi: xizmat buni hozir bajara olmadi. Qayta urinib koʻring.',
    refusedNetwork: 'Saqlanmadi: xizmatga ulanib boʻlmadi. Internet aloqasini tekshiring.',
    serverSaid: 'Xizmat javobi:',
  },
  ru: {
    loading: 'Загрузка…',
    retry: 'Повторить',
    unauthorized: 'Войдите в систему, чтобы увидеть эти данные.',
    forbidden: 'У вас нет доступа к этим данным.',
    notFound: 'Не найдено.',
    network: 'Не удалось связаться с сервисом. Проверьте подключение.',
    failed: 'Не удалось загрузить данные.',
    refusedInvalid: 'Не сохранено: исправьте отмеченные поля.',
    refusedForbidden: 'Не сохранено: у вас нет права на это действие.',
    refusedNotFound: 'Не сохранено: запись больше не существует.',
    refusedConflict: 'Не сохранено: в текущем состоянии это уже невозможно.',
    refusedLater: 'Не сохранено: сервис не смог выполнить действие сейчас. Повторите попытку.',
    refusedNetwork: 'Не сохранено: не удалось связаться с сервисом. Проверьте подключение.',
    serverSaid: 'Ответ сервиса:',
  },
};
