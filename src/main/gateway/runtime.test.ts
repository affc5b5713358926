import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayInfo } from '../../shared/contract/gateway';
import type { Result } from '../../shared/errors';
import { startHeadless, type HeadlessServer } from '../headless/server';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { createDispatcher } from '../rpc/dispatch';
import { AccessToken } from '../secrets/accessToken';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { OwnPortGateway } from './runtime';

/**
 * Gateway settings and the access token as a user meets them: switched off and on, moved to
 * another port, the token rotated from Settings or from the CLI — over real HTTP and SQLite.
 */
let dir: ReturnType<typeof tempDir>;
let secrets: MemorySecretStore;
let services: Services;
let server: HeadlessServer;

const call = async <T>(s: Services, route: string, input: unknown): Promise<T> => {
  const r = (await createDispatcher(s)(route, input, { source: 'ui' })) as Result<T>;
  if (!r.ok) throw new Error(`${route}: ${r.error.code} ${r.error.message}`);
  return r.data;
};
const models = (baseUrl: string, token: string) =>
  fetch(`${baseUrl}/models`, { headers: { authorization: `Bearer ${token}` } });

/** fetch cannot set Host; node:http can, as a rebinding page's browser would send it. */
const withHost = (url: string, token: string, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(url, { headers: { host, authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

beforeAll(async () => {
  dir = tempDir();
  secrets = new MemorySecretStore();
  services = await Services.create({ dataDir: join(dir.path, 'data'), shell: 'headless', secrets });
  server = await startHeadless({ services, host: '127.0.0.1', port: 0, rendererDir: join(dir.path, 'ui') });
});

afterAll(async () => {
  await server.close();
  services.close();
  dir.cleanup();
});

describe('gateway settings in the headless shell', () => {
  it('switches off (503 GATEWAY_DISABLED) and on again, and keeps the setting across a restart', async () => {
    const token = services.accessToken.current;
    expect((await models(server.gatewayBaseUrl, token)).status).toBe(200);

    const off = await call<GatewayInfo>(services, 'gateway.update', { enabled: false });
    expect(off).toMatchObject({ mode: 'shell-port', running: false, baseUrl: null });
    const refused = await models(server.gatewayBaseUrl, token);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'GATEWAY_DISABLED' } });
    // The UI's own contract is not the gateway: it still answers.
    expect((await call<{ shell: string }>(services, 'system.status', {})).shell).toBe('headless');

    // A second process on the same data dir (a restart) reads the stored setting.
    const again = await Services.create({ dataDir: services.dataDir, shell: 'cli', secrets });
    expect(again.gatewaySettings.get()).toEqual({ enabled: false, port: 4318 });
    again.close();

    const on = await call<GatewayInfo>(services, 'gateway.update', { enabled: true });
    expect(on).toMatchObject({ running: true, baseUrl: server.gatewayBaseUrl });
    expect((await models(server.gatewayBaseUrl, token)).status).toBe(200);
  });

  it('rejects an out-of-range port without changing the stored settings', async () => {
    const r = await createDispatcher(services)('gateway.update', { port: 80 }, { source: 'ui' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(services.gatewaySettings.get().port).toBe(4318);
  });

  it('rotating from Settings stops the old token at once; reveal shows the new one', async () => {
    const old = services.accessToken.current;
    const revealed = await call<{ token: string }>(services, 'gateway.revealToken', {});
    expect(revealed.token).toBe(old);
    const info = await call<GatewayInfo>(services, 'gateway.rotateToken', {});
    expect(JSON.stringify(info)).not.toContain(services.accessToken.current);
    expect((await models(server.gatewayBaseUrl, old)).status).toBe(401);
    const fresh = (await call<{ token: string }>(services, 'gateway.revealToken', {})).token;
    expect(fresh).not.toBe(old);
    expect((await models(server.gatewayBaseUrl, fresh)).status).toBe(200);
  });

  it('rotating from the CLI (another process) stops the old token on the very next request', async () => {
    const old = services.accessToken.current;
    expect((await models(server.gatewayBaseUrl, old)).status).toBe(200);
    // What `npm run switchyard -- token --rotate` does: the keychain entry and the rotation marker.
    const rotated = await AccessToken.rotateStored(secrets, services.dataDir);
    expect((await models(server.gatewayBaseUrl, old)).status).toBe(401);
    expect((await models(server.gatewayBaseUrl, rotated)).status).toBe(200);
  });
});

describe('the gateway on its own port (the desktop shell)', () => {
  it('listens on 127.0.0.1 at the configured port, moves, refuses foreign Host names, and reports a busy port', async () => {
    const d = tempDir();
    const own = await Services.create({ dataDir: join(d.path, 'data'), shell: 'electron', secrets });
    const free = async (): Promise<number> =>
      new Promise((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const port = (s.address() as { port: number }).port;
          s.close(() => resolve(port));
        });
      });
    const blocker = createServer();
    try {
      const first = await free();
      own.gatewaySettings.set({ port: first });
      own.gateway = new OwnPortGateway(own);
      const info = await own.gateway.apply();
      expect(info).toMatchObject({
        mode: 'own-port',
        running: true,
        baseUrl: `http://127.0.0.1:${first}/v1`,
      });
      const token = own.accessToken.current;
      expect((await models(info.baseUrl!, token)).status).toBe(200);
      // DNS rebinding: a page on another name resolving to 127.0.0.1 still sends its own Host.
      expect(await withHost(`${info.baseUrl}/models`, token, `evil.example:${first}`)).toBe(403);
      expect(await withHost(`${info.baseUrl}/models`, token, `localhost:${first}`)).toBe(200);
      expect(own.status().gateway).toMatchObject({ available: true, baseUrl: info.baseUrl });

      const second = await free();
      const moved = await call<GatewayInfo>(own, 'gateway.update', { port: second });
      expect(moved.baseUrl).toBe(`http://127.0.0.1:${second}/v1`);
      expect((await models(moved.baseUrl!, token)).status).toBe(200);
      await expect(models(info.baseUrl!, token)).rejects.toThrow();

      const off = await call<GatewayInfo>(own, 'gateway.update', { enabled: false });
      expect(off).toMatchObject({ running: false, baseUrl: null });
      await expect(models(moved.baseUrl!, token)).rejects.toThrow();

      const busy = await free();
      await new Promise<void>((resolve) => blocker.listen(busy, '127.0.0.1', resolve));
      const clash = await call<GatewayInfo>(own, 'gateway.update', { enabled: true, port: busy });
      expect(clash.running).toBe(false);
      expect(clash.message).toContain(`Port ${busy} is in use`);
    } finally {
      blocker.close();
      own.close();
      d.cleanup();
    }
  });
});
