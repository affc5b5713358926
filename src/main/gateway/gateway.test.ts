import OpenAI from 'openai';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { startFakeProviders, type FakeProviderServer } from '../execution/fake/server';
import { fault, KEY, upstreamCalls } from '../execution/test/harness';
import { startHeadless, type HeadlessServer } from '../headless/server';
import { sourceName } from '../ledger/ledgerCodes';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { createDispatcher } from '../rpc/dispatch';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';

/**
 * The gateway over real HTTP: a real headless server on a temp data dir (SQLite ledger, budget,
 * routing), openai pointed at the fake provider server, and the official `openai` SDK unchanged.
 */
let fake: FakeProviderServer;
let dir: ReturnType<typeof tempDir>;
let services: Services;
let server: HeadlessServer;
let client: OpenAI;

const call = async (route: string, input: unknown): Promise<unknown> => {
  const r = (await createDispatcher(services)(route, input, { source: 'http' })) as Result<unknown>;
  if (!r.ok) throw new Error(`${route}: ${r.error.code} ${r.error.message}`);
  return r.data;
};

beforeAll(async () => {
  fake = await startFakeProviders();
  dir = tempDir();
  services = await Services.create({
    dataDir: join(dir.path, 'data'),
    shell: 'headless',
    secrets: new MemorySecretStore({ openai: KEY }),
  });
  await call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai });
  for (const provider of ['ollama', 'lmstudio', 'custom'])
    await call('providers.update', { provider, enabled: false });
  server = await startHeadless({ services, host: '127.0.0.1', port: 0, rendererDir: join(dir.path, 'ui') });
  client = new OpenAI({
    baseURL: server.gatewayBaseUrl,
    apiKey: services.accessToken.current,
    maxRetries: 0,
  });
});

afterAll(async () => {
  await server.close();
  services.close();
  await fake.close();
  dir.cleanup();
});

beforeEach(() => fake.reset());

const ledgerRows = () =>
  services
    .database!.db.prepare('SELECT id, status, source, cost_nanos AS cost FROM ledger_requests ORDER BY id')
    .all() as Array<{ id: number; status: number; source: number; cost: number }>;

