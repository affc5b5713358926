// The app:// protocol the built renderer is served from. A custom standard+secure scheme instead of
// file:// (security checklist #18): file:// pages get extra privileges and can read any local file
// they can name, while app:// answers only for files inside out/renderer.
import { protocol } from 'electron';
import { APP_SCHEME } from './origin';
import { rendererResponse } from './rendererFiles';

/** Must run before `app.ready`: privileges cannot be granted to a scheme afterwards. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin, relative URLs and localStorage work; secure: counts as a secure
      // context like https. Deliberately no bypassCSP, no corsEnabled, no service workers.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves `rendererDir` (out/renderer) on app://switchyard/ for the default session. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    try {
      return await rendererResponse(rendererDir, request.method, request.url);
    } catch (e) {
      console.error('[switchyard] app:// failed for', request.url, e);
      return new Response('Internal error.', { status: 500 });
    }
  });
}
