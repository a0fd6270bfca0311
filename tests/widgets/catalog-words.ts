// The English a widget would show if it had forgotten to translate: every word of the widgets' own
// English texts that none of their Uzbek or Russian texts uses, read from each messages module,
// so a new widget's words are known here the day it is written.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WIDGETS = fileURLToPath(new URL('../../widgets/', import.meta.url));

type AnyCatalogs = Record<'uz' | 'ru' | 'en', Record<string, string>>;

const isCatalogs = (value: unknown): value is AnyCatalogs =>
  typeof value === 'object' &&
  value !== null &&
  ['uz', 'ru', 'en'].every((l) => typeof (value as Record<string, unknown>)[l] === 'object');

function messageModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'dist' || entry.name === 'demo' ? [] : messageModules(full);
    return /messages\.ts$|vocabulary\.ts$|relative-time\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Words of four letters or more, lower-cased; English's short function words join them below. */
const wordsOf = (text: string): string[] => (text.match(/[A-Za-z]{4,}/g) ?? []).map((w) => w.toLowerCase());

export async function untranslatedEnglishWords(): Promise<Set<string>> {
  const catalogs: AnyCatalogs[] = [];
  for (const file of messageModules(WIDGETS)) {
    const module = (await import(file)) as Record<string, unknown>;
    catalogs.push(...Object.values(module).filter(isCatalogs));
  }
  const english = new Set<string>(['the', 'and', 'with', 'your', 'from', 'this', 'not']);
  const local = new Set<string>();
  for (const c of catalogs) {
    for (const text of Object.values(c.en))
      for (const w of wordsOf(text.replace(/\{\w+\}/g, ' '))) english.add(w);
    for (const l of ['uz', 'ru'] as const)
      for (const text of Object.values(c[l])) for (const w of wordsOf(text)) local.add(w);
  }
  for (const w of local) english.delete(w);
  return english;
}
