// Static catalogs only: an embedded bundle must not fetch locale files from a portal's origin, and
// @lit/localize's page-global locale would fight with other widgets on the same page.
import type { Language } from '../../domain/common/language.ts';
import { getConfig, toLanguage } from './config.ts';
import { type Loader, loadWithRetry } from './retry-import.ts';

export type Catalog<K extends string> = Readonly<Record<K, string>>;
export type Catalogs<K extends string> = Readonly<Record<Language, Catalog<K>>>;

export const DEFAULT_LANGUAGE: Language = 'uz';

/** Element attribute → configure() → host `<html lang>` → Uzbek (the state default). */
export function resolveLanguage(attribute: string | null | undefined): Language {
  return (
    toLanguage(attribute) ??
    getConfig().lang ??
    toLanguage(document.documentElement.getAttribute('lang')) ??
    DEFAULT_LANGUAGE
  );
}

/** Looks up `key`, replacing `{name}` placeholders from `params`. */
export function translate<K extends string>(
  catalogs: Catalogs<K>,
  lang: Language,
  key: K,
  params: Readonly<Record<string, string | number>> = {},
): string {
  // A language still on its way (see lazyCatalogs) shows nothing rather than a raw key.
  const catalog = catalogs[lang];
  missed ||= !catalog;
  return (catalog?.[key] ?? '').replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** An element's lookup into its own catalog, the language already chosen. */
export type Translate<K extends string> = (
  key: K,
  params?: Readonly<Record<string, string | number>>,
) => string;

/** A value's words from a table of message keys, or the value itself when this bundle does not know it yet. */
export function labelOf<K extends string>(
  t: Translate<K>,
  table: Readonly<Record<string, K>>,
  value: string,
): string {
  const key = table[value];
  return key ? t(key) : value;
}

type CatalogLoader = Loader<Catalog<string>>;

interface LazyCatalogs {
  readonly languages: Partial<Record<Language, Catalog<string>>>;
  readonly load: Readonly<Record<Language, CatalogLoader>>;
  readonly loading: Partial<Record<Language, Promise<void>>>;
}

const lazy: LazyCatalogs[] = [];

/**
 * A catalog whose languages arrive separately. The bundle build turns every messages file into
 * these (scripts/lib/vite-split-messages.ts), so a page fetches only the texts of the language it
 * shows; the sources and unit tests keep using the plain objects.
 */
export function lazyCatalogs<K extends string>(
  load: Readonly<Record<Language, Loader<Catalog<K>>>>,
): Catalogs<K> {
  const entry: LazyCatalogs = { languages: {}, load, loading: {} };
  lazy.push(entry);
  return entry.languages as Catalogs<K>;
}

// Elements drawn without some of their texts, to draw again once any catalog arrives: asked for
// by one element's "try again", the texts are there for every element that lacked them.
let waiting: (() => void)[] = [];

/** Calls `redraw` once, when the next catalog arrives. */
export function whenTextsArrive(redraw: () => void): void {
  waiting.push(redraw);
}

function fetchLanguage(c: LazyCatalogs, lang: Language): Promise<void> {
  c.loading[lang] ??= loadWithRetry(c.load[lang]).then(
    (catalog) => {
      c.languages[lang] = catalog;
      const redraw = waiting;
      waiting = [];
      for (const fn of redraw) fn();
    },
    (error: unknown) => {
      // Asked for twice in vain: the element says so (markUnloaded), and its next update asks again.
      delete c.loading[lang];
      console.error(error);
    },
  );
  return c.loading[lang];
}

// Whether a text was looked up in a language that has not arrived: an element's update asks
// this of its own lookups, so only one that drew blanks says its texts could not be loaded.
let missed = false;

/** Whether translate() met a missing language since the last call. */
export function takeMissed(): boolean {
  const was = missed;
  missed = false;
  return was;
}

/** Resolves once every catalog loaded so far has `lang`; undefined when all have it already. */
export function languageLoading(lang: Language): Promise<void> | undefined {
  const missing = lazy.filter((c) => !c.languages[lang]);
  if (missing.length === 0) return undefined;
  return Promise.all(missing.map((c) => fetchLanguage(c, lang))).then(() => undefined);
}

/**
 * Resolves once one catalog has every language in `langs`: for helpers a portal calls outside any
 * element's rendering (a plain catalog, as in the sources, is ready at once).
 */
export async function catalogsReady(catalogs: Catalogs<string>, langs: readonly Language[]): Promise<void> {
  const c = lazy.find((entry) => entry.languages === catalogs);
  if (c) await Promise.all(langs.filter((lang) => !c.languages[lang]).map((lang) => fetchLanguage(c, lang)));
}
