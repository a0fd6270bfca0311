// Library build of the widgets: one self-contained ES module that a portal embeds with a single
// <script type="module">, so Lit is bundled in and nothing is split into lazily loaded chunks.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  // Pinned instead of following NODE_ENV, so a build made inside vitest (NODE_ENV=test) ships the
  // same production Lit as `npm run build:widgets`.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('./index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'mening-uyim.js',
    },
    rolldownOptions: {
      output: {
        codeSplitting: false,
        // Vite keeps ES libraries readable for a consumer's bundler; this file goes to browsers as
        // is, so it is minified fully. Licence comments (Lit is BSD-3-Clause) stay.
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
});
