// Serving the built renderer for the app:// protocol. Kept free of `electron` so the path rules
// (the part an attacker would probe) are unit-testable under plain Node.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/csp';
import { CONTENT_TYPES } from '../core/contentTypes';
import { APP_HOST } from './origin';

/** The same headers the headless shell sends, so the UI runs under one policy in both shells. */
export const RENDERER_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

/**
 * The file under `root` a request path names, or null when it would escape `root`. URL parsing
 * already folds `/../`, but percent-encoded separators (`%2e%2e%2f`, `%5c`) decode after that, so
 * the decoded path is resolved and checked for containment again.
 */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  const rel = relative(base, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel === '' ? join(base, 'index.html') : file;
}

const textResponse = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { ...RENDERER_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });

async function fileResponse(file: string): Promise<Response | null> {
  try {
    if (!(await stat(file)).isFile()) return null;
    const body = await readFile(file);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { ...RENDERER_HEADERS, 'Content-Type': type } });
  } catch {
    return null;
  }
}

/**
 * Answers one app:// request from the built renderer in `root`. Paths without an extension that
 * name no file get index.html, so client-side routes survive a reload (as in the headless shell).
 */
export async function rendererResponse(root: string, method: string, url: string): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method not allowed.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return textResponse(400, 'Bad URL.');
  }
  if (parsed.host !== APP_HOST) return textResponse(404, 'Not found.');
  const file = resolveInside(root, parsed.pathname);
  if (file === null) return textResponse(403, 'Forbidden.');
  const found = await fileResponse(file);
  if (found) return found;
  if (extname(file) === '') {
    const shell = await fileResponse(join(resolve(root), 'index.html'));
    if (shell) return shell;
    return textResponse(503, `The UI is not built (${root} has no index.html). Run \`npm run build\`.`);
  }
  return textResponse(404, 'Not found.');
}
