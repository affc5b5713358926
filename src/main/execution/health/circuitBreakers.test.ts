import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CascadeRules } from '../../../shared/contract/execution';
import { LedgerDatabase } from '../../ledger/database';
import { tempDir } from '../../test/tempDir';
import { runCascade } from '../cascade/cascade';
import { isCascadeError } from '../cascade/cascadeError';
import { systemClock } from '../clock';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { AdapterPool } from '../service/adapterPool';
import { chain, fakeConnections, fault, settings, upstreamCalls } from '../test/harness';
import { ExecutionHealth } from './executionHealth';
import { SqliteHealthStore, type HealthStore } from './healthStore';

/**
 * Breakers through real calls: the fake fails on request, the cascade calls through the real
 * adapters, and the breaker state lives in a real SQLite file. cockatiel reads Date.now() for the
 * open period, so only Date is faked (HTTP timers stay real) and moved with setSystemTime.
 */
let fake: FakeProviderServer;
let dir: ReturnType<typeof tempDir>;
let db: LedgerDatabase;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  dir = tempDir();
  db = LedgerDatabase.open(dir.path);
});
afterEach(() => {
  vi.useRealTimers();
  db.close();
  dir.cleanup();
});

const A = 'openai/gpt-4o-mini';
const RULES: CascadeRules = { retries: { server: 0, rate_limit: 0, overloaded: 0, network: 0, timeout: 0 } };

function healthOn(store: HealthStore = new SqliteHealthStore(db), rules: CascadeRules = RULES) {
  const s = settings(rules);
  const changes: string[] = [];
  const health = new ExecutionHealth({
    store,
    clock: systemClock,
    settings: () => s,
    onCircuitChange: (key, state) => changes.push(`${key}:${state}`),
  });
  return { health, changes, s };
}

async function request(health: ExecutionHealth, keys = [A], rules: CascadeRules = RULES) {
  const pool = new AdapterPool(fakeConnections(fake));
  try {
    return await runCascade(
      {
        chain: chain(...keys),
        messages: [{ role: 'user', content: 'ping' }],
        stream: false,
        estimatedTokens: 10,
        signal: new AbortController().signal,
      },
      { adapter: (p) => pool.adapter(p), health, clock: systemClock, settings: settings(rules) },
    );
  } catch (e) {
    if (isCascadeError(e)) return e;
    throw e;
  }
}

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
const state = (h: ExecutionHealth) => h.view(A).circuit.state;

