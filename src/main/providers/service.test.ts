import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import { createDispatcher } from '../rpc/dispatch';
import { Services } from '../services';
import { privateKeychain, startHarness, type Harness } from './test/harness';

// Real parts throughout: the OS keychain (a private service name), a SQLite file, the execution
// room's adapter making real HTTP calls to the fake provider server.
const store = privateKeychain();
let h: Harness;
const KEY = 'sk-service-test-0123456789abcd';

beforeAll(async () => {
  h = await startHarness({ secrets: store });
});
afterAll(async () => {
  await h.close();
  await store.wipe();
});
beforeEach(async () => {
  h.fake.reset();
  await store.wipe();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type AnyResult = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const call = async (route: string, input: unknown): Promise<AnyResult> =>
  (await createDispatcher(h.services)(route, input, { source: 'ui' })) as AnyResult;
const data = async <T>(route: string, input: unknown): Promise<T> => {
  const result = await call(route, input);
  if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
};

interface View {
  id: string;
  enabled: boolean;
  baseUrl: string | null;
  effectiveBaseUrl: string | null;
  key: { present: boolean; last4: string | null; status: string; reason: string };
  lastCheck: {
    ok: boolean;
    status: string;
    httpStatus: number | null;
    models: number | null;
    at: string;
  } | null;
  warnings: string[];
}
const view = async (id: string): Promise<View> =>
  (await data<{ providers: View[] }>('providers.list', {})).providers.find((p) => p.id === id)!;
const pointAtFake = (provider: string, wire: 'openai' | 'anthropic' | 'gemini' = 'openai') =>
  data<View>('providers.update', { provider, baseUrl: h.fake.baseUrls[wire] });

describe('provider status through test connection', () => {
  it('goes missing_key → untested → active, masked, with the last test persisted', async () => {
    expect((await view('openai')).key).toMatchObject({ present: false, status: 'missing_key', last4: null });
    expect((await view('openai')).key.reason).toMatch(/keys set openai/);

    const set = await data<View['key']>('keys.set', { provider: 'openai', key: `  ${KEY}\n` });
    expect(set).toEqual({
      provider: 'openai',
      present: true,
      last4: 'abcd',
      status: 'untested',
      reason: expect.stringMatching(/has not been tested/),
    });
    expect(await store.get('openai')).toBe(KEY); // trimmed

    await pointAtFake('openai');
    const tested = await data<View>('providers.test', { provider: 'openai' });
    expect(tested.key.status).toBe('active');
    expect(tested.key.reason).toBe('Answered the last test and listed 3 models.');
    expect(tested.lastCheck).toMatchObject({ ok: true, status: 'active', httpStatus: 200, models: 3 });
    const sent = h.fake.log.list({});
    expect(sent.at(-1)).toMatchObject({ path: '/v1/models', keyPresent: true, status: 200 });

    // A second process (the CLI, a restart) sees the same status from the database.
    const again = await Services.create({ dataDir: h.dataDir, shell: 'cli', secrets: store, env: {} });
    try {
      const list = await again.providers.list();
      expect(list.providers.find((p) => p.id === 'openai')?.key.status).toBe('active');
    } finally {
      again.close();
    }
  });

  it('turns 401/403, 429, 5xx and a dead base URL into invalid_key, rate_limited and unreachable', async () => {
    await data('keys.set', { provider: 'anthropic', key: KEY });
    await pointAtFake('anthropic', 'anthropic');
    const cases: Array<[object, string, RegExp]> = [
      [{ error: 'auth' }, 'invalid_key', /refused the stored key.*HTTP 401.*Replace it/],
      [{ status: 403 }, 'invalid_key', /HTTP 403/],
      [{ error: 'rate_limit', retryAfter: '2' }, 'rate_limited', /Rate limited.*HTTP 429/],
      [{ error: 'server' }, 'unreachable', /no usable answer from http:\/\/127\.0\.0\.1:\d+\/v1/],
      [{ error: 'overloaded' }, 'unreachable', /overloaded/],
    ];
    for (const [fault, status, reason] of cases) {
      h.fake.faults.add(fault, { wire: 'anthropic' }, 1);
      const v = await data<View>('providers.test', { provider: 'anthropic' });
      expect(v.key.status, JSON.stringify(fault)).toBe(status);
      expect(v.key.reason).toMatch(reason);
    }

    await data('providers.update', { provider: 'anthropic', baseUrl: 'http://127.0.0.1:9/v1' });
    const dead = await data<View>('providers.test', { provider: 'anthropic' });
    expect(dead.key.status).toBe('unreachable');
    expect(dead.key.reason).toMatch(/ECONNREFUSED|connection failed/);
    expect(dead.key.reason).toMatch(/Check the base URL/);
  });

  it('forgets the last test when the key or the base URL changes', async () => {
    await data('keys.set', { provider: 'groq', key: KEY });
    await pointAtFake('groq');
    expect((await data<View>('providers.test', { provider: 'groq' })).key.status).toBe('active');
    await data('keys.set', { provider: 'groq', key: `${KEY}-new` });
    expect((await view('groq')).key.status).toBe('untested');

    expect((await data<View>('providers.test', { provider: 'groq' })).key.status).toBe('active');
    await data('providers.update', { provider: 'groq', baseUrl: null });
    expect((await view('groq')).key.status).toBe('untested');
    expect((await view('groq')).lastCheck).toBeNull();

    await data('keys.delete', { provider: 'groq' });
    expect((await view('groq')).key.status).toBe('missing_key');
  });

  it('tests a local server without any key, and says so before', async () => {
    const before = await view('ollama');
    expect(before.key.status).toBe('local');
    expect(before.key.reason).toMatch(/no key needed/);
    await data('providers.update', { provider: 'ollama', baseUrl: h.fake.baseUrls.local });
    const v = await data<View>('providers.test', { provider: 'ollama' });
    expect(v.key.status).toBe('active');
    expect(h.fake.log.list({}).at(-1)).toMatchObject({ keyPresent: false, status: 200 });
  });

  it('does not call a provider without a key, and explains a provider without a list endpoint', async () => {
    const v = await data<View>('providers.test', { provider: 'mistral' });
    expect(v.key.status).toBe('missing_key');
    expect(h.fake.log.list({})).toHaveLength(0);

    await data('keys.set', { provider: 'perplexity', key: KEY });
    await pointAtFake('perplexity');
    const p = await data<View>('providers.test', { provider: 'perplexity' });
    expect(p.key.status).toBe('untested');
    expect(p.key.reason).toMatch(/no model-list endpoint/);
  });

  it('turns invalid_key when execution reports a key refused on a request, until a test succeeds', async () => {
    await data('keys.set', { provider: 'qwen', key: KEY });
    await pointAtFake('qwen');
    h.services.providers.keyRejected({
      provider: 'qwen',
      status: 401,
      message: `HTTP 401: authentication failed: Incorrect API key provided: ${KEY}`,
      at: new Date().toISOString(),
    });
    const refused = await view('qwen');
    expect(refused.key.status).toBe('invalid_key');
    expect(refused.key.reason).toMatch(/refused the stored key on a request \(HTTP 401\)/);
    expect(JSON.stringify(refused)).not.toContain(KEY);
    expect((await data<View>('providers.test', { provider: 'qwen' })).key.status).toBe('active');
  });

  it('broadcasts providers.changed for every change, from any client', async () => {
    const seen: EventPayload<'providers.changed'>[] = [];
    const off = h.services.events.on('providers.changed', (p) => seen.push(p));
    await data('keys.set', { provider: 'xai', key: KEY });
    await data('providers.update', { provider: 'xai', enabled: false });
    await data('keys.delete', { provider: 'xai' });
    off();
    expect(seen).toEqual([{ provider: 'xai' }, { provider: 'xai' }, { provider: 'xai' }]);
  });
});

describe('provider settings', () => {
  it('persists base URL and enable/disable, and rejects unsafe or malformed URLs', async () => {
    const v = await data<View>('providers.update', {
      provider: 'openrouter',
      baseUrl: 'https://proxy.example.com/openrouter/v1/',
      enabled: false,
    });
    expect(v).toMatchObject({
      enabled: false,
      baseUrl: 'https://proxy.example.com/openrouter/v1',
      effectiveBaseUrl: 'https://proxy.example.com/openrouter/v1',
      warnings: [],
    });
    const reopened = await Services.create({ dataDir: h.dataDir, shell: 'cli', secrets: store, env: {} });
    expect(reopened.providers.settings('openrouter')).toMatchObject({
      enabled: false,
      baseUrl: 'https://proxy.example.com/openrouter/v1',
    });
    reopened.close();

    const refused: Array<[string, RegExp]> = [
      ['http://203.0.113.7/v1', /Plain http to 203\.0\.113\.7 would send the API key unencrypted/],
      ['ftp://example.com', /must start with https:\/\//],
      ['not a url', /not a valid URL/],
      ['https://user:pw@example.com/v1', /user name or password/],
      ['https://example.com/v1?key=abc', /query/],
    ];
    for (const [baseUrl, message] of refused) {
      const r = await call('providers.update', { provider: 'openai', baseUrl });
      expect(r.ok, baseUrl).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION_FAILED');
        expect(r.error.message).toMatch(message);
      }
    }
    // Loopback http is fine for a cloud provider (a local proxy); LAN http for a local server warns.
    expect(
      (await data<View>('providers.update', { provider: 'openai', baseUrl: 'http://localhost:8080/v1' }))
        .warnings,
    ).toEqual([]);
    const lan = await data<View>('providers.update', {
      provider: 'lmstudio',
      baseUrl: 'http://192.168.1.20:1234/v1',
    });
    expect(lan.warnings[0]).toMatch(/plain http.*unencrypted/);
    const noop = await call('providers.update', { provider: 'openai' });
    expect(noop.ok).toBe(false);
  });

  it('derives the Azure base URL from the resource and keeps the deployment', async () => {
    const v = await data<View & { azure: { resource: string; deployment: string } }>('providers.update', {
      provider: 'azure',
      azure: { resource: 'my-res', deployment: 'gpt-4o-prod' },
    });
    expect(v.effectiveBaseUrl).toBe('https://my-res.openai.azure.com/openai');
    expect(v.azure).toEqual({ resource: 'my-res', deployment: 'gpt-4o-prod' });
    const bad = await call('providers.update', {
      provider: 'azure',
      azure: { resource: 'no spaces allowed' },
    });
    expect(bad.ok).toBe(false);
  });
});

describe('importing keys from the environment', () => {
  it('lists variable names only, imports the chosen ones and keeps a different stored key', async () => {
    const env = {
      OPENAI_API_KEY: 'sk-from-env-openai-0000',
      GOOGLE_API_KEY: 'AIza-from-env-google-0000000000',
      GEMINI_API_KEY: '',
      HF_TOKEN: 'hf_from_env_000000000000',
      AZURE_OPENAI_API_KEY: 'azure-from-env-000000000',
      AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com/',
      UNRELATED: 'x',
    };
    const s = await Services.create({ dataDir: h.dataDir, shell: 'headless', secrets: store, env });
    try {
      await store.set('huggingface', 'hf_already_there_0000000');
      const dispatch = async (route: string, input: unknown, ctx: { source: 'ui' }): Promise<AnyResult> =>
        (await createDispatcher(s)(route, input, ctx)) as AnyResult;
      const cand = await dispatch('keys.envCandidates', {}, { source: 'ui' });
      expect(cand).toEqual({
        ok: true,
        data: {
          candidates: [
            { provider: 'openai', envVar: 'OPENAI_API_KEY', stored: 'no' },
            { provider: 'google', envVar: 'GOOGLE_API_KEY', stored: 'no' },
            { provider: 'huggingface', envVar: 'HF_TOKEN', stored: 'different' },
            { provider: 'azure', envVar: 'AZURE_OPENAI_API_KEY', stored: 'no' },
          ],
        },
      });
      expect(JSON.stringify(cand)).not.toContain('from-env');

      const only = await dispatch(
        'keys.importEnv',
        { providers: ['openai', 'huggingface', 'azure'] },
        { source: 'ui' },
      );
      expect(only).toEqual({
        ok: true,
        data: {
          imported: [
            { provider: 'openai', envVar: 'OPENAI_API_KEY' },
            { provider: 'azure', envVar: 'AZURE_OPENAI_API_KEY' },
          ],
          skipped: [
            { provider: 'huggingface', envVar: 'HF_TOKEN', reason: expect.stringMatching(/different key/) },
          ],
          baseUrls: [
            {
              provider: 'azure',
              envVar: 'AZURE_OPENAI_ENDPOINT',
              baseUrl: 'https://contoso.openai.azure.com/openai',
            },
          ],
        },
      });
      expect(await store.get('openai')).toBe(env.OPENAI_API_KEY);
      expect(await store.get('google')).toBeNull();
      expect(await store.get('huggingface')).toBe('hf_already_there_0000000');

      await dispatch('keys.importEnv', { providers: ['huggingface'], overwrite: true }, { source: 'ui' });
      expect(await store.get('huggingface')).toBe(env.HF_TOKEN);
      const again = await dispatch('keys.importEnv', {}, { source: 'ui' });
      expect(again.ok && again.data.imported).toEqual([{ provider: 'google', envVar: 'GOOGLE_API_KEY' }]);
    } finally {
      s.close();
    }
  });
});

describe('keys over the contract', () => {
  it('never returns a key, shows last4 only for long keys, and refuses junk without echoing it', async () => {
    await data('keys.set', { provider: 'deepseek', key: 'short-key' });
    const list = await data<{ keys: Array<View['key'] & { provider: string }> }>('keys.list', {});
    expect(list.keys.find((k) => k.provider === 'deepseek')).toMatchObject({ present: true, last4: null });
    expect(JSON.stringify(list)).not.toContain('short-key');

    for (const key of ['', '   ', 'has a space in-it-0000', 'x'.repeat(5000)]) {
      const r = await call('keys.set', { provider: 'deepseek', key });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION_FAILED');
        if (key.trim()) expect(JSON.stringify(r.error)).not.toContain(key.trim().slice(0, 12));
      }
    }
    // Access tokens share the keychain service but are not provider keys.
    await store.set('access-token:0123456789abcdef', 'tok');
    const after = await data<{ keys: Array<{ provider: string }> }>('keys.list', {});
    expect(after.keys.map((k) => k.provider)).not.toContain('access-token:0123456789abcdef');
    expect(await h.services.providers.list()).toBeTruthy();
  });
});
