// Points libsecret at a D-Bus address that does not exist before keytar is first loaded (each test
// file runs in its own process), so the keychain is truly unavailable here.
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/switchyard-no-bus';
delete process.env.DISPLAY;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/program';
import { startHeadless, type HeadlessServer } from '../headless/server';
import { createDispatcher } from '../rpc/dispatch';
import { filesContaining, filesUnder, startHarness, type Harness } from './test/harness';

const KEY = 'sk-keychain-down-canary-5f1e2d3c';
let h: Harness;
let server: HeadlessServer;

beforeAll(async () => {
  // The default store: service "Switchyard" on a Secret Service that is not there.
  h = await startHarness({ secrets: undefined, env: { OPENAI_API_KEY: KEY } });
  server = await startHeadless({ services: h.services, host: '127.0.0.1', port: 0, rendererDir: h.dir.path });
});
afterAll(async () => {
  await server.close();
  await h.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type AnyResult = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const dispatch = async (route: string, input: unknown): Promise<AnyResult> =>
  (await createDispatcher(h.services)(route, input, { source: 'ui' })) as AnyResult;

describe('keys and providers without a keychain', () => {
  it('answers every key route with KEYCHAIN_UNAVAILABLE and a message saying what to do', async () => {
    for (const [route, input] of [
      ['keys.set', { provider: 'openai', key: KEY }],
      ['keys.list', {}],
      ['keys.delete', { provider: 'openai' }],
      ['keys.envCandidates', {}],
      ['keys.importEnv', {}],
      ['providers.test', { provider: 'openai' }],
    ] as const) {
      const r = await dispatch(route, input);
      expect(r.ok, route).toBe(false);
      if (!r.ok) {
        expect(r.error.code, route).toBe('KEYCHAIN_UNAVAILABLE');
        expect(r.error.message).toMatch(/keychain.*unavailable/i);
        expect(r.error.message).toMatch(/Secret Service|dbus/i);
        expect(r.error.message).toMatch(/never stored in plaintext/);
      }
    }
  });

  it('still lists providers, explains the missing keys, and tests and configures local servers', async () => {
    const list = await dispatch('providers.list', {});
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.data.keychain.status).toBe('unavailable');
    const openai = list.data.providers.find((p: { id: string }) => p.id === 'openai');
    expect(openai.key).toMatchObject({ present: false, status: 'missing_key' });
    expect(openai.key.reason).toMatch(/OS keychain is unavailable/);

    const updated = await dispatch('providers.update', {
      provider: 'ollama',
      baseUrl: h.fake.baseUrls.local,
    });
    expect(updated.ok).toBe(true);
    const tested = await dispatch('providers.test', { provider: 'ollama' });
    expect(tested.ok && tested.data.key.status).toBe('active');
  });

  it('says KEYCHAIN_UNAVAILABLE over HTTP with status 503', async () => {
    const res = await fetch(`${server.origin}/rpc/keys.set`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.services.accessToken.current}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ provider: 'anthropic', key: KEY }),
    });
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(body).not.toContain(KEY);
  });

  it('fails the CLI key commands with `error KEYCHAIN_UNAVAILABLE` and exit 1; providers list still works', async () => {
    let prompted = 0;
    for (const argv of [
      ['keys', 'set', 'openai'],
      ['keys', 'list'],
      ['keys', 'import-env'],
      ['keys', 'test', 'openai'],
    ]) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['--data-dir', h.dataDir, ...argv], {
        io: { out: (l) => out.push(l), err: (l) => err.push(l) },
        readSecret: async () => {
          prompted++;
          return KEY;
        },
        env: { OPENAI_API_KEY: KEY },
      });
      expect(code, argv.join(' ')).toBe(1);
      expect(err.join('\n')).toMatch(/^error KEYCHAIN_UNAVAILABLE: /);
      expect(out.join('\n') + err.join('\n')).not.toContain(KEY);
    }
    expect(prompted).toBe(0); // not asked for a key that could not be stored
    const out: string[] = [];
    expect(
      await runCli(['--data-dir', h.dataDir, 'providers', 'list'], {
        io: { out: (l) => out.push(l), err: () => {} },
      }),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/keychain unavailable: /);
  });

  it('stored the key nowhere: no file in the data dir holds it', () => {
    expect(filesUnder(h.dataDir).length).toBeGreaterThan(0);
    expect(filesContaining(h.dataDir, KEY)).toEqual([]);
  });
});
