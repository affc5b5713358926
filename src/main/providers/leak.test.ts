import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/program';
import { startHeadless, type HeadlessServer } from '../headless/server';
import { filesContaining, filesUnder, privateKeychain, startHarness, type Harness } from './test/harness';

// Recognisable keys: one in a shape the generic scrubbing patterns know (sk-…), the others in
// shapes they do not, so scrubbing by value is what has to catch them.
const KEYS = {
  openai: 'sk-LEAKCANARY-openai-7c1d9e2f4a6b8c0d',
  anthropic: 'LEAKCANARYanthropic9f8e7d6c5b4a3210',
  google: 'LEAKCANARYgoogle0123456789abcdefXY',
  mistral: 'LEAKCANARYmistralenv55aa66bb77cc88',
} as const;
/** The full keys, and a middle slice of each that no masking ever shows. */
const NEEDLES = Object.values(KEYS).flatMap((k) => [k, k.slice(6, 22)]);

const store = privateKeychain();
let h: Harness;
let server: HeadlessServer;
const seen: string[] = []; // every response body, CLI line, log line and event
const sse = new AbortController();
let sseText = '';

function captureLogs(): void {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      seen.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' '));
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      seen.push(String(chunk));
      return original(chunk, ...rest);
    });
  }
}

async function rpc(
  route: string,
  input: unknown,
): Promise<{ status: number; body: { ok: boolean; data?: never; error?: { code: string } } }> {
  const res = await fetch(`${server.origin}/rpc/${route}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${h.services.accessToken.current}`,
      'content-type': 'application/json',
    },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  const text = await res.text();
  seen.push(text);
  return { status: res.status, body: JSON.parse(text) };
}

async function cli(argv: string[], readSecret: () => Promise<string> = async () => ''): Promise<number> {
  return runCli(['--data-dir', h.dataDir, ...argv], {
    io: { out: (l) => seen.push(l), err: (l) => seen.push(l) },
    secrets: store,
    env: { MISTRAL_API_KEY: KEYS.mistral },
    readSecret,
  });
}

