import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { QueryClient } from '@tanstack/react-query';
import type { Transport } from '../transport';
import { App } from './App';

/**
 * React DOM and the app's frame, in a chunk of their own: `main.tsx` asks for it once `boot.ts` has
 * started the first screen's requests, and index.html preloads it (`electron.vite.config.ts`), so its
 * download and compilation run beside the entry's instead of before the requests can leave.
 */
export function mountApp(root: HTMLElement, transport: Transport, queryClient: QueryClient): void {
  createRoot(root).render(
    <StrictMode>
      <App transport={transport} queryClient={queryClient} />
    </StrictMode>,
  );
}
