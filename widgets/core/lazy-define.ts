// Defines a widget's tag the first time the tag appears on the page, so a portal pays only for the
// widgets it shows. Widgets render other widgets inside their shadow roots, which no observer of
// the document sees, so MuElement hands every shadow root it creates to watchRoot().
import { defineElement } from './define.ts';
import { resolveLanguage } from './i18n.ts';
import { type Loader, loadWithRetry, markUnloaded } from './retry-import.ts';

export type ElementLoader = Loader<CustomElementConstructor>;

const pending = new Map<string, ElementLoader>();
// Kept, not weakly held: a tag whose code never arrives is looked for in each of them to say so.
const watched = new Set<Document | DocumentFragment>();
let observer: MutationObserver | undefined;

/** Registers tags to define on first use and looks for them in the document. */
export function defineLazily(elements: Readonly<Record<string, ElementLoader>>): void {
  for (const [tag, load] of Object.entries(elements)) {
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
    (ctor) => defineElement(tag, ctor),
    (error: unknown) => {
      // Asked for twice in vain: each element of the tag says so in its own language, and the
      // tag is kept for the next time it appears (a portal re-rendering after a network blip).
      for (const root of watched)
        for (const shown of root.querySelectorAll(tag))
          markUnloaded(shown, resolveLanguage(shown.getAttribute('lang')));
      pending.set(tag, loader);
      console.error(error);
    },
  );
}
