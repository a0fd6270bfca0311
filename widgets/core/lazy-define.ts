// Defines a widget's tag the first time the tag appears on the page, so a portal pays only for the
// widgets it shows. Widgets render other widgets inside their shadow roots, which no observer of
// the document sees, so MuElement hands every shadow root it creates to watchRoot().
import { defineElement } from './define.ts';
import { resolveLanguage } from './i18n.ts';
import { type Loader, loadWithRetry, markUnloaded } from './retry-import.ts';

export type ElementLoader = Loader<Record<string, unknown>>;

/** The class a tag's module exports, named after the tag: mu-building-card → MuBuildingCard. */
type ClassName<S extends string> = S extends `${infer H}-${infer T}`
  ? `${Capitalize<H>}${ClassName<T>}`
  : Capitalize<S>;

/**
 * Tag → its module's loader. The module exports the tag's class under the tag's name, so the table
 * names no class (the loader is on every page: a name per tag cost it ~10 bytes each); the
 * compiler checks each module has it.
 */
export type ElementTable<T> = {
  readonly [K in keyof T]: K extends string
    ? Loader<{ [C in ClassName<K>]: CustomElementConstructor }>
    : never;
};

const classOf = (tag: string) => tag.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase());

const pending = new Map<string, ElementLoader>();
// Kept, not weakly held: a tag whose code never arrives is looked for in each of them to say so.
const watched = new Set<Document | DocumentFragment>();
let observer: MutationObserver | undefined;

/** Registers tags to define on first use and looks for them in the document. */
export function defineLazily<T extends ElementTable<T>>(elements: T): void {
  for (const [tag, load] of Object.entries(elements) as [string, ElementLoader][]) {
    // A second copy of the loader finds its tags already pending, loading or defined.
    if (!customElements.get(tag) && !pending.has(tag)) pending.set(tag, load);
  }
  watchRoot(document);
}

/** Looks for pending tags in `root` now and whenever something is added under it. */
export function watchRoot(root: Document | DocumentFragment): void {
  if (pending.size === 0 || watched.has(root)) return;
  watched.add(root);
  scan(root);
  observer ??= new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    }
  });
  observer.observe(root, { childList: true, subtree: true });
}

function scan(root: ParentNode): void {
  if (pending.size === 0) return;
  if (root instanceof Element) load(root.localName);
  for (const element of root.querySelectorAll([...pending.keys()].join(','))) load(element.localName);
}

function load(tag: string): void {
  const loader = pending.get(tag);
  if (!loader) return;
  pending.delete(tag);
  loadWithRetry(loader).then(
    (module) => defineElement(tag, module[classOf(tag)] as CustomElementConstructor),
    (error: unknown) => {
      // Asked for twice in vain: each element of the tag says so in its own language, with a
      // button that asks again, and the tag is kept for the next time it appears (a portal
      // re-rendering after a network blip).
      for (const root of watched)
        for (const shown of root.querySelectorAll(tag))
          markUnloaded(shown, resolveLanguage(shown.getAttribute('lang')), true, () => load(tag));
      pending.set(tag, loader);
      console.error(error);
    },
  );
}
