// A portal may include the script twice (two templates, a CMS block and a layout); defining a tag
// a second time throws, so the first definition wins and later ones are ignored.
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
