// Builds the widget bundle when it is missing or older than its sources, so `npm start` and
// `npm test` serve what the tree says without a separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = path.join(ROOT, 'widgets/dist/mening-uyim.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'demo' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export async function ensureWidgetBundle(log: (msg: string) => void = console.log): Promise<string> {
  // The build's own plugins (scripts/lib/vite-*.ts) shape the output as much as the sources do.
  const plugins = readdirSync(path.join(ROOT, 'scripts/lib'))
    .filter((name) => name.startsWith('vite-'))
    .map((name) => statSync(path.join(ROOT, 'scripts/lib', name)).mtimeMs);
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'widgets')),
    newestMtime(path.join(ROOT, 'domain')),
    ...plugins,
  );
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return BUNDLE;
  log('Building the widget bundle…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'widgets/vite.config.ts'), logLevel: 'warn' });
  return BUNDLE;
}
