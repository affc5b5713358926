import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CascadeRules } from '../../../shared/contract/execution';
import type { ProviderId } from '../../../shared/providers';
import { systemClock, type Clock } from '../clock';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { ExecutionHealth } from '../health/executionHealth';
import { MemoryHealthStore } from '../health/healthStore';
import { AdapterPool } from '../service/adapterPool';
import { chain, fakeConnections, fault, settings, steppingClock, upstreamCalls } from '../test/harness';
import { runCascade, type CascadeOutcome } from './cascade';
import { isCascadeError, type CascadeError } from './cascadeError';

/**
 * One test per failure class, through each provider's real SDK and adapter against the fake
 * provider server. Waits use a stepping clock (sleeps are recorded, not slept) except where a
 * test says it runs on real time.
 */
let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

interface Run {
  keys: string[];
  rules?: CascadeRules;
  clock?: Clock;
  stream?: boolean;
  signal?: AbortSignal;
  onDelta?: (t: string) => void;
  overrides?: Parameters<typeof fakeConnections>[1];
  rejected?: Array<{ provider: ProviderId; status: number | null }>;
}

function cascade(r: Run): Promise<CascadeOutcome> {
  const clock = r.clock ?? steppingClock().clock;
  const s = settings(r.rules);
  const health = new ExecutionHealth({ store: new MemoryHealthStore(), clock, settings: () => s });
  const pool = new AdapterPool(fakeConnections(fake, r.overrides));
  return runCascade(
    {
      chain: chain(...r.keys),
      messages: [{ role: 'user', content: 'Explain the cascade [[words:30]]' }],
      stream: r.stream ?? true,
      estimatedTokens: 100,
      signal: r.signal ?? new AbortController().signal,
      onDelta: r.onDelta,
    },
    {
      adapter: (p) => pool.adapter(p),
      health,
      clock,
      settings: s,
      keyRejected: (provider, e) => r.rejected?.push({ provider, status: e.status }),
    },
  );
}

async function failure(p: Promise<unknown>): Promise<CascadeError> {
  try {
    await p;
  } catch (e) {
    if (isCascadeError(e)) return e;
    throw e;
  }
  throw new Error('expected the cascade to fail');
}

const answer = (o: CascadeOutcome) => {
  if (o.kind !== 'answer') throw new Error(`expected an answer, got ${o.kind}`);
  return o;
};
const calls = (model: string) => upstreamCalls(fake, model).length;

