// Bundling workflows with webpack takes seconds, so test files share one bundle on disk, keyed by a
// hash of everything that can end up in it: the workflow and domain sources (workflow code may only
// import those) and the SDK version. A changed source gives a new key, never a stale bundle.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HASHED_DIRS = ['workflows', 'domain'];
/** Same file as scripts/lib/worker.ts's WORKFLOWS_PATH; not imported, to keep the ORM out of this module. */
const WORKFLOWS_PATH = path.join(ROOT, 'workflows/index.ts');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function workflowSourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  const sdk = createRequire(import.meta.url)('@temporalio/worker/package.json') as { version: string };
  hash.update(`sdk ${sdk.version}\n`);
  for (const dir of HASHED_DIRS) {
    for (const file of await sourceFiles(path.join(ROOT, dir))) {
      hash.update(`${path.relative(ROOT, file)}\n`).update(await readFile(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

let cached: Promise<{ codePath: string }> | undefined;

/** The workflow bundle for `Worker.create({ workflowBundle })` and `Worker.runReplayHistories`. */
export function workflowBundle(): Promise<{ codePath: string }> {
  cached ??= (async () => {
    const codePath = path.join(os.tmpdir(), `mening-uyim-workflows-${await workflowSourcesHash()}.js`);
    if (!existsSync(codePath)) {
      const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
      // Two test workers may bundle at once: write aside, then rename, so no one reads half a file.
      const partial = `${codePath}.${process.pid}.partial`;
      await writeFile(partial, code);
      await rename(partial, codePath);
      await pruneOldBundles(codePath);
    }
    return { codePath };
  })();
  return cached;
}

/** Each source change leaves a bundle behind; drop those nobody has written for a day. */
async function pruneOldBundles(keep: string): Promise<void> {
  const dir = path.dirname(keep);
  const dayAgo = Date.now() - 86_400_000;
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (!/^mening-uyim-workflows-[0-9a-f]+\.js$/.test(name) || file === keep) continue;
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < dayAgo) await rm(file, { force: true });
  }
}

const noop = () => undefined;
const quietLogger = {
  log: noop,
  trace: noop,
  debug: noop,
  info: noop,
  warn: console.warn,
  error: console.error,
};
