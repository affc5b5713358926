import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  okAttempt,
  okRequest,
  openLedgerFixture,
  PRICES,
  type LedgerFixture,
} from '../ledger/testing/ledgerFixture';
import { NO_LATENCY_DATA } from '../routing/liveState';
import { LiveStats, MIN_REQUESTS } from './liveStats';

const DAY = 86_400_000;

describe('live statistics from the ledger', () => {
  let fx: LedgerFixture;
  const now = Date.UTC(2026, 5, 15, 12);
  beforeEach(() => (fx = openLedgerFixture()));
  afterEach(() => fx.cleanup());

  const record = (model: string, ageMs: number, latencyMs: number, ok = true, useCase = 'conversation') => {
    const a = okAttempt('openai', model, PRICES.mini, 1000, 1000, latencyMs);
    return fx.ledger.record(
      okRequest(ok ? a : { ...a, status: 'error', errorKind: 'server' }, {
        startedAt: now - ageMs,
        latencyMs,
        status: ok ? 'ok' : 'error',
        useCase,
      }),
    );
  };

  it('weights recent latency most, counts failures, and feeds routing once there is enough data', async () => {
    // A model that was slow last week and is fast today; one in ten of today's calls failed.
    for (let i = 0; i < 20; i++) await record('gpt-4o-mini', 7 * DAY, 4000);
    for (let i = 0; i < 20; i++)
      await record('gpt-4o-mini', 60_000 * i, 1000, i % 10 !== 0, i % 2 ? 'code_generation' : 'conversation');
    for (let i = 0; i < MIN_REQUESTS - 1; i++) await record('gpt-4.1-nano', 60_000, 300);
    const stats = new LiveStats(
      () => fx.database.db,
      () => now,
    );

    const mini = stats.read(false).find((s) => s.modelKey === 'openai/gpt-4o-mini')!;
    expect(mini.requests).toBe(40);
    // The plain mean is 2,500 ms; a day's half-life puts last week's calls at under 1 % weight.
    expect(mini.ewmaLatencyMs).toBeGreaterThanOrEqual(1000);
    expect(mini.ewmaLatencyMs).toBeLessThan(1050);
    expect(mini.successRate).toBeGreaterThan(0.88);
    expect(mini.successRate).toBeLessThan(0.92);
    expect(mini.costPerRequestUsd).toBeCloseTo((1000 * 0.15 + 1000 * 0.6) / 1e6, 9);

    const perUseCase = stats.read(true).filter((s) => s.modelKey === 'openai/gpt-4o-mini');
    expect(perUseCase.map((s) => s.useCase).sort()).toEqual(['code_generation', 'conversation']);

    const view = stats.latencyView(NO_LATENCY_DATA);
    expect(view.observedSeconds('openai/gpt-4o-mini')).toBeCloseTo(mini.ewmaLatencyMs / 1000, 3);
    // Below the threshold the catalog estimate stays in charge.
    expect(view.observedSeconds('openai/gpt-4.1-nano')).toBeNull();
    // The last hour's median, when execution has one, wins over the ledger.
    expect(stats.latencyView({ observedSeconds: () => 9 }).observedSeconds('openai/gpt-4o-mini')).toBe(9);
  });
});