/** The APIError the SDK throws for a refused request (fails the test if the call succeeds). */
async function refusal(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof OpenAI.APIError)) throw new Error(`expected an APIError, got ${String(e)}`);
  return e;
}

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.gatewayBaseUrl}/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${services.accessToken.current}`,
      'content-type': 'application/json',
      ...headers,
    },
    body,
  });

describe('OpenAI-compatible gateway', () => {
  it('answers a plain completion routed, budgeted and recorded, with the routing headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Name a prime number' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toMatch(/^Simulated answer from /);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(data.model).toMatch(/^openai\//);
    expect(response.headers.get('x-switchyard-provider')).toBe('openai');
    expect(response.headers.get('x-switchyard-model')).toBe(data.model.slice('openai/'.length));
    expect(Number(response.headers.get('x-switchyard-cost-usd'))).toBeGreaterThan(0);
    expect(response.headers.get('x-switchyard-fallback')).toBe('false');
    const requestId = response.headers.get('x-switchyard-request-id');
    expect(requestId).toMatch(/^gw_/);
    expect(ledgerRows().at(-1)).toMatchObject({ status: 0, source: 3 });
  });

  it('streams chunks with the usage in the last chunk, then [DONE]', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Tell me a story [[words:20]]' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    // The answering model is known when the first text arrives, before the headers go out.
    expect(response.headers.get('x-switchyard-provider')).toBe('openai');
    expect(response.headers.get('x-switchyard-model')).toBe('gpt-4o-mini');
    expect(response.headers.get('x-switchyard-fallback')).toBe('false');
    expect(response.headers.get('x-switchyard-request-id')).toMatch(/^gw_/);
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toMatch(/^Simulated answer from gpt-4o-mini/);
    expect(chunks.length).toBeGreaterThan(10);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBeGreaterThan(0);
    const finishing = chunks.at(-2) as (typeof chunks)[number] & { x_switchyard?: unknown };
    expect(finishing.choices[0]?.finish_reason).toBe('stop');
    expect(finishing.x_switchyard).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      fallback: false,
    });
    expect(upstreamCalls(fake, 'gpt-4o-mini')[0]).toMatchObject({ stream: true });
  });

  it('names each answer by a request id that finds its ledger row, JSON and streamed alike', async () => {
    const plain = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Ledger link one' }] })
      .withResponse();
    const plainId = plain.response.headers.get('x-switchyard-request-id')!;
    const streamed = await client.chat.completions
      .create({
        model: 'openai/gpt-4o',
        messages: [{ role: 'user', content: 'Ledger link two [[words:12]]' }],
        stream: true,
      })
      .withResponse();
    const streamedId = streamed.response.headers.get('x-switchyard-request-id')!;
    for await (const c of streamed.data) void c;

    // By the time the client has the whole answer, its row is committed and findable by that id.
    const one = (await call('ledger.request', { requestKey: plainId })) as Record<string, unknown>;
    expect(one).toMatchObject({ source: 'gateway', status: 'ok', model: 'gpt-4o-mini' });
    expect(one.costUsd).toBe(Number(plain.response.headers.get('x-switchyard-cost-usd')));
    const two = (await call('ledger.request', { requestKey: streamedId })) as Record<string, unknown>;
    expect(two).toMatchObject({ source: 'gateway', status: 'ok', model: 'gpt-4o' });
    expect(two.id).not.toBe(one.id);
    expect(ledgerRows().at(-1)?.id).toBe(two.id);

    const unknown = await createDispatcher(services)(
      'ledger.request',
      { requestKey: 'gw_not-a-request' },
      { source: 'http' },
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('honours a pinned model, max_tokens, content parts and the x-switchyard-* headers', async () => {
    const r = await client.chat.completions.create(
      {
        model: 'openai/gpt-4o',
        messages: [
          { role: 'developer', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'Describe [[words:200]]' }] },
        ],
        max_tokens: 5,
        temperature: 0.3,
        user: 'tester',
      },
      { headers: { 'x-switchyard-max-cost': '5', 'x-switchyard-use-case': 'conversation' } },
    );
    expect(r.model).toBe('openai/gpt-4o');
    expect(r.choices[0]?.finish_reason).toBe('length');
    expect(upstreamCalls(fake, 'gpt-4o')).toHaveLength(1);
  });

  it('maps a hard budget block to 402 BUDGET_EXCEEDED without calling upstream', async () => {
    const budget = (await call('budget.set', {
      scope: 'global',
      window: 'daily',
      limitUsd: 0.0000001,
      policy: 'block',
    })) as { budget: { id: number } };
    try {
      const e = await refusal(
        client.chat.completions.create({
          model: 'openai/gpt-4o-mini',
          messages: [{ role: 'user', content: 'Too dear' }],
        }),
      );
      expect(e.status).toBe(402);
      expect(e.code).toBe('BUDGET_EXCEEDED');
      expect(upstreamCalls(fake)).toHaveLength(0);
    } finally {
      await call('budget.delete', { id: budget.budget.id });
    }
  });

  it('maps an invalid field to 400 naming it, and a wrong or missing token to 401', async () => {
    const bad = await refusal(
      client.chat.completions.create({
        model: 'auto',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 7,
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.param).toBe('temperature');
    expect(bad.message).toContain('temperature');
    const model = await refusal(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(model).toMatchObject({ status: 400, param: 'model' });

    const wrong = new OpenAI({ baseURL: server.gatewayBaseUrl, apiKey: 'not-the-token', maxRetries: 0 });
    const denied = await refusal(wrong.models.list());
    expect(denied).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(denied.status).toBe(401);
    expect(denied.message).not.toContain('not-the-token');
    const none = await fetch(`${server.gatewayBaseUrl}/models`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      error: { code: 'UNAUTHORIZED', type: 'authentication_error' },
    });
    // The UI's cookie is not a gateway credential.
    const cookie = await fetch(`${server.gatewayBaseUrl}/models`, {
      headers: { cookie: `sy_token_${server.port}=${services.accessToken.current}` },
    });
    expect(cookie.status).toBe(401);
  });

  it('maps an exhausted cascade to 502 and an upstream 429 to 429 with Retry-After, scrubbing keys', async () => {
    fault(fake, 'error=auth', 'gpt-4o-mini');
    const auth = await post(
      JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(auth.status).toBe(502);
    expect(await auth.text()).not.toContain(KEY);
    await call('health.reset', { modelKey: 'openai/gpt-4o-mini' });

    fault(fake, 'status=429;retry-after=1', 'gpt-4o', 10);
    const limited = await post(
      JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({
      error: { code: 'RATE_LIMIT_EXCEEDED', type: 'rate_limit_error' },
    });
    await call('health.reset', { modelKey: 'openai/gpt-4o' });
  }, 30_000);

  it('answers fuzzed bodies with 4xx and stays up', async () => {
    const bodies = [
      '{not json',
      '',
      'null',
      '[]',
      '"text"',
      JSON.stringify({ model: 5, messages: [] }),
      JSON.stringify({ model: 'auto', messages: 'hi' }),
      JSON.stringify({ model: 'auto', messages: [{ role: 'wizard', content: 'hi' }] }),
      JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: [{ type: 'input_audio' }] }] }),
      JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], max_tokens: -1 }),
      JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], stream: 'yes' }),
      JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], n: 3 }),
      JSON.stringify({ model: 'switchyard/nonsense', messages: [{ role: 'user', content: 'hi' }] }),
    ];
    for (const body of bodies) {
      const res = await post(body);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
      const json = (await res.json()) as { error: { message: string; type: string } };
      expect(json.error.type).toBe('invalid_request_error');
    }
    const header = await post(
      JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }),
      {
        'x-switchyard-min-quality': '7',
      },
    );
    expect(header.status).toBe(400);
    expect(await header.json()).toMatchObject({ error: { param: 'x-switchyard-min-quality' } });

    const huge = await post(
      JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'x'.repeat(3 * 1024 * 1024) }] }),
    ).catch(() => null);
    if (huge) expect(huge.status).toBe(413);

    const ok = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'still up?' }],
    });
    expect(ok.choices[0]?.message.content).toBeTruthy();
  });

  it('aborts the upstream call when the client disconnects mid-stream, and bills the partial answer', async () => {
    fault(fake, 'chunk-delay=30', 'gpt-4o-mini');
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      {
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Go on and on [[words:500]]' }],
        stream: true,
      },
      { signal: controller.signal },
    );
    let seen = 0;
    // The SDK ends (or throws from) the iteration once its signal fires; either way the socket closes.
    await (async () => {
      for await (const c of stream) {
        if (c.choices[0]?.delta.content) seen += 1;
        if (seen >= 3) controller.abort();
      }
    })().catch(() => undefined);
    expect(seen).toBe(3);
    await expect.poll(() => upstreamCalls(fake, 'gpt-4o-mini')[0]?.aborted, { timeout: 5000 }).toBe(true);
    await expect
      .poll(() => ledgerRows().at(-1), { timeout: 5000 })
      .toMatchObject({ source: 3, status: expect.any(Number) as number });
    const row = ledgerRows().at(-1)!;
    expect([2, 3]).toContain(row.status); // partial or cancelled, billed from what arrived
    expect(row.cost).toBeGreaterThan(0);
  });

  it('aborts the upstream call when the client of a JSON request leaves before the answer', async () => {
    fault(fake, 'latency=1500', 'gpt-4o-mini', 2);
    const before = ledgerRows().length;
    const controller = new AbortController();
    const answer = post(
      JSON.stringify({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Slowly, please.' }],
      }),
    );
    const gone = fetch(`${server.gatewayBaseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${services.accessToken.current}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Never mind.' }],
      }),
      signal: controller.signal,
    }).catch(() => null);
    await expect.poll(() => upstreamCalls(fake, 'gpt-4o-mini').length, { timeout: 5000 }).toBe(2);
    controller.abort();
    expect(await gone).toBeNull();
    // The one whose client left is closed upstream and recorded as cancelled; the other still answers.
    await expect
      .poll(() => upstreamCalls(fake, 'gpt-4o-mini').filter((c) => c.aborted).length, { timeout: 5000 })
      .toBe(1);
    expect((await answer).status).toBe(200);
    await expect.poll(() => ledgerRows().length - before, { timeout: 5000 }).toBe(2);
    expect(
      ledgerRows()
        .slice(before)
        .map((r) => r.status)
        .sort(),
    ).toEqual([0, 3]);
  });

  it('lists routable and virtual models, and serves the /api views', async () => {
    const models = await client.models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining(['auto', 'switchyard/code_generation', 'switchyard/constraints']),
    );
    expect(ids).toContain('openai/gpt-4o-mini');
    expect(ids.some((id) => id.startsWith('anthropic/'))).toBe(false);

    const get = (path: string) =>
      fetch(`${server.origin}/api/${path}`, {
        headers: { authorization: `Bearer ${services.accessToken.current}` },
      });
    const providers = (await (await get('providers')).json()) as { providers: Array<{ id: string }> };
    expect(providers.providers.map((p) => p.id)).toContain('openai');
    expect(JSON.stringify(providers)).not.toContain(KEY);
    const useCases = (await (await get('use-cases')).json()) as { useCases: Array<{ id: string }> };
    expect(useCases.useCases.map((u) => u.id)).toContain('summarization');
    const cost = await get('cost-summary');
    expect(cost.status).toBe(200);
    const health = await get('health');
    expect(health.status).toBe(200);
    expect(await health.json()).toHaveProperty('stats');
    expect((await get('nothing-here')).status).toBe(404);
    expect((await fetch(`${server.origin}/api/providers`)).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.gatewayBaseUrl}/models`,
        { headers: { host: 'evil.example', authorization: `Bearer ${services.accessToken.current}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('chat completions served on Node (ahead of Hono)', () => {
  /** A raw request, so the Host header and a chunked body are the test's to choose. */
  const raw = (
    headers: Record<string, string>,
    chunks: string[],
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> =>
    import('node:http').then(
      ({ request }) =>
        new Promise((resolve, reject) => {
          const req = request(
            `${server.gatewayBaseUrl}/chat/completions`,
            {
              method: 'POST',
              headers: { authorization: `Bearer ${services.accessToken.current}`, ...headers },
            },
            (res) => {
              let body = '';
              res.on('data', (b: Buffer) => (body += b.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
            },
          );
          req.on('error', reject);
          for (const c of chunks) req.write(c);
          req.end();
        }),
    );
  const hi = JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

  it('keeps the Host guard, the security headers and the body limit of the shell', async () => {
    const foreign = await raw({ host: 'evil.example', 'content-type': 'application/json' }, [hi]);
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(upstreamCalls(fake)).toHaveLength(0);

    const ok = await raw({ 'content-type': 'application/json' }, [hi]);
    expect(ok.status).toBe(200);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.headers['referrer-policy']).toBe('no-referrer');
    expect(ok.headers['x-switchyard-request-id']).toMatch(/^gw_/);

    // No Content-Length: the limit is enforced while the chunked body arrives.
    const mib = 'x'.repeat(1024 * 1024);
    const chunked = await raw({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, [
      mib,
      mib,
      mib,
    ]).catch(() => null);
    if (chunked) {
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    }
    const small = await raw({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, [
      hi.slice(0, 10),
      hi.slice(10),
    ]);
    expect(small.status).toBe(200);
    expect(JSON.parse(small.body)).toMatchObject({ object: 'chat.completion' });
  });
});

describe('the ledger source of contract calls over HTTP', () => {
  const run = (headers: Record<string, string>, prompt: string) =>
    fetch(`${server.origin}/rpc/execution.run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ request: { prompt, model: 'openai/gpt-4o-mini' }, temperature: 0.5 }),
    });

  it('records the UI (cookie) as ui and an API client (bearer) as http', async () => {
    const token = services.accessToken.current;
    const before = ledgerRows().length;
    expect((await run({ cookie: `sy_token_${server.port}=${token}` }, 'from the page')).status).toBe(200);
    expect((await run({ authorization: `Bearer ${token}` }, 'from a script')).status).toBe(200);
    const rows = services
      .database!.db.prepare(`SELECT source FROM ledger_requests ORDER BY id LIMIT -1 OFFSET ${before}`)
      .all() as Array<{ source: number }>;
    expect(rows.map((r) => sourceName(r.source))).toEqual(['ui', 'http']);
  });
});
