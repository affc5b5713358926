// Where the renderer comes from and which URLs count as "ours". No `electron` import here, so the
// policy can be unit-tested under plain Node.

/** The privileged scheme the built renderer is served from (Electron security checklist #18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchyard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface RendererSource {
  /** `app`: the built renderer over app://; `dev`: electron-vite's dev server (unpackaged only). */
  kind: 'app' | 'dev';
  /** Scheme + host (+ port): the one origin allowed to navigate, call IPC and receive events. */
  origin: string;
  /** What the window loads first. */
  entryUrl: string;
}

/**
 * `scheme://host[:port]` of a URL, or null when it does not parse. Node's `URL#origin` is "null"
 * for non-special schemes such as app://, so the origin is assembled by hand.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.host === '') return null;
    return `${u.protocol}//${u.host}`.toLowerCase();
  } catch {
    return null;
  }
}

export const isOwnUrl = (url: string, source: RendererSource): boolean => originOf(url) === source.origin;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server URL is honoured only for an unpackaged app and only on loopback http(s): an
 * environment variable must never be able to point a shipped app at a remote page that would then
 * be trusted with the IPC bridge.
 */
export function rendererSource(isPackaged: boolean, env: NodeJS.ProcessEnv): RendererSource {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devUrl) {
    try {
      const u = new URL(devUrl);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.has(u.hostname)) {
        return { kind: 'dev', origin: `${u.protocol}//${u.host}`.toLowerCase(), entryUrl: u.href };
      }
    } catch {
      // fall through to the built renderer
    }
    console.warn(`[switchyard] ignoring ELECTRON_RENDERER_URL=${devUrl}: only loopback http(s) is allowed.`);
  }
  return { kind: 'app', origin: APP_ORIGIN, entryUrl: `${APP_ORIGIN}/index.html` };
}

/** URLs we hand to the OS browser: plain web links only, never file:, smb:, custom schemes etc. */
export function externalWebUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** What the IPC handler knows about a sender, extracted from the Electron event. */
export interface SenderFacts {
  /** URL of `event.senderFrame`; null when the frame is gone (navigated away or destroyed). */
  frameUrl: string | null;
  /** The sender frame is the top frame of its page (no iframe may call main). */
  isMainFrame: boolean;
  /** The page belongs to a BrowserWindow this shell created. */
  isOwnWindow: boolean;
}

/** Why a sender may not call main, or null when it may (Electron security checklist #17). */
export function senderRefusal(facts: SenderFacts, source: RendererSource): string | null {
  if (facts.frameUrl === null) return 'the calling frame no longer exists';
  if (!facts.isOwnWindow) return 'the caller is not a Switchyard window';
  if (!facts.isMainFrame) return 'only the top frame of a Switchyard window may call the app';
  if (!isOwnUrl(facts.frameUrl, source))
    return `pages from ${originOf(facts.frameUrl) ?? 'an unknown origin'} may not call the app`;
  return null;
}