describe('circuit breaker per model', () => {
  it('opens after 5 consecutive server-side failures and then skips the model', async () => {
    const { health, changes } = healthOn();
    fault(fake, 'status=500', 'gpt-4o-mini', 10);
    for (let i = 0; i < 4; i++) await request(health);
    expect(state(health)).toBe('closed');
    expect(health.view(A).circuit.consecutiveServerFailures).toBe(4);
    await request(health);
    expect(state(health)).toBe('open');
    expect(changes).toEqual([`${A}:open`]);
    const skipped = await request(health);
    expect(upstreamCalls(fake, 'gpt-4o-mini')).toHaveLength(5);
    expect(isCascadeError(skipped) && skipped.code).toBe('NO_ELIGIBLE_MODEL');
    expect(health.availability(A)).toMatchObject({ available: false, reason: 'circuit_open' });
  });

  it('half-opens after the recovery timeout: a successful probe closes it', async () => {
    const { health, changes } = healthOn();
    fault(fake, 'status=503', 'gpt-4o-mini', 5);
    for (let i = 0; i < 5; i++) await request(health);
    advance(59_000);
    expect(health.availability(A).available).toBe(false);
    advance(1_000);
    expect(health.availability(A).available).toBe(true);
    const probe = await request(health);
    expect(isCascadeError(probe)).toBe(false);
    expect(state(health)).toBe('closed');
    expect(changes).toEqual([`${A}:open`, `${A}:half_open`, `${A}:closed`]);
  });

  it('shows half-open as soon as the recovery time has passed, before the probe call', async () => {
    const { health } = healthOn();
    fault(fake, 'status=500', 'gpt-4o-mini', 5);
    for (let i = 0; i < 5; i++) await request(health);
    advance(59_000);
    expect(state(health)).toBe('open');
    advance(1_000);
    const circuit = health.view(A).circuit;
    expect(circuit.state).toBe('half_open');
    expect(circuit.probeAt).toBe(new Date(Date.now()).toISOString());
    expect(health.routingStats().openCircuits).toEqual([
      { modelKey: A, state: 'half_open', probeAt: circuit.probeAt },
    ]);
    expect(upstreamCalls(fake, 'gpt-4o-mini')).toHaveLength(5);
  });

  it('a failed probe opens it again for another recovery period', async () => {
    const { health, changes } = healthOn();
    fault(fake, 'status=500', 'gpt-4o-mini', 6);
    for (let i = 0; i < 5; i++) await request(health);
    advance(60_000);
    await request(health);
    expect(state(health)).toBe('open');
    expect(changes).toEqual([`${A}:open`, `${A}:half_open`, `${A}:open`]);
    advance(30_000);
    expect(health.availability(A).available).toBe(false);
  });

  it('lets exactly one probe through while half-open; others skip the model', async () => {
    const { health } = healthOn();
    fault(fake, 'status=500', 'gpt-4o-mini', 5);
    for (let i = 0; i < 5; i++) await request(health);
    advance(60_000);
    fault(fake, 'latency=300', 'gpt-4o-mini');
    const probe = request(health);
    // The view says half-open from the recovery time on; wait until the probe is really in flight.
    await vi.waitFor(() => expect(upstreamCalls(fake, 'gpt-4o-mini')).toHaveLength(6));
    expect(state(health)).toBe('half_open');
    const other = await request(health);
    expect(isCascadeError(other) && other.code).toBe('NO_ELIGIBLE_MODEL');
    expect(isCascadeError(await probe)).toBe(false);
    expect(upstreamCalls(fake, 'gpt-4o-mini')).toHaveLength(6);
  });

  it('400s never count toward opening', async () => {
    const { health } = healthOn();
    fault(fake, 'error=bad_request', 'gpt-4o-mini', 8);
    for (let i = 0; i < 8; i++) await request(health);
    expect(state(health)).toBe('closed');
    expect(health.view(A).circuit.consecutiveServerFailures).toBe(0);
    expect(health.view(A).totalFailures).toBe(8);
  });

  it('a 429 puts the model in a cooldown that honours Retry-After instead of counting', async () => {
    const { health } = healthOn();
    fault(fake, 'status=429;retry-after=30', 'gpt-4o-mini');
    await request(health, [A, 'anthropic/claude-haiku-4-5']);
    expect(state(health)).toBe('closed');
    const a = health.availability(A);
    expect(a).toMatchObject({ available: false, reason: 'cooldown' });
    expect(a.available === false && a.retryAt! - Date.now()).toBeGreaterThan(29_000);
    await request(health, [A, 'anthropic/claude-haiku-4-5']);
    expect(upstreamCalls(fake, 'gpt-4o-mini')).toHaveLength(1);
    advance(30_001);
    expect(health.availability(A).available).toBe(true);
  });

  it('keeps an open circuit open across a restart (SQLite)', async () => {
    const first = healthOn();
    fault(fake, 'status=500', 'gpt-4o-mini', 5);
    for (let i = 0; i < 5; i++) await request(first.health);
    db.close();
    db = LedgerDatabase.open(dir.path);
    const { health } = healthOn(new SqliteHealthStore(db));
    expect(state(health)).toBe('open');
    expect(health.view(A)).toMatchObject({
      totalFailures: 5,
      consecutiveFailures: 5,
      lastErrorKind: 'server',
    });
    advance(60_000);
    expect(isCascadeError(await request(health))).toBe(false);
    expect(state(health)).toBe('closed');
  });

  it('force-open holds the circuit open (across a restart) until a manual reset', async () => {
    const first = healthOn();
    expect(first.health.forceOpen(A).circuit.state).toBe('forced_open');
    db.close();
    db = LedgerDatabase.open(dir.path);
    const { health } = healthOn(new SqliteHealthStore(db));
    advance(3_600_000);
    expect(health.availability(A)).toMatchObject({ available: false, reason: 'circuit_open' });
    const skipped = await request(health);
    expect(isCascadeError(skipped) && skipped.code).toBe('NO_ELIGIBLE_MODEL');
    expect(upstreamCalls(fake)).toHaveLength(0);
    expect(health.reset(A).circuit.state).toBe('closed');
    expect(isCascadeError(await request(health))).toBe(false);
  });
});

describe('model health figures', () => {
  it('counts calls, failures by kind, success rates over 5 min and 1 h, and latency percentiles', async () => {
    const { health } = healthOn();
    fault(fake, 'status=500', 'gpt-4o-mini', 2);
    for (let i = 0; i < 6; i++) await request(health);
    advance(10 * 60_000);
    await request(health);
    const v = health.view(A);
    expect(v).toMatchObject({
      totalAttempts: 7,
      totalSuccesses: 5,
      totalFailures: 2,
      consecutiveFailures: 0,
    });
    expect(v.successRate5m).toBe(1);
    expect(v.successRate1h).toBeCloseTo(5 / 7);
    expect(v.p50LatencyMs).not.toBeNull();
    expect(v.p95LatencyMs!).toBeGreaterThanOrEqual(v.p50LatencyMs!);
    expect(v.lastErrorKind).toBe('server');
    expect(v.lastSuccessAt! > v.lastFailureAt!).toBe(true);
    const stats = health.routingStats();
    expect(stats).toMatchObject({ attempts: 7, successes: 5, failures: 2 });
    expect(stats.byFailureKind.server).toBe(2);
    expect(stats.byProvider).toEqual([
      { provider: 'openai', attempts: 7, successes: 5, failures: 2, successRate: 5 / 7 },
    ]);
  });

  it('a client-side rate limit skips a saturated model instead of calling it', async () => {
    const rules: CascadeRules = {
      ...RULES,
      client_rate_limits: { [A]: { rpm: 2 } },
      rate_limit_max_wait_ms: 0,
    };
    const { health } = healthOn(undefined, rules);
    for (let i = 0; i < 3; i++) await request(health, [A, 'anthropic/claude-haiku-4-5'], rules);
    expect(upstreamCalls(fake, 'gpt-4o-mini')).toHaveLength(2);
    expect(upstreamCalls(fake, 'claude-haiku-4-5')).toHaveLength(1);
    expect(health.availability(A)).toMatchObject({ available: false, reason: 'local_rate_limit' });
    advance(60_001);
    expect(health.availability(A).available).toBe(true);
  });
});
