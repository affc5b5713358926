import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { startHeadless, type HeadlessServer } from './server';

// The headless shell over real HTTP on loopback, with a real SQLite file and the real keychain (or
// the in-memory token where none is available — the behaviour under test is the same).
let dir: ReturnType<typeof tempDir>;
let services: Services;
let server: HeadlessServer;
let token: string;

beforeAll(async () => {
  dir = tempDir();
  const ui = join(dir.path, 'ui');
  mkdirSync(ui);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Switchyard UI</title><div id="root"></div>');
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'assets', 'CostsScreen-abc123.js'), 'export const costs = 1;');
  services = await Services.create({ dataDir: join(dir.path, 'data'), shell: 'headless' });
  server = await startHeadless({ services, host: '127.0.0.1', port: 0, rendererDir: ui });
  token = services.accessToken.current;
});

afterAll(async () => {
  await server.close();
  services.close();
  dir.cleanup();
});

const rpc = (route: string, body: string | undefined, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/rpc/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });

describe('headless shell', () => {
  it('binds to loopback and prints a UI URL carrying the token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.uiUrl).toBe(`${server.origin}/?token=${encodeURIComponent(token)}`);
    expect(server.gatewayBaseUrl).toBe(`${server.origin}/v1`);
  });

  it('refuses the UI and the API without the token', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('Access token required');

    const api = await fetch(`${server.origin}/rpc/system.status`, { method: 'POST', body: '{}' });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    const wrong = await rpc('system.status', '{}', { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    const events = await fetch(`${server.origin}/events`);
    expect(events.status).toBe(401);
  });

  it('trades the one-time token URL for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const first = await fetch(server.uiUrl, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^sy_token_${server.port}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');

    const pair = cookie.split(';')[0] ?? '';
    const page = await fetch(`${server.origin}/`, { headers: { cookie: pair } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Switchyard UI');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('lets the browser keep hashed assets, revalidates the page, and 404s an asset that is gone', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const chunk = await fetch(`${server.origin}/assets/CostsScreen-abc123.js`, { headers: auth });
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('content-type')).toContain('javascript');
    expect(chunk.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(await chunk.text()).toBe('export const costs = 1;');

    const page = await fetch(`${server.origin}/costs`, { headers: auth });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('Switchyard UI');

    // A chunk of an older build must fail as a script load, not be answered with the HTML page.
    const stale = await fetch(`${server.origin}/assets/CostsScreen-old999.js`, { headers: auth });
    expect(stale.status).toBe(404);
    expect(stale.headers.get('cache-control')).toBeNull();
  });

  it('revalidates the page with its ETag and serves a UI rebuilt while it runs on the next load', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const page = await fetch(`${server.origin}/`, { headers: auth });
    const etag = page.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const again = await fetch(`${server.origin}/`, { headers: { ...auth, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const ui = join(dir.path, 'ui');
    writeFileSync(join(ui, 'assets', 'CostsScreen-def456.js'), 'export const costs = 2;');
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Switchyard UI, rebuilt</title>');
    utimesSync(join(ui, 'index.html'), new Date(), new Date(Date.now() + 5_000));
    const rebuilt = await fetch(`${server.origin}/`, { headers: { ...auth, 'if-none-match': etag! } });
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toContain('rebuilt');
    const chunk = await fetch(`${server.origin}/assets/CostsScreen-def456.js`, { headers: auth });
    expect(await chunk.text()).toBe('export const costs = 2;');
    const head = await fetch(`${server.origin}/assets/CostsScreen-def456.js`, {
      method: 'HEAD',
      headers: auth,
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    // Lookups are by name in memory: nothing outside the UI directory can be reached.
    const escape = await fetch(`${server.origin}/assets/..%2f..%2fdata%2fswitchyard.db`, { headers: auth });
    expect(escape.status).toBe(404);
  });

  it('answers the contract over POST /rpc/<route> with the real status', async () => {
    const res = await rpc('system.status', '{}');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ok: true;
      data: { dataDir: string; database: { status: string; journalMode: string } };
    };
    expect(body.ok).toBe(true);
    expect(body.data.dataDir).toBe(join(dir.path, 'data'));
    expect(body.data.database).toMatchObject({ status: 'ok', journalMode: 'wal' });
  });

  it('turns bad input into 4xx with a code and stays up', async () => {
    const unknown = await rpc('system.nope', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });

    const badJson = await rpc('system.status', '{"oops"');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'BAD_JSON' } });

    const invalid = await rpc('system.status', '{"extra": 1}');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const huge = await rpc('system.status', JSON.stringify({ x: 'a'.repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });

    const get = await fetch(`${server.origin}/rpc/system.status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(get.status).toBe(404);

    expect((await rpc('system.status', '{}')).status).toBe(200);
  });

  it('rejects a foreign Host header (DNS rebinding) and a cross-origin cookie write', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.origin}/rpc/system.status`,
        { method: 'POST', headers: { host: 'evil.example', authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);

    const cookie = `sy_token_${server.port}=${token}`;
    const csrf = await fetch(`${server.origin}/rpc/system.recheck`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(csrf.status).toBe(403);
    expect(await csrf.json()).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
  });

  it('pushes events over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.origin}/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil('event: ready');
    expect((await rpc('system.recheck', '{}')).status).toBe(200);
    await readUntil('event: system.statusChanged');
    const data = text.split('event: system.statusChanged\n')[1]?.split('\n')[0] ?? '';
    expect(JSON.parse(data.replace(/^data: /, ''))).toMatchObject({ dataDir: join(dir.path, 'data') });
    controller.abort();
  });
});
