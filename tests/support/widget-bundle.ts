// The widget bundle built exactly as shipped (the vite library build), in memory, for the browser
// tests that serve it next to a fake API.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The path the API serves the bundle under. */
export const BUNDLE = '/widgets/mening-uyim.js';

/** The vite library build, in memory, keyed by the path the API serves it under. */
export async function buildBundle(): Promise<Map<string, string>> {
  const result = await build({
    configFile: fileURLToPath(new URL('../../widgets/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { write: false },
  });
  const files = new Map<string, string>();
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!('output' in output)) continue;
    for (const item of output.output) {
      files.set(`/widgets/${item.fileName}`, item.type === 'chunk' ? item.code : String(item.source));
    }
  }
  return files;
}
