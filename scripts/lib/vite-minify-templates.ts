// Vite plugin: the indentation inside the widgets' html``, svg`` and css`` templates is for the
// people who read the sources; shipped, it was a tenth of the bundle before compression. Each
// template's literal parts are squeezed where the browser cannot tell: in markup a run of
// whitespace that spans a line break becomes one space (the elements whose text keeps its line
// breaks, pre-wrap and pre-line, hold only a `${}` binding, and no <pre> or filled <textarea> is
// written in a template: a template with either is left as it is); in CSS, comments go and
// whitespace goes where the syntax does not need it. Bindings (`${}`) are never touched, and the
// whitespace next to one stays one space, since a binding may be a word or a value.
import type { Plugin } from 'vite';
import { parseAst } from 'vite';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

function* walk(node: Node): Generator<Node> {
  yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) if (isNode(item)) yield* walk(item);
    if (isNode(value)) yield* walk(value);
  }
}

/** One literal part of an html`` or svg`` template. */
export function squeezeMarkup(raw: string): string {
  return raw.replace(/[ \t]*\n\s*/g, ' ');
}

/** Characters around which CSS needs no whitespace. */
const TIGHT = new Set(['{', '}', ';', ',', ':', '>']);

/**
 * One literal part of a css`` template. `first`/`last`: whether it starts the template or ends
 * it; elsewhere it borders a binding, and whitespace on that side stays one space.
 */
export function squeezeCss(raw: string, first: boolean, last: boolean): string {
  let out = '';
  let i = 0;
  let space = false;
  const flush = (next: string) => {
    // A space is kept between two things only where neither side is punctuation that ends or
    // starts a part of the syntax. `:` is tight only after it: `a :hover` is a descendant.
    const prev = out.at(-1);
    const tightBefore = TIGHT.has(next) && next !== ':';
    // At the start of a part that follows a binding, the binding is the left side.
    if (space && !tightBefore && (prev === undefined ? !first : !TIGHT.has(prev))) out += ' ';
    space = false;
  };
  while (i < raw.length) {
    const c = raw[i] ?? '';
    if (c === '/' && raw[i + 1] === '*') {
      const close = raw.indexOf('*/', i + 2);
      // A comment around a binding is not this function's to judge: keep the part as it was.
      if (close < 0) return raw;
      i = close + 2;
      space = true;
    } else if (/\s/.test(c)) {
      space = true;
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < raw.length && raw[j] !== c) j += raw[j] === '\\' ? 2 : 1;
      if (j >= raw.length) return raw;
      flush(c);
      out += raw.slice(i, j + 1);
      i = j + 1;
    } else {
      flush(c);
      if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
      out += c;
      i++;
    }
  }
  if (space && !last && out.length > 0 && !TIGHT.has(out.at(-1) ?? '')) out += ' ';
  else if (space && !last && out.length === 0 && !first) out = ' ';
  return out;
}

const MARKUP = new Set(['html', 'svg']);
const UNSAFE = /<pre[\s>]|<textarea[^>]*>(?!<\/textarea>)/;

/** `code` with the literal parts of its html``, svg`` and css`` templates squeezed. */
export function minifyTemplates(code: string): { code: string; count: number } {
  const edits: { start: number; end: number; text: string }[] = [];
  let count = 0;
  for (const node of walk(parseAst(code) as unknown as Node)) {
    if (node.type !== 'TaggedTemplateExpression') continue;
    const tag = node.tag as Node;
    const name = tag.type === 'Identifier' ? (tag.name as string) : '';
    if (!MARKUP.has(name) && name !== 'css') continue;
    const quasis = (node.quasi as Node).quasis as Node[];
    const raws = quasis.map((q) => (q.value as { raw: string }).raw);
    if (MARKUP.has(name) && UNSAFE.test(raws.join('$' + '{}'))) continue;
    quasis.forEach((q, index) => {
      const raw = raws[index] ?? '';
      // The parser's offsets must frame exactly the raw text, or nothing here is edited.
      if (code.slice(q.start, q.end) !== raw) throw new Error(`template part at ${q.start} misread`);
      const text = MARKUP.has(name)
        ? squeezeMarkup(raw)
        : squeezeCss(raw, index === 0, index === quasis.length - 1);
      if (text !== raw) edits.push({ start: q.start, end: q.end, text });
    });
    count++;
  }
  let out = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, start) + text + out.slice(end);
  }
  return { code: out, count };
}

export function minifyTemplateLiterals(): Plugin {
  return {
    name: 'mening-uyim:minify-templates',
    apply: 'build',
    transform: {
      filter: { id: /\/widgets\/.*\.ts$/, code: /(?:html|svg|css)`/ },
      handler(code) {
        const { code: out, count } = minifyTemplates(code);
        return count > 0 ? { code: out, map: null } : null;
      },
    },
  };
}
