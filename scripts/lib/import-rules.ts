// The import rules of ARCHITECTURE.md as code: which layer may import which, which npm packages
// pure code may use, and how one capability may reach another. tests/platform/import-rules.test.ts
// runs it with the suite, so a forbidden import fails `npm test` and CI; every violation reads
// `file:line imports X: rule`. Imports are read with the TypeScript parser: static `import` and
// `export … from`, `import()` with a literal, and `import('x')` types.
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/** Layers whose imports are ruled; scripts/, tests/, bench/ and root files may import anything. */
export const LAYERS = ['domain', 'db', 'workflows', 'activities', 'api', 'widgets', 'platform'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * npm packages that domain/ may use: pure code only (no I/O, no Node built-ins, runs in the
 * browser bundle and in the workflow sandbox). None is needed today; add one here with its reason.
 */
export const DOMAIN_PACKAGES: readonly string[] = [];

/** What tests that sit beside the rules (domain/**\/*.test.ts) may use on top: the runner and known answers. */
export const TEST_PACKAGES: readonly string[] = ['vitest', 'jose', 'node:crypto'];

interface LayerRule {
  /** Layers it may import besides its own. */
  layers: readonly Layer[];
  /** Whether it may import the workflows' public surface (contract files). */
  workflowContracts: boolean;
  /** npm packages and Node built-ins it may import: 'any', or a list of package names. */
  packages: 'any' | readonly string[];
  /** Type-only imports (`import type`, erased before anything runs) it may make outside those. */
  typeOnly?: (target: string) => boolean;
}

export const LAYER_RULES: Record<Layer, LayerRule> = {
  domain: { layers: [], workflowContracts: false, packages: DOMAIN_PACKAGES },
  db: { layers: ['domain'], workflowContracts: false, packages: 'any' },
  workflows: {
    layers: ['domain'],
    workflowContracts: false,
    packages: ['@temporalio/workflow', '@temporalio/common'],
    // The activities' interface for proxyActivities, and the task-queue names a contract declares.
    typeOnly: (t) => t.startsWith('activities/') || t === 'platform/config.ts',
  },
  activities: { layers: ['domain', 'db', 'platform'], workflowContracts: true, packages: 'any' },
  api: { layers: ['domain', 'db', 'platform'], workflowContracts: true, packages: 'any' },
  widgets: { layers: ['domain'], workflowContracts: false, packages: ['lit'] },
  // The Temporal adapters start workflows by their contracts and register their search attributes.
  platform: { layers: ['domain'], workflowContracts: true, packages: 'any' },
};

/** The part of workflows/ that other layers may import: workflow-safe data and definitions. */
export const isWorkflowContract = (target: string): boolean =>
  /^workflows\/[^/]+\/contract\.ts$/.test(target) || target === 'workflows/search-attributes.ts';

/** Layers split into capability folders (platform/ is split by the outside system it adapts). */
const CAPABILITY_LAYERS: readonly Layer[] = ['domain', 'db', 'workflows', 'activities', 'api', 'widgets'];

/** Shared homes: code every capability uses, which itself imports no capability. */
export const SHARED_FOLDERS: readonly string[] = [
  'common', // domain/common, workflows/common
  'core', // widgets/core
  'access', // domain/access: roles and scope
  'calendar', // domain/calendar: Tashkent working days
  'signatures', // domain/signatures, db/signatures: signing keys and schemes
  'audit', // db/audit
  'mail', // db/mail, activities/mail: the outbox and its dispatcher
  'auth', // api/auth
  'docs', // api/docs
  'health', // api/health
];

/** Folders and files that assemble every capability (bundles, registries of routes, demo data). */
export const COMPOSITION_FOLDERS: readonly string[] = ['seed', 'migrations', 'dev', 'demo'];
export const COMPOSITION_FILES: readonly string[] = [
  'activities/index.ts',
  'api/app.ts',
  'db/entities.ts',
  'widgets/elements.ts',
  'widgets/index.ts',
  'widgets/refusal-codes.ts',
  'workflows/index.ts',
];

/**
 * The registry's shared base: every capability hangs off buildings, apartments, organizations
 * and people, so these are public to all besides the registry's public.ts files.
 */
export const REGISTRY_BASE: readonly string[] = [
  'db/registry/entities.ts',
  'db/registry/scope.ts',
  'domain/registry/types.ts',
];

/**
 * A capability's public surface, the only files another capability may import: its workflow
 * contract, the `public.ts` of any of its layer folders, and the registry's shared base.
 */
export const isPublicSurface = (target: string): boolean =>
  isWorkflowContract(target) ||
  /^(domain|db|workflows|activities|api|widgets)\/[^/]+\/public\.ts$/.test(target) ||
  REGISTRY_BASE.includes(target);

/** Imports the rules would refuse but that stand, each with why. Keep this list short. */
export const EXCEPTIONS: readonly { from: string; imports: string; reason: string }[] = [
  {
    from: 'api/types.ts',
    imports: 'domain/dispatch/triage.ts',
    reason:
      "the app's dependencies carry the dispatch triage model, loaded once per process by the composition roots; its interface is the type",
  },
  {
    from: 'widgets/vite.config.ts',
    imports: 'vite',
    reason: "the bundle's build configuration runs in Node at build time, never in the browser",
  },
  {
    from: 'widgets/vite.config.ts',
    imports: 'node:url',
    reason: "the bundle's build configuration runs in Node at build time, never in the browser",
  },
  {
    from: 'widgets/vite.config.ts',
    imports: 'scripts/lib/vite-bundle-report.ts',
    reason: 'a build plugin (size report, gzip copies) the build configuration runs in Node',
  },
  {
    from: 'widgets/vite.config.ts',
    imports: 'scripts/lib/vite-minify-templates.ts',
    reason: 'a build plugin (templates without their indentation) the build configuration runs in Node',
  },
  {
    from: 'widgets/vite.config.ts',
    imports: 'scripts/lib/vite-retryable-imports.ts',
    reason:
      'a build plugin (loaders that can ask for their chunk again) the build configuration runs in Node',
  },
  {
    from: 'widgets/vite.config.ts',
    imports: 'scripts/lib/vite-split-messages.ts',
    reason: 'a build plugin (texts split by language) the build configuration runs in Node',
  },
  {
    from: 'widgets/notifications/qr.ts',
    imports: 'qrcode',
    reason:
      'the Telegram link as a QR code: a maintained encoder already in the dependencies, fetched only when a person asks for a link',
  },
  {
    from: 'activities/mail/templates.ts',
    imports: 'domain/registry/reconcile.ts',
    reason:
      "the registry's discrepancy notice is still written beside the outbox's RenderedMail type; it moves to activities/registry once that type has a home in domain/common",
  },
];

export interface ImportRef {
  /** 1-based line of the specifier. */
  line: number;
  /** As written. */
  specifier: string;
  /** Repository path for a relative specifier, else the package name (`@scope/name`, `node:fs`). */
  target: string;
  /** `import type` / `export type` / an `import('x')` type: erased before anything runs. */
  typeOnly: boolean;
}

const packageOf = (specifier: string): string => {
  if (specifier.startsWith('node:')) return specifier;
  if (isBuiltin(specifier)) return `node:${specifier}`;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
};

/** Every import of one file; `file` is its repository path (posix). */
export function importsOf(file: string, source: string): ImportRef[] {
  const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, kind);
  const refs: ImportRef[] = [];
  const add = (literal: ts.StringLiteralLike, typeOnly: boolean) => {
    const specifier = literal.text;
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    refs.push({
      line: sf.getLineAndCharacterOfPosition(literal.getStart(sf)).line + 1,
      specifier,
      target: relative
        ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
        : packageOf(specifier),
      typeOnly,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // `import { type A }` still loads the module under verbatimModuleSyntax; only `import type` is erased.
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0], false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

const layerOf = (file: string): Layer | null => {
  const first = file.split('/')[0];
  return (LAYERS as readonly string[]).includes(first!) ? (first as Layer) : null;
};

/** The capability folder a file of a capability layer sits in, or what else it is. */
type Place = { kind: 'capability'; name: string } | { kind: 'shared' } | { kind: 'composition' };
function placeOf(file: string): Place {
  const parts = file.split('/');
  if (COMPOSITION_FILES.includes(file)) return { kind: 'composition' };
  // A file at the root of a layer (api/context.ts, db/sql.ts) is that layer's shared home.
  if (parts.length < 3) return { kind: 'shared' };
  const folder = parts[1]!;
  if (COMPOSITION_FOLDERS.includes(folder)) return { kind: 'composition' };
  if (SHARED_FOLDERS.includes(folder)) return { kind: 'shared' };
  return { kind: 'capability', name: folder };
}

/** The rule an import breaks, or null when it is allowed. */
export function brokenRule(file: string, ref: ImportRef): string | null {
  const from = layerOf(file);
  if (!from) return null;
  if (EXCEPTIONS.some((e) => e.from === file && e.imports === ref.target)) return null;
  const rule = LAYER_RULES[from];
  const isTest = /\.test\.ts$/.test(file);
  const to = layerOf(ref.target);
  const relative = ref.specifier.startsWith('.');

  if (!relative) {
    const packages = rule.packages;
    if (packages === 'any' || packages.includes(ref.target) || (isTest && TEST_PACKAGES.includes(ref.target)))
      return null;
    return ref.target.startsWith('node:')
      ? `${from}/ may not use Node built-ins`
      : `${from}/ may use only the npm packages listed for it (${packages.join(', ') || 'none'})`;
  }
  if (!to) return `${from}/ may not import files outside the layers`;

  const layerAllowed =
    to === from ||
    rule.layers.includes(to) ||
    (to === 'workflows' && rule.workflowContracts && isWorkflowContract(ref.target)) ||
    (ref.typeOnly && rule.typeOnly?.(ref.target) === true);
  if (!layerAllowed) {
    if (to === 'workflows' && rule.workflowContracts)
      return `${from}/ may import workflows/ only through contract files (workflows/<capability>/contract.ts, workflows/common/contract.ts)`;
    if (rule.typeOnly?.(ref.target)) return `${from}/ may import ${ref.target} only with \`import type\``;
    const may = [from, ...rule.layers, ...(rule.workflowContracts ? ['workflow contracts'] : [])];
    return `${from}/ may import only ${may.join(', ')}`;
  }

  if (!CAPABILITY_LAYERS.includes(from) || !CAPABILITY_LAYERS.includes(to)) return null;
  const source = placeOf(file);
  const target = placeOf(ref.target);
  if (target.kind !== 'capability') return null;
  if (source.kind === 'composition') return null;
  if (source.kind === 'shared')
    return `shared code (${file.split('/').slice(0, 2).join('/')}) may not import a capability (${target.name})`;
  if (source.name === target.name || isPublicSurface(ref.target)) return null;
  return `capability ${source.name} may reach ${target.name} only through its public surface (workflow contract, public.ts, registry base)`;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

export const formatViolation = (v: Violation): string =>
  `${v.file}:${v.line} imports ${v.specifier}: ${v.rule}`;

/** The violations in one file's source. */
export function checkSource(file: string, source: string): Violation[] {
  return importsOf(file, source).flatMap((ref) => {
    const rule = brokenRule(file, ref);
    return rule ? [{ file, line: ref.line, specifier: ref.specifier, rule }] : [];
  });
}

const SKIP = new Set(['node_modules', 'data', 'dist', 'fixtures', 'coverage']);

/** The repository's .ts and .js sources, as posix paths relative to root. */
export function sourceFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory())
      return entry.name.startsWith('.') || SKIP.has(entry.name) ? [] : sourceFiles(root, rel);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Every violation in the repository at root. */
export function checkRepository(root: string): Violation[] {
  return sourceFiles(root).flatMap((file) => checkSource(file, readFileSync(path.join(root, file), 'utf8')));
}
