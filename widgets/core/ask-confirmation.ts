// The confirmation dialog (confirm.ts) is needed only once a person presses a legally meaningful
// button, so the elements that ask call this, which fetches the dialog's code then.
import type { ConfirmRequest } from './confirm.ts';
import { loadWithRetry } from './retry-import.ts';

export type { ConfirmRequest };

/** The element focused now, looking through open shadow roots, so focus can go back where it was. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * See confirm.ts: resolves true only when the person confirms. The button that asked is noted now,
 * before the dialog's code arrives: meanwhile the focus may move (a document's frame that finishes
 * loading takes it), and it must return to that button. When the code fails twice nothing is done
 * without the person's yes: the element that asked says so, in its language, with a "try again"
 * that opens the dialog, and the action waits for that answer. (Pressed again meanwhile, the
 * button asks anew; each yes is one action.) If even the notice's code fails, this rejects.
 */
export const askConfirmation = (request: ConfirmRequest): Promise<boolean> => {
  const opener = deepActiveElement();
  const ask = (): Promise<boolean> =>
    loadWithRetry(() => import('./confirm.ts')).then(
      (m) => m.askConfirmation(request, opener),
      (error: unknown) => {
        console.error(error);
        // The notice's code is fetched only now, so a page whose dialog loads pays nothing for it.
        return import('./unloaded-words.ts').then((m) => m.askAgain(opener, request.lang, ask));
      },
    );
  return ask();
};
