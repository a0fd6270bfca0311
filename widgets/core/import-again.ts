// The second request for a chunk (widgets/core/retry-import.ts), under a URL of its own: the
// browser joins a new import of a URL to the one still pending, so asking for the same URL again
// would wait on the stalled request.

let retries = 0;

/**
 * The chunk `load` imports, again under a fresh URL. The build writes every loader as
 * `() => import("<chunk>").then(m => m.<export>)` (widgets/elements.ts, the split catalogs), and
 * its text is all a retry needs, rather than every page shipping each chunk's name twice. A loader
 * written otherwise is simply called again.
 */
export function importAgain<T>(load: () => Promise<T>, base: string): Promise<T> {
  const found = /import\(\s*[`'"]([^`'"]+)[`'"]\s*\)\.then\(\(?(\w+)\)?\s*=>\s*\2\.(\w+)\)/.exec(
    String(load),
  );
  if (!found) return load();
  const url = new URL(found[1] ?? '', base);
  url.searchParams.set('retry', String(++retries));
  return import(/* @vite-ignore */ url.href).then((m: Record<string, T>) => m[found[3] ?? ''] as T);
}
