import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../shared/providers';
import { fakeConnection } from '../fake/connections';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { isGenerationError, type ErrorKind, type GenerationError } from '../generationError';
import type { GenerationRequest } from '../types';
import { ProviderAdapter } from './adapter';

/** Every fault class, injected by the fake, must reach the caller as the right normalised error. */
let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const KEY = 'sk-SWITCHYARD-LEAK-CANARY-7c41d2e9';

const CASES: Array<{ provider: ProviderId; model: string; overloadedStatus: number }> = [
  { provider: 'openai', model: 'gpt-4o-mini', overloadedStatus: 503 },
  { provider: 'anthropic', model: 'claude-haiku-4-5', overloadedStatus: 529 },
  { provider: 'google', model: 'gemini-2.5-flash', overloadedStatus: 503 },
  { provider: 'deepseek', model: 'deepseek-chat', overloadedStatus: 503 },
];

/** The key must not appear in anything a person or a log could see. */
function expectNoKey(e: GenerationError): void {
  for (const surface of [
    e.message,
    JSON.stringify(e),
    inspect(e, { depth: 10 }),
    JSON.stringify(e.toContract()),
  ]) {
    expect(surface).not.toContain(KEY);
    expect(surface).not.toContain(KEY.slice(3, 20));
  }
}

async function failure(run: () => Promise<unknown>): Promise<GenerationError> {
  try {
    await run();
  } catch (e) {
    expect(isGenerationError(e)).toBe(true);
    expectNoKey(e as GenerationError);
    return e as GenerationError;
  }
  throw new Error('expected the call to fail');
}

async function drain(stream: AsyncIterable<{ type: string; text?: string }>): Promise<string> {
  let text = '';
  for await (const ev of stream) if (ev.type === 'delta') text += ev.text ?? '';
  return text;
}

describe.each(CASES)('$provider faults', ({ provider, model, overloadedStatus }) => {
  const adapter = (key: string | null = KEY) => new ProviderAdapter(fakeConnection(fake, provider, key));
  const request = (fault?: string, extra: Partial<GenerationRequest> = {}): GenerationRequest => ({
    model,
    messages: [{ role: 'user', content: 'Summarise the budget [[words:40]]' }],
    headers: fault ? { 'x-fake-fault': fault } : undefined,
    ...extra,
  });
  const generateFails = (fault: string, extra?: Partial<GenerationRequest>) =>
    failure(() => adapter().generate(request(fault, extra)));
  const streamFails = (fault: string, extra?: Partial<GenerationRequest>) =>
    failure(() => drain(adapter().stream(request(fault, extra))));

  it.each<[string, ErrorKind, number, boolean]>([
    ['status=413', 'context_length', 413, false],
    ['error=context_length', 'context_length', 400, false],
    ['status=500', 'server', 500, true],
    ['error=overloaded', 'overloaded', overloadedStatus, true],
    ['status=401', 'auth', 401, false],
    ['status=403', 'auth', 403, false],
    ['error=bad_request', 'bad_request', 400, false],
  ])(
    '%s becomes %s (HTTP %i, retryable %s) in JSON and stream calls',
    async (fault, kind, status, retryable) => {
      for (const e of [await generateFails(fault), await streamFails(fault)]) {
        expect({ kind: e.kind, status: e.status, retryable: e.retryable, provider: e.provider }).toEqual({
          kind,
          status,
          retryable,
          provider,
        });
        expect(e.requestId).toMatch(/^req_/);
      }
    },
  );

  it('429 with Retry-After in seconds becomes a retryable rate_limit with the delay', async () => {
    const e = await generateFails('status=429;retry-after=2');
    expect([e.kind, e.status, e.retryAfterMs, e.retryable]).toEqual(['rate_limit', 429, 2000, true]);
    expect(e.message).toBe(`HTTP 429: rate limit exceeded (retryable, provider: ${provider})`);
    expect(e.code).toBe('RATE_LIMIT_EXCEEDED');
  });

  it('429 with Retry-After as an HTTP date becomes the time left until that date', async () => {
    const e = await streamFails(`status=429;retry-after=${new Date(Date.now() + 5000).toUTCString()}`);
    expect(e.kind).toBe('rate_limit');
    // HTTP dates have one-second resolution.
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(3000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(5000);
  });

  it('a rejected key becomes auth, in JSON and stream calls alike', async () => {
    expect((await generateFails('error=auth')).kind).toBe('auth');
    expect((await streamFails('error=auth')).kind).toBe('auth');
    const rejected = await failure(() => adapter('invalid').generate(request()));
    expect([rejected.kind, rejected.retryable]).toEqual(['auth', false]);
  });

  it('a missing key fails as auth before any upstream call', async () => {
    const e = await failure(() => adapter(null).generate(request()));
    expect(e.kind).toBe('auth');
    expect(fake.log.list()).toHaveLength(0);
  });

  it('the caller aborting a hung call gives cancelled, and the upstream connection is closed', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const e = await generateFails('hang', { signal: controller.signal });
    expect([e.kind, e.code, e.retryable]).toEqual(['cancelled', 'CANCELLED', false]);
    await expect.poll(() => fake.log.list()[0]?.aborted).toBe(true);
  });

  it('a hung call past its deadline gives a retryable timeout', async () => {
    const e = await streamFails('hang', { timeoutMs: 100 });
    expect([e.kind, e.retryable]).toEqual(['timeout', true]);
    expect(e.message).toContain('after 100 ms');
    await expect.poll(() => fake.log.list()[0]?.aborted).toBe(true);
  });

  it('a slow first token past the first-token deadline gives timeout', async () => {
    const e = await streamFails('first-token-delay=2000', { firstTokenTimeoutMs: 100 });
    expect(e.kind).toBe('timeout');
  });

  it('a stream cut after N chunks gives stream_cut with the partial text, not retryable', async () => {
    const complete = await adapter().generate(request());
    const e = await streamFails('cut-after=4');
    expect(e.kind).toBe('stream_cut');
    expect(e.retryable).toBe(false);
    expect(e.partialText.length).toBeGreaterThan(0);
    expect(complete.text.startsWith(e.partialText)).toBe(true);
    expect(e.partialText.trim().split(/\s+/)).toHaveLength(4);
    expect(fake.log.list().at(-1)).toMatchObject({ outcome: 'cut', chunksSent: 4 });
  });

  it('a stream cut before any text is retryable, since nothing reached the caller', async () => {
    const e = await streamFails('cut-after=0');
    expect([e.kind, e.retryable, e.partialText]).toEqual(['stream_cut', true, '']);
  });

  it('malformed JSON in an answer gives a retryable server error', async () => {
    const e = await generateFails('malformed');
    expect([e.kind, e.status, e.retryable]).toEqual(['server', null, true]);
    expect(e.message).toContain('malformed response');
  });

  it('a malformed stream chunk fails the stream and keeps the text before it', async () => {
    const e = await streamFails('malformed');
    expect(e.kind).toBe('server');
    expect(e.partialText.length).toBeGreaterThan(0);
    expect(e.retryable).toBe(false);
  });

  it('a queued fault from the control endpoint reaches the SDK like a header fault', async () => {
    fake.faults.add({ status: 500 }, { model }, 1);
    expect((await failure(() => adapter().generate(request()))).kind).toBe('server');
    expect((await adapter().generate(request())).finishReason).toBe('stop');
    expect(fake.log.list()).toHaveLength(2);
  });
});