beforeAll(async () => {
  captureLogs();
  h = await startHarness({ secrets: store, env: { MISTRAL_API_KEY: KEYS.mistral } });
  h.services.events.onAny((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
  server = await startHeadless({ services: h.services, host: '127.0.0.1', port: 0, rendererDir: h.dir.path });
  void fetch(`${server.origin}/events`, {
    headers: { authorization: `Bearer ${h.services.accessToken.current}` },
    signal: sse.signal,
  })
    .then(async (res) => {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        sseText += Buffer.from(chunk).toString();
    })
    .catch(() => {});
});

afterAll(async () => {
  sse.abort();
  vi.restoreAllMocks();
  await server.close();
  await h.close();
  await store.wipe();
});

describe('a key never leaks', () => {
  it('the premise holds: the fake provider echoes a rejected key, so scrubbing has work to do', async () => {
    const res = await fetch(`${h.fake.baseUrls.openai}/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEYS.openai}`,
        'content-type': 'application/json',
        'x-fake-fault': 'error=auth',
      },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(await res.text()).toContain(KEYS.openai);
  });

  it('through every key and provider route over HTTP, successes and every failure kind', async () => {
    for (const provider of ['openai', 'anthropic', 'google'] as const) {
      expect((await rpc('keys.set', { provider, key: KEYS[provider] })).status).toBe(200);
    }
    expect((await rpc('keys.envCandidates', {})).status).toBe(200);
    expect((await rpc('keys.importEnv', { providers: ['mistral'] })).body).toMatchObject({
      ok: true,
      data: { imported: [{ provider: 'mistral' }] },
    });
    const wires = { openai: 'openai', anthropic: 'anthropic', google: 'gemini', mistral: 'openai' } as const;
    for (const [provider, wire] of Object.entries(wires)) {
      await rpc('providers.update', { provider, baseUrl: h.fake.baseUrls[wire] });
      const ok = await rpc('providers.test', { provider });
      expect(ok.body).toMatchObject({ ok: true, data: { key: { status: 'active' } } });
      for (const fault of [
        'error=auth',
        'status=403',
        'error=rate_limit;retry-after=1',
        'error=server',
        'error=overloaded',
        'error=bad_request',
        'status=404',
      ]) {
        h.fake.faults.add(
          Object.fromEntries(
            fault
              .split(';')
              .map((kv) => kv.split('='))
              .map(([k, v]) => [k === 'retry-after' ? 'retryAfter' : k, k === 'status' ? Number(v) : v]),
          ),
          { wire },
          1,
        );
        const r = await rpc('providers.test', { provider });
        expect(r.status, `${provider} ${fault}`).toBe(200);
      }
    }
    expect(h.fake.log.list({}).filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(4);
    await rpc('providers.update', { provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1' });
    expect((await rpc('providers.test', { provider: 'openai' })).body).toMatchObject({
      data: { key: { status: 'unreachable' } },
    });
    await rpc('providers.list', {});
    await rpc('keys.list', {});

    // Keys in the wrong place or in a bad shape are refused without being repeated.
    expect((await rpc('keys.set', { provider: 'openai', key: `${KEYS.openai} trailing words` })).status).toBe(
      400,
    );
    expect((await rpc('keys.set', { provider: KEYS.anthropic, key: KEYS.anthropic })).status).toBe(400);
    expect((await rpc('keys.set', { provider: 'openai', key: KEYS.openai, extra: KEYS.google })).status).toBe(
      400,
    );
    expect(
      (
        await rpc('providers.update', {
          provider: 'openai',
          baseUrl: `https://example.com/v1?key=${KEYS.google}`,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await rpc('providers.update', {
          provider: 'openai',
          baseUrl: `https://u:${KEYS.google}@example.com/v1`,
        })
      ).status,
    ).toBe(400);
    expect((await rpc('keys.set', `{"provider":"openai","key":"${KEYS.openai}`)).status).toBe(400);

    for (const provider of Object.keys(wires)) await rpc('keys.delete', { provider });
  });

  it('through every CLI command, including a key wrongly given as an argument', async () => {
    expect(await cli(['keys', 'set', 'openai'], async () => KEYS.openai)).toBe(0);
    expect(await cli(['keys', 'set', 'anthropic'], async () => `${KEYS.anthropic}\n`)).toBe(0);
    expect(await cli(['keys', 'set', 'openai', KEYS.openai])).toBe(2);
    expect(await cli(['keys', 'set', `--key=${KEYS.openai}`, 'openai'])).toBe(2);
    expect(await cli(['keys', 'set', KEYS.openai])).toBe(2);
    expect(await cli(['keys', 'set', 'openai'], async () => `${KEYS.openai} oops`)).toBe(1);
    expect(await cli(['keys', 'list'])).toBe(0);
    expect(await cli(['keys', 'list', '--json'])).toBe(0);
    expect(await cli(['providers', 'set', 'openai', '--base-url', h.fake.baseUrls.openai])).toBe(0);
    expect(
      await cli(['providers', 'set', 'anthropic', '--base-url', h.fake.baseUrls.anthropic, '--disable']),
    ).toBe(0);
    expect(await cli(['keys', 'test', 'openai'])).toBe(0);
    h.fake.faults.add({ error: 'auth' }, { wire: 'openai' }, 1);
    expect(await cli(['keys', 'test', 'openai', '--json'])).toBe(1);
    h.fake.faults.add({ error: 'auth' }, { wire: 'anthropic' }, 1);
    expect(await cli(['keys', 'test', 'anthropic'])).toBe(1);
    expect(await cli(['providers', 'list'])).toBe(0);
    expect(await cli(['providers', 'list', '--json'])).toBe(0);
    expect(await cli(['keys', 'import-env', '--dry-run'])).toBe(0);
    expect(await cli(['keys', 'import-env', '--json'])).toBe(0);
    expect(await cli(['keys', 'import-env', '--overwrite'])).toBe(0);
    for (const provider of ['openai', 'anthropic', 'mistral'])
      expect(await cli(['keys', 'delete', provider])).toBe(0);
  });

  it('appears in no response, CLI output, log line, event, or file in the data dir', async () => {
    await new Promise((r) => setTimeout(r, 100)); // let the SSE stream flush
    expect(seen.length).toBeGreaterThan(100);
    expect(sseText).toContain('providers.changed');
    const everything = [...seen, sseText].join('\n');
    for (const needle of NEEDLES) expect(everything.includes(needle), needle).toBe(false);
    expect(filesUnder(h.dataDir).some((f) => f.endsWith('switchyard.db'))).toBe(true);
    for (const needle of NEEDLES) expect(filesContaining(h.dataDir, needle), needle).toEqual([]);
    // The tests did reach the provider with the key (the fake saw it) and recorded their outcome.
    expect(h.fake.log.list({}).filter((r) => r.keyPresent).length).toBeGreaterThan(30);
    expect(h.services.providers.settings('anthropic').enabled).toBe(false);
  });
});
