// Vite plugin: every loader of the bundle (a tag's code in widgets/elements.ts, a language's texts
// from vite-split-messages.ts) can be asked for its chunk again under a URL of its own. A browser
// keeps a failed import of a URL failed and joins a new import of it to one still pending, so a
// retry (widgets/core/retry-import.ts) needs a fresh URL; and only the build knows each chunk's
// file and how its module is reached inside it (a chunk that other chunks import too exports the
// module as a namespace, behind one more `.then`). So the build writes every loader as
//   (again = "") => import("./chunks/x-[hash].js" + again).then(...)
// and a retry calls it with `?retry=n`. Only the argument is new; whatever the chain after the
// import is, it stays as the bundler wrote it.
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

/** The import() a loader's body starts from: `import("x")`, `import("x").then(f)`, .then(f).then(g)… */
function importOf(body: Node): Node | undefined {
  let node = body;
  for (;;) {
    if (node.type === 'ImportExpression') return node;
    const callee = node.callee as Node | undefined;
    if (node.type !== 'CallExpression' || callee?.type !== 'MemberExpression') return undefined;
    if ((callee.property as Node).name !== 'then') return undefined;
    node = callee.object as Node;
  }
}

/** `code` with every parameterless arrow that returns an import of a literal taking a query. */
export function retryableLoaders(code: string): { code: string; count: number } {
  const edits: { at: number; text: string }[] = [];
  for (const node of walk(parseAst(code) as unknown as Node)) {
    if (node.type !== 'ArrowFunctionExpression' || (node.params as unknown[]).length > 0) continue;
    const body = node.body as Node;
    const imported = node.expression ? importOf(body) : undefined;
    const source = imported?.source as Node | undefined;
    if (source?.type !== 'Literal' || typeof source.value !== 'string') continue;
    // `()` is the arrow's first text; the default keeps a plain call's URL as it was.
    if (!code.startsWith('()', node.start)) continue;
    edits.push({ at: node.start, text: '(again = "")' }, { at: source.end, text: ' + again' });
  }
  let out = code;
  for (const { at, text } of edits.sort((a, b) => b.at - a.at)) {
    out = out.slice(0, at) + text + out.slice(text.startsWith('(') ? at + 2 : at);
  }
  return { code: out, count: edits.length / 2 };
}

export function retryableImports(): Plugin {
  return {
    name: 'mening-uyim:retryable-imports',
    renderChunk(code) {
      const { code: out, count } = retryableLoaders(code);
      return count > 0 ? { code: out, map: null } : null;
    },
  };
}
