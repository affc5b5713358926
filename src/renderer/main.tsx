// First: starts the first screen's requests and chunk (boot.ts), before React DOM is even here.
import { queryClient, screenReady, transport } from './app/boot';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// React DOM (~180 kB) is a chunk of its own, preloaded by index.html: with it in the entry, the
// requests left only once all of it had been read from the cache and compiled (a Chromium trace of
// the Costs screen over 1M requests: the entry took 60–320 ms to be ready, under load, before
// boot.ts could run). The first render waits for the screen's chunk (a loopback fetch): a Suspense
// fallback shown first would hold the screen back, as React reveals a boundary no sooner than
// 300 ms after its fallback appeared (measured on the Costs screen: the chart painted ~200 ms after
// its data was there).
void Promise.all([import('./app/mountApp'), screenReady]).then(
  ([{ mountApp }]) => mountApp(root, transport, queryClient),
  (e: unknown) => {
    console.error('[switchyard] the app could not start:', e);
    root.textContent = 'Switchyard could not load its code. Reload the page; if that fails, rebuild the UI.';
  },
);
