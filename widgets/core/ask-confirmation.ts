// The confirmation dialog (confirm.ts) is needed only once a person presses a legally meaningful
// button, so the elements that ask call this, which fetches the dialog's code then.
import type { ConfirmRequest } from './confirm.ts';
import { loadWithRetry } from './retry-import.ts';

export type { ConfirmRequest };

/** See confirm.ts: resolves true only when the person confirms. */
export const askConfirmation = (request: ConfirmRequest): Promise<boolean> =>
  loadWithRetry(() => import('./confirm.ts')).then(
    (m) => m.askConfirmation(request),
    // Asked for twice in vain: nothing is done without the person's yes, so the action waits.
    (error: unknown) => {
      console.error(error);
      return false;
    },
  );
