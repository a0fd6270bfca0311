// What an element says when its code or texts could not be fetched (markUnloaded in
// widgets/core/retry-import.ts): a chunk of its own, fetched only then, in all three languages
// because the catalogs that would hold these words may be what failed; with its "try again"
// button, whose code a page that loads well never downloads.
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

/**
 * Words the notice `p`; with `retry`, a "try again" button that takes the notice away and asks
 * once more (the notice comes back if that fails too).
 */
export function sayUnloaded(p: HTMLElement, lang: Language, retry?: () => void): void {
  const text = document.createElement('span');
  text.textContent = `⚠ ${UNLOADED[lang]}`;
  p.replaceChildren(text);
  if (!retry) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = TRY_AGAIN[lang];
  button.onclick = () => {
    p.remove();
    retry();
  };
  p.append(' ', button);
}