describe('429 rate limit', () => {
  it('honours a short Retry-After end to end (real time) and answers from the same model', async () => {
    fault(fake, 'status=429;retry-after=0.3', 'gpt-4o-mini');
    const started = Date.now();
    const o = answer(
      await cascade({ keys: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'], clock: systemClock }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(o.model.modelKey).toBe('openai/gpt-4o-mini');
    expect(o.traces.map((t) => t.attempt.errorKind)).toEqual(['rate_limit', null]);
    expect(o.traces[1]!.attempt.waitedMs).toBe(300);
    expect(calls('gpt-4o-mini')).toBe(2);
    expect(calls('claude-haiku-4-5')).toBe(0);
  });

  it('without Retry-After backs off with full jitter (1 s, ×2), 3 calls, then the next model', async () => {
    fault(fake, 'status=429', 'gpt-4o-mini', 5);
    const { clock, sleeps } = steppingClock(0.5);
    const o = answer(await cascade({ keys: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'], clock }));
    expect(sleeps).toEqual([500, 1000]); // 0.5 × min(30 s, 1 s × 2^n)
    expect(calls('gpt-4o-mini')).toBe(3);
    expect(o.model.modelKey).toBe('anthropic/claude-haiku-4-5');
  });

  it('a Retry-After beyond the time budget is replaced by backoff', async () => {
    fault(fake, 'status=429;retry-after=120', 'gpt-4o-mini', 1);
    const { clock, sleeps } = steppingClock(0.25);
    answer(await cascade({ keys: ['openai/gpt-4o-mini'], clock, rules: { total_timeout_ms: 60_000 } }));
    expect(sleeps).toEqual([250]);
  });

  it('the backoff ceiling is capped at 30 s', async () => {
    fault(fake, 'status=429', 'gpt-4o-mini', 9);
    const { clock, sleeps } = steppingClock(0.999);
    await cascade({
      keys: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
      clock,
      rules: {
        retries: { rate_limit: 5 },
        max_attempts_per_model: 6,
        max_attempts: 9,
        total_timeout_ms: 600_000,
      },
    });
    expect(sleeps.map((s) => Math.round(s / 1000))).toEqual([1, 2, 4, 8, 16]);
    fake.reset();
    fault(fake, 'status=429', 'gpt-4o-mini', 9);
    const big = steppingClock(0.999);
    await cascade({
      keys: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
      clock: big.clock,
      rules: {
        retries: { rate_limit: 6 },
        max_attempts_per_model: 7,
        max_attempts: 9,
        backoff: { base_ms: 8_000 },
        total_timeout_ms: 600_000,
      },
    });
    expect(Math.max(...big.sleeps)).toBeLessThan(30_000);
    expect(Math.max(...big.sleeps)).toBeGreaterThan(29_000);
  });
});

describe('other failure classes', () => {
  it('413 goes to the next model at once, without a retry', async () => {
    fault(fake, 'status=413', 'gpt-4o-mini', 3);
    const { clock, sleeps } = steppingClock();
    const o = answer(await cascade({ keys: ['openai/gpt-4o-mini', 'google/gemini-2.5-flash'], clock }));
    expect(o.model.modelKey).toBe('google/gemini-2.5-flash');
    expect(calls('gpt-4o-mini')).toBe(1);
    expect(sleeps).toEqual([]);
    expect(o.traces[0]!.attempt).toMatchObject({ errorKind: 'context_length', status: 413 });
  });

  it('a context-length 400 also goes to the next model at once', async () => {
    fault(fake, 'error=context_length', 'claude-haiku-4-5', 3);
    const o = answer(await cascade({ keys: ['anthropic/claude-haiku-4-5', 'openai/gpt-4o-mini'] }));
    expect(o.model.modelKey).toBe('openai/gpt-4o-mini');
    expect(calls('claude-haiku-4-5')).toBe(1);
  });

  it('5xx is retried once, then the next model', async () => {
    fault(fake, 'status=500', 'gpt-4o-mini', 5);
    const { clock, sleeps } = steppingClock(0.5);
    const o = answer(await cascade({ keys: ['openai/gpt-4o-mini', 'google/gemini-2.5-flash'], clock }));
    expect(calls('gpt-4o-mini')).toBe(2);
    expect(sleeps).toEqual([500]);
    expect(o.model.modelKey).toBe('google/gemini-2.5-flash');
  });

  it('529 overloaded is retried, and answers when the retry succeeds', async () => {
    fault(fake, 'error=overloaded', 'claude-haiku-4-5', 1);
    const o = answer(await cascade({ keys: ['anthropic/claude-haiku-4-5', 'openai/gpt-4o-mini'] }));
    expect(o.traces[0]!.attempt).toMatchObject({ errorKind: 'overloaded', status: 529 });
    expect(o.model.modelKey).toBe('anthropic/claude-haiku-4-5');
  });

  it('a timeout is retried once with 1.5× the deadline, then the next model', async () => {
    fault(fake, 'hang', 'gpt-4o-mini', 2);
    const o = answer(
      await cascade({
        keys: ['openai/gpt-4o-mini', 'google/gemini-2.5-flash'],
        rules: { attempt_timeout_ms: 200, first_token_timeout_ms: 200 },
      }),
    );
    const [first, second] = o.traces.map((t) => t.attempt);
    expect(first).toMatchObject({ errorKind: 'timeout' });
    expect(second).toMatchObject({ errorKind: 'timeout', waitedMs: 0 });
    expect(first!.latencyMs).toBeGreaterThanOrEqual(190);
    expect(second!.latencyMs).toBeGreaterThanOrEqual(290);
    expect(second!.latencyMs).toBeLessThan(1_000);
    expect(o.model.modelKey).toBe('google/gemini-2.5-flash');
    // Both hung calls were abandoned by us, not answered.
    expect(upstreamCalls(fake, 'gpt-4o-mini').every((e) => e.aborted)).toBe(true);
  });

  it('401 marks the key invalid and skips every model of that provider', async () => {
    const rejected: Array<{ provider: ProviderId; status: number | null }> = [];
    const o = answer(
      await cascade({
        keys: ['openai/gpt-4o-mini', 'openai/gpt-4.1', 'anthropic/claude-haiku-4-5'],
        overrides: { openai: { apiKey: 'invalid' } },
        rejected,
      }),
    );
    expect(rejected).toEqual([{ provider: 'openai', status: 401 }]);
    expect(o.traces.map((t) => [t.attempt.modelKey, t.attempt.outcome, t.attempt.skipReason])).toEqual([
      ['openai/gpt-4o-mini', 'error', null],
      ['openai/gpt-4.1', 'skipped', 'provider_key_rejected'],
      ['anthropic/claude-haiku-4-5', 'ok', null],
    ]);
    expect(calls('gpt-4o-mini')).toBe(1);
    expect(calls('gpt-4.1')).toBe(0);
  });

  it('any other 400 stops: the error is returned and no other model is called', async () => {
    fault(fake, 'error=bad_request', 'gpt-4o-mini', 3);
    const e = await failure(cascade({ keys: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'] }));
    expect(e.code).toBe('PROVIDER_ERROR');
    expect(e.last?.kind).toBe('bad_request');
    expect(e.message).toMatch(/^HTTP 400: bad request: .*\(not retryable, provider: openai\)$/);
    expect(calls('claude-haiku-4-5')).toBe(0);
  });

  it('a network error is retried, then the next model', async () => {
    const { clock, sleeps } = steppingClock(0.5);
    const o = answer(
      await cascade({
        keys: ['deepseek/deepseek-chat', 'openai/gpt-4o-mini'],
        clock,
        overrides: { deepseek: { baseUrl: 'http://127.0.0.1:9/v1' } },
      }),
    );
    expect(o.traces.slice(0, 2).map((t) => t.attempt.errorKind)).toEqual(['network', 'network']);
    expect(sleeps).toEqual([500]);
    expect(o.model.modelKey).toBe('openai/gpt-4o-mini');
  });
});

describe('streams', () => {
  it('a stream failing before its first token falls back', async () => {
    fault(fake, 'cut-after=0', 'gpt-4o-mini');
    const o = answer(await cascade({ keys: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'] }));
    expect(o.traces[0]!.attempt.errorKind).toBe('stream_cut');
    expect(calls('gpt-4o-mini')).toBe(1);
    expect(o.model.modelKey).toBe('anthropic/claude-haiku-4-5');
  });

  it('a stream cut after tokens returns the partial answer with its error, never retried', async () => {
    fault(fake, 'cut-after=4', 'claude-haiku-4-5', 3);
    const deltas: string[] = [];
    const o = await cascade({
      keys: ['anthropic/claude-haiku-4-5', 'openai/gpt-4o-mini'],
      onDelta: (t) => deltas.push(t),
    });
    if (o.kind !== 'partial') throw new Error('expected a partial answer');
    expect(o.error.kind).toBe('stream_cut');
    expect(o.error.partialText).toBe(deltas.join(''));
    expect(o.error.partialText.split(' ').length).toBeGreaterThanOrEqual(4);
    expect(o.traces[0]!.deliveredText).toBe(o.error.partialText);
    expect(calls('claude-haiku-4-5')).toBe(1);
    expect(calls('gpt-4o-mini')).toBe(0);
  });

  it('cancelling mid-stream stops the upstream stream', async () => {
    fault(fake, 'chunk-delay=30', 'gpt-4o-mini');
    const controller = new AbortController();
    let seen = 0;
    const o = await cascade({
      keys: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
      signal: controller.signal,
      onDelta: () => {
        if (++seen === 3) controller.abort();
      },
    });
    // Text had reached the caller, so it comes back with the cancellation.
    if (o.kind !== 'partial') throw new Error('expected the text so far');
    expect(o.error.kind).toBe('cancelled');
    await expect.poll(() => upstreamCalls(fake, 'gpt-4o-mini')[0]?.aborted).toBe(true);
    expect(upstreamCalls(fake, 'gpt-4o-mini')[0]!.chunksSent).toBeLessThan(10);
    expect(calls('claude-haiku-4-5')).toBe(0);
  });
});

describe('bounds', () => {
  it('makes at most max_attempts calls in all, each model once apart from its retries', async () => {
    for (const m of ['gpt-4o-mini', 'gpt-4.1', 'claude-haiku-4-5', 'gemini-2.5-flash', 'deepseek-chat']) {
      fault(fake, 'status=500', m, 5);
    }
    const e = await failure(
      cascade({
        keys: [
          'openai/gpt-4o-mini',
          'openai/gpt-4.1',
          'openai/gpt-4o-mini',
          'anthropic/claude-haiku-4-5',
          'google/gemini-2.5-flash',
          'deepseek/deepseek-chat',
        ],
      }),
    );
    expect(upstreamCalls(fake).length).toBe(6);
    expect(calls('gpt-4o-mini')).toBe(2);
    expect(calls('deepseek-chat')).toBe(0);
    expect(e.message).toMatch(/^All 6 calls to 3 models failed; the last: HTTP 500/);
  });

  it('stops when the time budget is spent', async () => {
    fault(fake, 'status=500', 'gpt-4o-mini', 5);
    fault(fake, 'status=500', 'claude-haiku-4-5', 5);
    const { clock } = steppingClock(0.9);
    await failure(
      cascade({
        keys: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
        clock,
        rules: { total_timeout_ms: 800 },
      }),
    );
    // The backoff (900 ms) does not fit in 800 ms: no retry, and the next model is called.
    expect(calls('gpt-4o-mini')).toBe(1);
  });
});
