// Build of the embeddable widgets: a small loader at the stable URL mening-uyim.js and hashed
// chunks under chunks/ that it imports on first use of a tag (one per element, shared code, and
// one per messages file and language). Lit and the shared code are bundled in; nothing is fetched
// from anywhere but the loader's own directory.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleReport } from '../scripts/lib/vite-bundle-report.ts';
import { minifyTemplateLiterals } from '../scripts/lib/vite-minify-templates.ts';
import { retryableImports } from '../scripts/lib/vite-retryable-imports.ts';
import { messagesChunkName, splitMessages } from '../scripts/lib/vite-split-messages.ts';

const LOADER_CORE =
  /\/widgets\/core\/(?:i18n|config|retry-import|lazy-define|define)\.ts$|\/domain\/common\/language\.ts$/;
const ELEMENT_CORE =
  /\/node_modules\/(?:lit|lit-html|lit-element|@lit\/reactive-element)\/(?!.*directive)|\/widgets\/core\/(?:styles|api|element|loader|messages|format|problem-view|refusal)\.ts$|\/domain\/common\/months\.ts$/;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  plugins: [splitMessages(), minifyTemplateLiterals(), retryableImports(), bundleReport()],
  // Pinned instead of following NODE_ENV, so a build made inside vitest (NODE_ENV=test) ships the
  // same production Lit as `npm run build:widgets`.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Chunks are ES modules imported by the loader; no modulepreload polyfill or link tags.
    modulePreload: false,
    lib: {
      entry: fileURLToPath(new URL('./index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'mening-uyim.js',
    },
    rolldownOptions: {
      output: {
        // Hashed names: the API serves chunks/ as immutable, the loader itself with a short cache.
        chunkFileNames: (chunk) =>
          `chunks/${(chunk.facadeModuleId && messagesChunkName(chunk.facadeModuleId)) || chunk.name}-[hash].js`,
        // Vite keeps ES libraries readable for a consumer's bundler; these files go to browsers as
        // they are, so they are minified fully. Licence comments (Lit is BSD-3-Clause) stay.
        codeSplitting: {
          groups: [
            { name: 'loader', test: LOADER_CORE, priority: 2 },
            { name: 'core', test: ELEMENT_CORE, priority: 1 },
          ],
        },
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
});
