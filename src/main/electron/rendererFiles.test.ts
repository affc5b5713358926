import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/tempDir';
import { APP_ORIGIN } from './origin';
import { rendererResponse } from './rendererFiles';

/**
 * The desktop shell serves the built renderer over app://: what a page (or anything that manages to
 * make the renderer request a URL) can read through it is the build folder and nothing else.
 */
describe('app:// serves the built renderer and nothing beside it', () => {
  let dir: ReturnType<typeof tempDir>;
  let root: string;
  beforeEach(() => {
    dir = tempDir();
    root = join(dir.path, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Switchyard</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.txt'), 'not for the renderer');
  });
  afterEach(() => dir.cleanup());

  const get = (path: string, method = 'GET') => rendererResponse(root, method, `${APP_ORIGIN}${path}`);

  it('answers files with their content type and the security headers', async () => {
    const js = await get('/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log(1)');
    const index = await get('/');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Switchyard</title>');
  });

  it('gives index.html for client-side routes, 404 for a missing asset', async () => {
    expect(await (await get('/costs')).text()).toContain('<title>Switchyard</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s without reading outside the build', async (path) => {
    const r = await get(path);
    expect([403, 404]).toContain(r.status);
    expect(await r.text()).not.toContain('not for the renderer');
  });

  it('refuses other methods and other hosts', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
    expect((await rendererResponse(root, 'GET', 'app://elsewhere/index.html')).status).toBe(404);
  });

  it('says how to build when there is no build', async () => {
    const r = await rendererResponse(join(dir.path, 'nothing'), 'GET', `${APP_ORIGIN}/costs`);
    expect(r.status).toBe(503);
    expect(await r.text()).toContain('npm run build');
  });
});
