import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerFixture, okAttempt, okRequest, price, type LedgerFixture } from './testing/ledgerFixture';

const P = price(1, 0); // 10,000 input tokens = 1 ¢
const at = (iso: string, cents = 1) =>
  okRequest(okAttempt('openai', 'gpt-4.1', P, cents * 10_000, 0), { startedAt: Date.parse(iso) });

describe('rollups', () => {
  let f: LedgerFixture;
  beforeEach(() => (f = openLedgerFixture({ timeZone: 'America/New_York' })));
  afterEach(() => f.cleanup());

  const monthly = () =>
    f.ledger.db.prepare('SELECT month, requests, cost_nanos FROM ledger_monthly ORDER BY month').all();

  it('fold a month into the monthly rollup once the next month starts; late rows reach both', async () => {
    await f.ledger.record(at('2026-01-15T12:00:00-05:00'));
    await f.ledger.record(at('2026-01-31T23:59:59-05:00'));
    expect(monthly()).toEqual([]);
    await f.ledger.record(at('2026-02-01T00:00:00-05:00'));
    expect(monthly()).toEqual([{ month: 202601, requests: 2, cost_nanos: 20_000_000 }]);
    await f.ledger.record(at('2026-01-20T08:00:00-05:00', 5)); // a late row for a folded month
    expect(monthly()).toEqual([{ month: 202601, requests: 3, cost_nanos: 70_000_000 }]);
    const viaMonths = f.ledger.reports.overview({ since: '2026-01-01', until: '2026-02-01' });
    const viaDays = f.ledger.reports.spend({ since: '2026-01-01', until: '2026-02-01', by: 'day' });
    expect(viaMonths.costUsd).toBeCloseTo(0.07, 9);
    expect(viaDays.totalUsd).toBeCloseTo(0.07, 9);
    expect(f.ledger.reports.overview({}).requests).toBe(4);
  });

  it('latency percentiles read the same from folded months and from days', async () => {
    const latencies = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
    for (const l of latencies) {
      const r = at('2026-03-10T12:00:00-04:00');
      r.latencyMs = l;
      await f.ledger.record(r);
    }
    const before = f.ledger.reports.models({}).models[0]!;
    await f.ledger.record(at('2026-04-02T12:00:00-04:00')); // folds March
    const after = f.ledger.reports.models({ until: '2026-04-01' }).models[0]!;
    expect(after.p50LatencyMs).toBe(before.p50LatencyMs);
    expect(after.p95LatencyMs).toBe(before.p95LatencyMs);
    expect(Math.abs(after.p50LatencyMs! - 500) / 500).toBeLessThan(0.021);
  });
});
