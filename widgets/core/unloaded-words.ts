// What an element says when its code or texts could not be fetched (markUnloaded in
// widgets/core/retry-import.ts): a chunk of its own, fetched only then, in all three languages
// because the catalogs that would hold these words may be what failed.
import type { Language } from '../../domain/common/language.ts';

export const UNLOADED: Readonly<Record<Language, string>> = {
  uz: 'Sahifaning bu qismini yuklab boʻlmadi. Internet aloqasini tekshirib, qayta urinib koʻring.',
  ru: 'Не удалось загрузить эту часть страницы. Проверьте подключение и повторите попытку.',
  en: 'Could not load this part of the page. Check your connection and try again.',
};

/** The button that asks for what failed once more. */
export const TRY_AGAIN: Readonly<Record<Language, string>> = {
  uz: 'Qayta urinish',
  ru: 'Повторить',
  en: 'Try again',
};
