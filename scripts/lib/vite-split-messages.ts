// Vite plugin: a page fetches only the texts of the language it shows. Every widget messages file
// (messages.ts, *-messages.ts) stays as people write it, one object per language side by side; at
// build time the file is evaluated and replaced by lazyCatalogs() whose languages are separate
// chunks. Other exports of such a file are written into the code as they are: plain data, or a
// small function that uses nothing but its arguments (its source is copied, not its scope).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { LANGUAGES } from '../../domain/common/language.ts';

const WIDGETS = fileURLToPath(new URL('../../widgets/', import.meta.url));
const I18N = path.join(WIDGETS, 'core/i18n.ts');
const MESSAGES_FILE = /\/widgets\/[\w-]+\/(?:[\w-]+-)?messages\.ts$/;
const VIRTUAL = 'virtual:mu-messages/';
const RESOLVED = '\0mu-messages/';

type Exports = Record<string, unknown>;

function isCatalogs(value: unknown): value is Record<string, Record<string, string>> {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value).sort();
  if (keys.join() !== [...LANGUAGES].sort().join()) return false;
  return Object.values(value).every(
    (catalog) =>
      typeof catalog === 'object' &&
      catalog !== null &&
      Object.values(catalog).every((t) => typeof t === 'string'),
  );
}

/** `registry/messages.ts` + `uz` → the chunk's name, `registry-messages.uz`. */
export function messagesChunkName(moduleId: string): string | undefined {
  if (!moduleId.startsWith(RESOLVED)) return undefined;
  const [file = '', lang = ''] = moduleId.slice(RESOLVED.length).split('?lang=');
  return `${file.replace(/\.ts$/, '').replace(/\//g, '-')}.${lang}`;
}

export function splitMessages(): Plugin {
  const evaluated = new Map<string, Promise<Exports>>();
  // Node strips the types itself; a fresh URL per build so a long-lived process sees edits.
  const evaluate = (file: string): Promise<Exports> => {
    let result = evaluated.get(file);
    if (!result) {
      result = import(`${pathToFileURL(file).href}?build=${Date.now()}`) as Promise<Exports>;
      evaluated.set(file, result);
    }
    return result;
  };

  return {
    name: 'mening-uyim:split-messages',
    enforce: 'pre',
    buildStart() {
      evaluated.clear();
    },
    resolveId(source) {
      return source.startsWith(VIRTUAL) ? RESOLVED + source.slice(VIRTUAL.length) : undefined;
    },
    async load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      const [file = '', lang = ''] = id.slice(RESOLVED.length).split('?lang=');
      const exports = await evaluate(path.join(WIDGETS, file));
      return Object.entries(exports)
        .filter(([, value]) => isCatalogs(value))
        .map(([name, value]) => `export const ${name} = ${JSON.stringify((value as Exports)[lang])};`)
        .join('\n');
    },
    transform: {
      filter: { id: MESSAGES_FILE },
      async handler(_code, id) {
        const file = path.relative(WIDGETS, id).split(path.sep).join('/');
        const lines = [`import { lazyCatalogs } from ${JSON.stringify(I18N)};`];
        for (const [name, value] of Object.entries(await evaluate(id))) {
          if (isCatalogs(value)) {
            const loaders = LANGUAGES.map(
              (lang) => `${lang}: () => import('${VIRTUAL}${file}?lang=${lang}').then((m) => m.${name})`,
            );
            lines.push(`export const ${name} = lazyCatalogs({ ${loaders.join(', ')} });`);
          } else if (typeof value === 'function') {
            // Node has blanked the types out of its source, which leaves JavaScript.
            lines.push(`export const ${name} = ${String(value)};`);
          } else if (JSON.stringify(value) !== undefined) {
            lines.push(`export const ${name} = ${JSON.stringify(value)};`);
          } else {
            this.error(`${file}: export ${name} is neither a catalog, plain data nor a function`);
          }
        }
        return { code: lines.join('\n'), map: null };
      },
    },
  };
}
