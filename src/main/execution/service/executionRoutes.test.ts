import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, RoutedGeneration } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { MemorySecretStore } from '../../routing/test/memorySecrets';
import { createDispatcher } from '../../rpc/dispatch';
import { Services } from '../../services';
import { tempDir } from '../../test/tempDir';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { fault, KEY, upstreamCalls } from '../test/harness';

/**
 * The contract routes on the real Services: routing decides, the budget room admits, the ledger
 * records (SQLite file), the providers room hands out keys and base URLs, the fake answers.
 */
let fake: FakeProviderServer;
let dir: ReturnType<typeof tempDir>;
let services: Services;
let seen: Array<{ event: EventName; payload: unknown }>;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

async function open(simulate: boolean): Promise<void> {
  services = await Services.create({
    dataDir: dir.path,
    shell: 'headless',
    simulate,
    secrets: new MemorySecretStore({ openai: KEY, anthropic: KEY }),
  });
  seen = [];
  services.events.onAny((event, payload) => seen.push({ event, payload }));
}
beforeEach(() => {
  fake.reset();
  dir = tempDir();
});
afterEach(() => {
  services.close();
  dir.cleanup();
});

const call = (route: string, input: unknown, signal?: AbortSignal) =>
  createDispatcher(services)(route, input, { source: 'http', signal }) as Promise<Result<unknown>>;

async function data<T>(p: Promise<Result<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

describe('execution and health routes', () => {
  it('execution.run --simulate answers through routing and the in-process fake providers', async () => {
    await open(true);
    const r = await data<RoutedGeneration>(call('execution.run', { request: { prompt: 'hello' } }));
    expect(r.simulated).toBe(true);
    expect(r.output).toMatch(/^Simulated answer from /);
    expect(r.costUsd).toBeGreaterThan(0);
    expect(r.route.strategy).toBe('auto');
    expect(seen.map((s) => s.event)).toContain('execution.delta');
    const rows = services.database!.db.prepare('SELECT COUNT(*) AS n FROM ledger_requests').get() as {
      n: number;
    };
    expect(rows.n).toBe(0);
  });

  it('a live run is admitted by the budget room and recorded in the ledger, settling its reservation', async () => {
    await open(false);
    await data(call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai }));
    const r = await data<RoutedGeneration>(
      call('execution.run', {
        request: { prompt: 'Name a prime', model: 'openai/gpt-4o-mini' },
        temperature: 0,
      }),
    );
    expect(r).toMatchObject({ modelKey: 'openai/gpt-4o-mini', simulated: false, budget: { enforced: true } });
    expect(r.budget.reservationId).not.toBeNull();
    expect(upstreamCalls(fake, 'gpt-4o-mini')).toHaveLength(1);
    const db = services.database!.db;
    expect((db.prepare('SELECT COUNT(*) AS n FROM ledger_requests').get() as { n: number }).n).toBe(1);
    // What routing decided from is kept, so the rules editor can replay the request.
    expect(
      db.prepare('SELECT input_tokens > 0 AS tokens, use_case_confidence, vision FROM ledger_features').all(),
    ).toEqual([{ tokens: 1, use_case_confidence: 0, vision: 0 }]);
    expect((db.prepare('SELECT COUNT(*) AS n FROM budget_reservations').get() as { n: number }).n).toBe(0);
    const stats = await data<{ attempts: number; successes: number }>(call('execution.stats', {}));
    expect(stats).toMatchObject({ attempts: 1, successes: 1 });
  });

  it('a hard budget that cannot hold the call refuses it before any upstream call', async () => {
    await open(false);
    await data(call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai }));
    await data(
      call('budget.set', { scope: 'global', window: 'daily', limitUsd: 0.0000001, policy: 'block' }),
    );
    const r = await call('execution.run', { request: { prompt: 'Too dear', model: 'openai/gpt-4o-mini' } });
    expect(r.ok ? 'ok' : r.error.code).toBe('BUDGET_EXCEEDED');
    expect(upstreamCalls(fake)).toHaveLength(0);
    expect(seen.at(-1)).toMatchObject({
      event: 'execution.done',
      payload: { error: { code: 'BUDGET_EXCEEDED' } },
    });
  });

  it('execution.cancel stops the upstream stream of a running request', async () => {
    await open(false);
    await data(call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai }));
    fault(fake, 'chunk-delay=50', 'gpt-4o-mini');
    const requestId = 'route-cancel-0001';
    services.events.on('execution.delta', (e) => {
      if (e.requestId === requestId) void call('execution.cancel', { requestId });
    });
    const r = await call('execution.run', {
      requestId,
      request: { prompt: 'Go on [[words:300]]', model: 'openai/gpt-4o-mini' },
      temperature: 0.8,
    });
    expect(r.ok && (r.data as RoutedGeneration).error?.code).toBe('CANCELLED');
    await expect.poll(() => upstreamCalls(fake, 'gpt-4o-mini')[0]?.aborted).toBe(true);
  });

  it('health.forceOpen keeps routing off a model until health.reset', async () => {
    await open(false);
    await data(call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai }));
    const forced = await data<{ circuit: { state: string }; available: boolean }>(
      call('health.forceOpen', { modelKey: 'openai/gpt-4o-mini' }),
    );
    expect(forced).toMatchObject({ circuit: { state: 'forced_open' }, available: false });
    expect(seen).toContainEqual({
      event: 'health.changed',
      payload: { modelKey: 'openai/gpt-4o-mini', state: 'forced_open' },
    });
    const decision = await data<{ modelKey: string }>(
      call('routing.decide', { prompt: 'hi', model: 'openai/gpt-4o-mini' }),
    ).catch((e: Error) => ({ modelKey: e.message }));
    expect(decision.modelKey).not.toBe('openai/gpt-4o-mini');
    const list = await data<{ models: Array<{ modelKey: string }> }>(call('health.list', {}));
    expect(list.models.map((m) => m.modelKey)).toContain('openai/gpt-4o-mini');
    await data(call('health.reset', { modelKey: 'openai/gpt-4o-mini' }));
    const after = await data<{ modelKey: string }>(
      call('routing.decide', { prompt: 'hi', model: 'openai/gpt-4o-mini' }),
    );
    expect(after.modelKey).toBe('openai/gpt-4o-mini');
  });

  it('a key refused on a real request turns the provider invalid_key where Settings shows it', async () => {
    await open(false);
    await data(call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai }));
    fault(fake, 'status=401', 'gpt-4o-mini');
    await call('execution.run', { request: { prompt: 'hi', model: 'openai/gpt-4o-mini' } });
    const list = await data<{ providers: Array<{ id: string; key: { status: string } }> }>(
      call('providers.list', {}),
    );
    expect(list.providers.find((p) => p.id === 'openai')?.key.status).toBe('invalid_key');
    expect(seen.map((s) => s.event)).toContain('health.keyRejected');
  });
});
