import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/main/core/csp';

/**
 * The production UI carries the shells' CSP as a meta tag too (defence in depth, and it holds if the
 * page is ever opened from disk). Dev builds skip it: Vite's React refresh needs an inline script.
 * `frame-ancestors` is dropped because browsers ignore it (with a console error) in a meta tag.
 */
const cspMeta = (): Plugin => ({
  name: 'switchyard-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: CONTENT_SECURITY_POLICY.split('; ')
          .filter((d) => !d.startsWith('frame-ancestors'))
          .join('; '),
      },
      injectTo: 'head-prepend',
    },
  ],
});

/**
 * index.html preloads React DOM's chunk (`src/renderer/app/mountApp.tsx`, imported dynamically by
 * `main.tsx`): it then downloads and compiles beside the small entry, whose `boot.ts` starts the
 * first screen's requests as soon as the entry alone is ready (see main.tsx).
 */
const preloadRenderChunk = (): Plugin => ({
  name: 'switchyard-preload-render-chunk',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, ctx) => {
      const chunk = Object.values(ctx.bundle ?? {}).find(
        (file) => file.type === 'chunk' && file.facadeModuleId?.endsWith('/app/mountApp.tsx'),
      );
      if (!chunk) throw new Error('switchyard-preload-render-chunk: no chunk for app/mountApp.tsx');
      return [
        {
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` },
          injectTo: 'head',
        },
      ];
    },
  },
});

// Main and preload are bundled for Electron; native and heavy deps stay external (electron-vite
// externalizes `dependencies` by default). The sandboxed preload must be a single CommonJS file.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          // The learned strategy trains in a worker thread; its file must sit next to index.js
          // (src/main/learning/training/trainingThread.ts finds it there as learning-trainer.js).
          'learning-trainer': resolve(__dirname, 'src/main/learning/training/trainingWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), cspMeta(), preloadRenderChunk()],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
