// Vite plugin: writes a gzip copy next to every script (the API serves those as they are) and
// prints what a page downloads: the loader, and for each language the code and texts of one
// widget (with the widgets it renders inside itself) and of every widget together. The budgets
// are checked again in a real browser by tests/platform/widget-size.browser.test.ts.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin, Rolldown } from 'vite';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { WIDGET_BUDGET } from './widget-budget.ts';

type Bundle = Rolldown.OutputBundle;

const ELEMENTS = fileURLToPath(new URL('../../widgets/elements.ts', import.meta.url));

/** Tag → module path, from the loader's table (`'mu-x': () => import('./cap/x.ts')`) as written. */
function tagModules(): Map<string, string> {
  const source = readFileSync(ELEMENTS, 'utf8');
  const dir = path.dirname(ELEMENTS);
  const modules = new Map(
    [...source.matchAll(/'(mu-[\w-]+)': \(\) =>\s*import\('([^']+)'\)/g)].map((m) => [
      m[1] ?? '',
      path.join(dir, m[2] ?? ''),
    ]),
  );
  if (modules.size !== source.match(/^\s+'mu-[\w-]+':/gm)?.length) {
    throw new Error('widgets/elements.ts: an entry is not written as `tag: () => import(path)…`');
  }
  return modules;
}

/** What the server sends: the gzip copy, or the file itself when that is smaller. */
function gzipSize(code: string): number {
  return Math.min(gzipSync(code, { level: 9 }).length, Buffer.byteLength(code));
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

const rendered = new WeakMap<Rolldown.OutputChunk, string[]>();

function renderedTags(chunk: Rolldown.OutputChunk, modules: Map<string, string>): string[] {
  let tags = rendered.get(chunk);
  if (!tags) {
    tags = [...modules.keys()].filter((tag) => new RegExp(`<${tag}[\\s>]`).test(chunk.code));
    rendered.set(chunk, tags);
  }
  return tags;
}

/** The files a page downloads for `tags` in `lang`. */
export function pageFiles(
  bundle: Bundle,
  modules: Map<string, string>,
  tags: readonly string[],
  lang: Language,
): Set<string> {
  const chunks = Object.values(bundle).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  // A tag's module is its chunk's facade, or sits in a chunk shared with the widgets that nest it.
  const byModule = new Map(chunks.flatMap((c) => c.moduleIds.map((id) => [id, c] as const)));
  for (const c of chunks) if (c.facadeModuleId) byModule.set(c.facadeModuleId, c);
  const files = new Set<string>();
  const seenTags = new Set<string>();
  const add = (file: string) => {
    const chunk = bundle[file];
    if (chunk?.type !== 'chunk' || files.has(file)) return;
    files.add(file);
    chunk.imports.forEach(add);
    for (const dynamic of chunk.dynamicImports) if (dynamic.includes(`.${lang}-`)) add(dynamic);
    // Widgets this one renders in its shadow root are fetched as soon as it renders them.
    renderedTags(chunk, modules).forEach(addTag);
  };
  const addTag = (tag: string) => {
    if (seenTags.has(tag)) return;
    seenTags.add(tag);
    const chunk = byModule.get(modules.get(tag) ?? '');
    if (chunk) add(chunk.fileName);
  };
  for (const chunk of chunks) if (chunk.isEntry) add(chunk.fileName);
  tags.forEach(addTag);
  return files;
}

const gzipped = new WeakMap<Rolldown.OutputChunk, number>();

/** Gzip bytes of `files`, each counted once. */
function sizeOf(bundle: Bundle, files: Set<string>): number {
  let total = 0;
  for (const file of files) {
    const chunk = bundle[file];
    if (chunk?.type !== 'chunk') continue;
    if (!gzipped.has(chunk)) gzipped.set(chunk, gzipSize(chunk.code));
    total += gzipped.get(chunk) ?? 0;
  }
  return total;
}

/**
 * What a page with one tag alone downloads in `lang`, tag by tag: the loader, the element, every
 * widget its code names in a template, and their texts. A nested widget counts even when it is
 * drawn only after a click, so this is the most such a page can fetch before anyone acts.
 */
export function oneTagPageSizes(bundle: Bundle, lang: Language): Map<string, number> {
  const modules = tagModules();
  return new Map(
    [...modules.keys()].map((tag) => [tag, sizeOf(bundle, pageFiles(bundle, modules, [tag], lang))]),
  );
}

/** The most a page with `tag` alone may download: its listed ceiling, else the one-widget budget. */
export const oneTagCeiling = (tag: string): number =>
  (WIDGET_BUDGET.oneTagCeilings as Readonly<Record<string, number>>)[tag] ?? WIDGET_BUDGET.oneWidget;

export function bundleReport(): Plugin {
  return {
    name: 'mening-uyim:bundle-report',
    generateBundle(_options, bundle) {
      const modules = tagModules();
      const tags = [...modules.keys()];
      const size = (files: Set<string>) => sizeOf(bundle, files);
      const lines = [
        `widget bundle, gzip (budgets: one widget ${kb(WIDGET_BUDGET.oneWidget)}, all ${kb(WIDGET_BUDGET.all)}):`,
      ];
      lines.push(`  loader alone ${kb(size(pageFiles(bundle, modules, [], 'uz')))}`);
      for (const lang of LANGUAGES) {
        const card = size(pageFiles(bundle, modules, ['mu-building-card'], lang));
        const [largestTag, largest] = [...oneTagPageSizes(bundle, lang)].reduce((a, b) =>
          b[1] > a[1] ? b : a,
        );
        const all = size(pageFiles(bundle, modules, tags, lang));
        const mark = (bytes: number, budget: number) =>
          `${kb(bytes)}${bytes > budget ? ' (over budget)' : ''}`;
        lines.push(
          `  ${lang}: <mu-building-card> page ${mark(card, WIDGET_BUDGET.oneWidget)}, ` +
            `largest one-tag page ${mark(largest, WIDGET_BUDGET.oneWidget)} <${largestTag}>, ` +
            `every widget ${mark(all, WIDGET_BUDGET.all)}`,
        );
      }
      // The work list: every tag whose page alone is over the one-widget budget, in the language
      // with the longest texts, and whether it is over the ceiling the size test holds it to.
      const over = [...oneTagPageSizes(bundle, 'ru')]
        .filter(([, bytes]) => bytes > WIDGET_BUDGET.oneWidget)
        .sort((a, b) => b[1] - a[1]);
      const ceiling = (tag: string, bytes: number) =>
        bytes > oneTagCeiling(tag) ? ` (over its ceiling ${oneTagCeiling(tag)})` : '';
      lines.push(
        over.length === 0
          ? '  ru: every one-tag page within the one-widget budget'
          : `  ru: ${over.length} of ${tags.length} one-tag pages over the one-widget budget: ` +
              over.map(([tag, bytes]) => `<${tag}> ${bytes}${ceiling(tag, bytes)}`).join(', '),
      );
      this.info(lines.join('\n'));
    },
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const writes = [];
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const gzip = gzipSync(chunk.code, { level: 9 });
        // A chunk of a few dozen bytes grows when compressed; the server sends those as they are.
        if (gzip.length < Buffer.byteLength(chunk.code))
          writes.push(writeFile(path.join(dir, `${chunk.fileName}.gz`), gzip));
      }
      await Promise.all(writes);
    },
  };
}
