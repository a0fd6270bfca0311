// What an element says when its code or texts could not be fetched (markUnloaded in
// widgets/core/retry-import.ts): a chunk of its own, fetched only then, in all three languages
// because the catalogs that would hold these words may be what failed; with its "try again"
// button, whose code a page that loads well never downloads.
import type { Language } from '../../domain/common/language.ts';
import { resolveLanguage } from './i18n.ts';

export const UNLOADED: Readonly<Record<Language, string>> = {
  uz: 'Sahifaning bu qismini yuklab boʻlmadi. Internet aloqasini tekshirib, qayta urinib koʻring.',
  ru: 'Не удалось загрузить эту часть страницы. Проверьте подключение и повторите попытку.',
  en: 'Could not load this part of the page. Check your connection and try again.',
};

/** When the confirmation dialog of a legally meaningful action could not be fetched. */
export const CONFIRMATION_UNLOADED: Readonly<Record<Language, string>> = {
  uz: 'Tasdiqlash oynasini yuklab boʻlmadi, hech narsa bajarilmadi. Internet aloqasini tekshirib, qayta urinib koʻring.',
  ru: 'Не удалось загрузить окно подтверждения, ничего не сделано. Проверьте подключение и повторите попытку.',
  en: 'Could not load the confirmation, so nothing was done. Check your connection and try again.',
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
export function sayUnloaded(p: HTMLElement, lang: Language, retry?: () => void, words = UNLOADED): void {
  const text = document.createElement('span');
  text.textContent = `⚠ ${words[lang]}`;
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

/**
 * The confirmation of an action could not be fetched (ask-confirmation.ts): the element whose
 * button asked says so at its top, in its language; the answer waits for its "try again", which
 * asks for the dialog once more (`ask`).
 */
export function askAgain(
  opener: HTMLElement | null,
  lang: Language | undefined,
  ask: () => Promise<boolean>,
): Promise<boolean> {
  const root = opener?.getRootNode();
  const where = root instanceof ShadowRoot ? root : document.body;
  // A notice already there (an earlier question's) gives way: its "try again" would ask that one.
  where.querySelector('[data-mu-unloaded]')?.remove();
  const p = document.createElement('p');
  p.dataset.muUnloaded = '';
  p.role = 'alert';
  p.lang = resolveLanguage(lang);
  where.prepend(p);
  return new Promise((resolve) =>
    sayUnloaded(p, p.lang as Language, () => resolve(ask()), CONFIRMATION_UNLOADED),
  );
}