describe('connection-level failures', () => {
  it('keeps the provider’s reason for a 401 but scrubs the key OpenAI echoes in it', async () => {
    const e = await failure(() =>
      new ProviderAdapter(fakeConnection(fake, 'openai', KEY)).generate({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        headers: { 'x-fake-fault': 'error=auth' },
      }),
    );
    expect(e.providerMessage).toContain('Incorrect API key provided: [redacted]');
  });

  it('an answer body cut off mid-way is a retryable network error on a non-streaming call', async () => {
    const e = await failure(() =>
      new ProviderAdapter(fakeConnection(fake, 'anthropic', KEY)).generate({
        model: 'claude-haiku-4-5',
        messages: [{ role: 'user', content: 'hi' }],
        headers: { 'x-fake-fault': 'cut-after=1' },
      }),
    );
    expect([e.kind, e.retryable]).toEqual(['network', true]);
  });

  it('a refused connection gives a retryable network error without the URL or key', async () => {
    const closed = await startFakeProviders();
    const connection = fakeConnection(closed, 'openai', KEY);
    await closed.close();
    const e = await failure(() =>
      new ProviderAdapter(connection).generate({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect([e.kind, e.retryable, e.status]).toEqual(['network', true, null]);
    expect(e.message).not.toContain('127.0.0.1');
  });

  it('stopping to read a stream early closes the upstream stream', async () => {
    const adapter = new ProviderAdapter(fakeConnection(fake, 'openai', KEY));
    const stream = adapter.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Go on [[words:500]]' }],
      headers: { 'x-fake-fault': 'chunk-delay=20' },
    });
    let deltas = 0;
    for await (const ev of stream) if (ev.type === 'delta' && ++deltas === 3) break;
    await expect.poll(() => fake.log.list()[0]?.aborted).toBe(true);
    expect(fake.log.list()[0]?.chunksSent).toBeLessThan(50);
  });

  it('a Gemini key rejected with 400 API_KEY_INVALID is classified as auth, not bad_request', async () => {
    const e = await failure(() =>
      new ProviderAdapter(fakeConnection(fake, 'google', 'invalid')).listModels(),
    );
    expect([e.kind, e.status]).toEqual(['auth', 400]);
  });

  it('listModels failures are classified like generation failures', async () => {
    const e = await failure(() =>
      new ProviderAdapter(fakeConnection(fake, 'anthropic', KEY)).listModels({ signal: AbortSignal.abort() }),
    );
    expect(e.kind).toBe('cancelled');
    fake.faults.add({ status: 429, retryAfter: '7' }, {}, 1);
    const limited = await failure(() =>
      new ProviderAdapter(fakeConnection(fake, 'openai', KEY)).listModels(),
    );
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate_limit', 7000]);
  });
});
