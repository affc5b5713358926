import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Context } from 'hono';
import { CONTENT_TYPES } from '../core/contentTypes';

const IMMUTABLE = 'private, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface UiFile {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
  cacheControl: string;
}

/**
 * The built UI (electron-vite's out/renderer, ~1.5 MB), held in memory and answered from there.
 *
 * Measured on the Costs screen over a 1M-request ledger (`npm run bench -- dashboard`; see
 * src/renderer/features/costs/README.md): serving each file with @hono/node-server's serveStatic
 * (stat, open, a read stream piped through a web stream per request) cost main's event loop ~120 ms
 * of reads over a bench run, and the page itself, 1.3 kB, took up to 60 ms from its headers to its
 * last byte while the reports were being asked for on the same loop. From memory it is one write.
 * Loopback only, so nothing is compressed: gzip would cost CPU on both ends and save no time.
 *
 * `assets/*` are named after a hash of their content (Vite), so the browser may keep them for good
 * (and with them V8's code cache, in a profile that keeps one); everything else is revalidated with
 * an ETag. A rebuild while the shell runs is picked up on the next page load: index.html's mtime is
 * checked (one stat) whenever the page is asked for, and the whole directory is read again when it
 * changed. Paths are looked up in the map, never joined onto the file system, so `..` cannot escape.
 */
export class StaticUi {
  private files = new Map<string, UiFile>();
  private indexMtime = -1;

  constructor(private readonly dir: string) {
    this.reloadIfRebuilt();
  }

  /** The file at the request's path, the page for a client-side route, or a 404 for a missing asset. */
  serve(c: Context): Response {
    const path = safeDecode(c.req.path);
    if (path === null) return c.text('Not found', 404);
    const key = path === '/' ? '/index.html' : path;
    if (key === '/index.html' || !this.files.has(key)) this.reloadIfRebuilt();
    const file = this.files.get(key);
    if (file) return respond(c, file);
    // A chunk of an older build must fail as a script load, not be answered with the HTML page.
    if (key.startsWith('/assets/')) return c.text('Not found', 404);
    const page = this.files.get('/index.html');
    if (!page) return notBuilt(c, this.dir);
    return respond(c, page);
  }

  private reloadIfRebuilt(): void {
    const mtime = statSync(join(this.dir, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (mtime === this.indexMtime) return;
    this.indexMtime = mtime;
    this.files = mtime === 0 ? new Map() : readUi(this.dir);
  }
}

function readUi(dir: string): Map<string, UiFile> {
  const files = new Map<string, UiFile>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = `/${relative(dir, full).split(sep).join('/')}`;
    const body = new Uint8Array(readFileSync(full));
    files.set(path, {
      body,
      type: CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      cacheControl: path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
    });
  }
  return files;
}

function respond(c: Context, file: UiFile): Response {
  c.header('Cache-Control', file.cacheControl);
  c.header('ETag', file.etag);
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
  c.header('Content-Type', file.type);
  return c.body(file.body, 200);
}

const notBuilt = (c: Context, dir: string): Response =>
  c.text(`The UI is not built (${dir} has no index.html). Run \`npm run build\`.`, 503);

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
