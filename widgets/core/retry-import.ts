// An element's code and each language's texts are chunks the browser imports on first use. One
// that fails is asked for once more. One that stays unanswered (a stalled connection, a server
// under load) would leave its element blank for good, since nothing asks again: after STALL_MS a
// second request goes out beside it. Whichever answers first wins; when both fail, the element
// says so (markUnloaded) with a "try again" button that asks anew. The words of that notice are
// fetched only when needed, so a page that loads well pays a few bytes for them.
import type { Language } from '../../domain/common/language.ts';

/** How long a chunk may stay unanswered before a second request is sent beside it. */
export const STALL_MS = 5_000;

/**
 * Imports a chunk; `again` is a query for its URL. A browser keeps a failed import of a URL failed
 * and joins a new import of it to one still pending, so a retry asks under a URL of its own. The
 * build gives every loader this parameter (scripts/lib/vite-retryable-imports.ts); the sources'
 * loaders, run unbundled, ignore it.
 */
export type Loader<T> = (again?: string) => Promise<T>;

let retries = 0;

/** `load()`, asked for once more when it fails or stays unanswered for STALL_MS. */
export function loadWithRetry<T>(load: Loader<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let retried = false;
    const retry = () => {
      if (retried) return;
      retried = true;
      clearTimeout(timer);
      load(`?retry=${++retries}`).then(resolve, reject);
    };
    const timer = setTimeout(retry, STALL_MS);
    load().then((value) => {
      clearTimeout(timer);
      resolve(value);
    }, retry);
  });
}

/**
 * Shows at the top of `root` that part of it could not be fetched, or removes that notice. The
 * sign shows at once; its words come from a chunk of their own, since the texts that would say it
 * are what may have failed (and if the network is gone altogether, the sign stays alone). With
 * `retry`, that chunk adds a "try again" button (its code too is fetched only then).
 */
export function markUnloaded(root: ParentNode, lang: Language, unloaded = true, retry?: () => void): void {
  const notice = root.querySelector('[data-mu-unloaded]');
  if (!unloaded || notice) return void (unloaded || notice?.remove());
  const p = document.createElement('p');
  p.dataset.muUnloaded = '';
  p.role = 'alert';
  p.lang = lang;
  p.textContent = '⚠';
  root.prepend(p);
  import('./unloaded-words.ts').then(
    (m) => m.sayUnloaded(p, lang, retry),
    () => undefined,
  );
}
