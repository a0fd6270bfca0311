// Page-wide settings for every widget. The state lives on a Symbol.for key of globalThis, not in
// module scope: a portal that loads the bundle twice (two URLs, two module instances) still has one
// configuration, whichever copy's configure() it calls.
import type { Language } from '../../domain/common/language.ts';
import { LANGUAGES } from '../../domain/common/language.ts';

export interface WidgetOptions {
  /** Origin (plus optional path prefix) that serves `/api/v1`. */
  apiBase?: string;
  /** Bearer JWT; `null` forgets it. */
  token?: string | null;
  /** Language for every widget without its own `lang` attribute; `null` falls back to `<html lang>`. */
  lang?: Language | null;
}

interface SharedState {
  apiBase?: string;
  token?: string | null;
  lang?: Language | null;
  watchingHtmlLang?: boolean;
}

/** Fired on `window` whenever a page-wide setting or `<html lang>` changes. */
export const CONFIG_CHANGE_EVENT = 'mu-config-change';

const KEY = Symbol.for('mening-uyim.config');

function shared(): SharedState {
  const g = globalThis as unknown as Record<symbol, SharedState | undefined>;
  g[KEY] ??= {};
  return g[KEY];
}

export function configure(options: WidgetOptions): void {
  const state = shared();
  if (options.apiBase !== undefined) state.apiBase = options.apiBase;
  if (options.token !== undefined) state.token = options.token;
  if (options.lang !== undefined) state.lang = options.lang === null ? null : toLanguage(options.lang);
  window.dispatchEvent(new Event(CONFIG_CHANGE_EVENT));
}

export function getConfig(): Readonly<WidgetOptions> {
  const { apiBase, token, lang } = shared();
  return { apiBase, token, lang };
}

/** Maps a BCP 47 tag (`ru-RU`, `uz-Latn-UZ`) to a supported language, or null. */
export function toLanguage(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((l) => l === primary) ?? null;
}

/** Calls `listener` on every change; returns the unsubscribe function. */
export function onConfigChange(listener: () => void): () => void {
  watchHtmlLang();
  window.addEventListener(CONFIG_CHANGE_EVENT, listener);
  return () => window.removeEventListener(CONFIG_CHANGE_EVENT, listener);
}

// Portals switch language by rewriting <html lang>; one observer per page turns that into the
// same event configure() fires, so widgets follow without the portal knowing about them.
function watchHtmlLang(): void {
  const state = shared();
  if (state.watchingHtmlLang) return;
  state.watchingHtmlLang = true;
  new MutationObserver(() => window.dispatchEvent(new Event(CONFIG_CHANGE_EVENT))).observe(
    document.documentElement,
    { attributes: true, attributeFilter: ['lang'] },
  );
}
