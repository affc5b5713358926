// App-wide hardening from Electron's security checklist. Applied to every webContents the app ever
// creates (not only our window), so a future dev-tools page, popup or accident inherits it.
import { app, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { externalWebUrl, isOwnUrl, type RendererSource } from './origin';

/**
 * The Vite dev server needs an inline React-refresh preamble and a websocket for HMR; the strict
 * policy (shared with the headless shell) applies to everything else, and always when packaged.
 */
const DEV_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const policyFor = (source: RendererSource): string =>
  source.kind === 'dev' ? DEV_CSP : CONTENT_SECURITY_POLICY;

/** Opens plain http(s) links in the user's browser; anything else (file:, smb:, …) is dropped. */
export function openExternalSafely(url: string): void {
  const safe = externalWebUrl(url);
  if (safe === null) {
    console.warn(`[switchyard] refused to open ${url.slice(0, 200)}: only http(s) links leave the app.`);
    return;
  }
  shell.openExternal(safe).catch((e: unknown) => console.warn('[switchyard] could not open a link:', e));
}

function hardenWebContents(contents: WebContents, source: RendererSource): void {
  // #11/#12: no <webview> at all, whatever options a page asks for.
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // #14: no new windows; a link meant for a new tab goes to the browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });

  // #13: the page stays on the app origin. A clicked web link opens in the browser.
  contents.on('will-navigate', (event) => {
    if (isOwnUrl(event.url, source)) return;
    event.preventDefault();
    if (event.isMainFrame) openExternalSafely(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isOwnUrl(event.url, source)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnUrl(event.url, source)) event.preventDefault();
  });
}

export function hardenAllWebContents(source: RendererSource): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, source));
}

/**
 * #5: every permission is refused, except writing sanitized text to the clipboard from our own
 * page (the "copy" buttons); reading the clipboard, camera, notifications, devices… are all denied.
 */
function allowed(permission: string, origin: string | null, source: RendererSource): boolean {
  return permission === 'clipboard-sanitized-write' && origin !== null && isOwnUrl(origin, source);
}

export function hardenSession(ses: Session, source: RendererSource): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl, source)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, requestingOrigin, source),
  );
  ses.setDevicePermissionHandler(() => false);

  // #7: the CSP rides on every response, whatever served it (app://, the dev server); any policy a
  // server sent is replaced, not merged, so nothing can loosen it.
  const policy = policyFor(source);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}
