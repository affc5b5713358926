import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors';
import {
  openLedgerFixture,
  okAttempt,
  okRequest,
  PRICES,
  type LedgerFixture,
} from '../testing/ledgerFixture';

const HOUR = 3_600_000;
const BASE = Date.parse('2026-03-01T00:00:00+01:00'); // Berlin midnight
const DAYS = 45;

/** One request every 50 minutes for 45 days on three models, with cache hits and blocks mixed in. */
async function seed(f: LedgerFixture): Promise<void> {
  const models = [
    ['anthropic', 'claude-opus-4-1', PRICES.opus],
    ['anthropic', 'claude-sonnet-4-5', PRICES.sonnet],
    ['openai', 'gpt-4o-mini', PRICES.mini],
  ] as const;
  const pending: Promise<unknown>[] = [];
  for (let n = 0; n < (DAYS * 24 * 60) / 50; n++) {
    const [provider, model, p] = models[n % 3]!;
    let record = okRequest(okAttempt(provider, model, p, 400 + (n % 37) * 10, 90 + (n % 13) * 20), {
      startedAt: BASE + n * 50 * 60_000,
      fallbackUsed: n % 9 === 0,
    });
    if (n % 20 === 0)
      record = {
        ...record,
        attempts: [],
        cacheHit: { provider, model, inputTokens: 800, outputTokens: 300, price: p },
      };
    if (n % 31 === 0) record = { ...record, status: 'blocked', attempts: [], useCase: null };
    pending.push(f.ledger.record(record));
  }
  await Promise.all(pending);
}

/** The reference: sums straight over the raw rows. */
function rawSum(f: LedgerFixture, from: number, to: number, provider?: string) {
  const row = f.database.db
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(r.cost_nanos), 0) AS cost, COALESCE(SUM(r.fallback_used), 0) AS fb
       FROM ledger_requests r LEFT JOIN ledger_models m ON m.id = r.model_id
       WHERE r.started_at >= ? AND r.started_at < ? AND (? IS NULL OR COALESCE(m.provider, 'none') = ?)`,
    )
    .get(from, to, provider ?? null, provider ?? null) as { n: number; cost: number; fb: number };
  return { requests: row.n, costUsd: row.cost / 1e9, fallbacks: row.fb };
}

describe('reports.timeline', () => {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = openLedgerFixture({ timeZone: 'Europe/Berlin' });
    await seed(f);
  });
  afterEach(() => f.cleanup());

  it('day buckets per provider add up to the raw rows, also for a range cut mid-day', () => {
    const since = '2026-03-03T10:15:00+01:00';
    const until = '2026-03-20T13:05:00+01:00';
    const t = f.ledger.reports.timeline({ since, until, bucket: 'day' });
    const days = [...new Set(t.rows.map((r) => r.bucket))];
    expect(days[0]).toBe('2026-03-03');
    expect(days.at(-1)).toBe('2026-03-20');
    expect(days).toHaveLength(18);
    const march10 = Date.parse('2026-03-10T00:00:00+01:00');
    for (const provider of ['anthropic', 'openai']) {
      const row = t.rows.find((r) => r.bucket === '2026-03-10' && r.provider === provider)!;
      const ref = rawSum(f, march10, march10 + 24 * HOUR, provider);
      expect(row.requests).toBe(ref.requests);
      expect(row.costUsd).toBeCloseTo(ref.costUsd, 9);
      expect(row.fallbacks).toBe(ref.fallbacks);
    }
    expect(t.totalUsd).toBeCloseTo(rawSum(f, Date.parse(since), Date.parse(until)).costUsd, 9);
    expect(t.rows.some((r) => r.provider === 'none')).toBe(true);
  });

  it('month buckets cover all time; savings and cache figures match the overview', () => {
    const t = f.ledger.reports.timeline({ bucket: 'month' });
    expect([...new Set(t.rows.map((r) => r.bucket))]).toEqual(['2026-03', '2026-04']);
    const april = Date.parse('2026-04-01T00:00:00+02:00');
    const marchAnthropic = t.rows.find((r) => r.bucket === '2026-03' && r.provider === 'anthropic')!;
    expect(marchAnthropic.costUsd).toBeCloseTo(rawSum(f, BASE, april, 'anthropic').costUsd, 9);
    expect(t.totalUsd).toBeCloseTo(rawSum(f, 0, Number.MAX_SAFE_INTEGER).costUsd, 9);

    const overview = f.ledger.reports.overview({});
    expect(t.baselineModel).toBe('anthropic/claude-opus-4-1');
    const baseline = t.rows.reduce((s, r) => s + r.baselineCostUsd, 0);
    expect(baseline).toBeCloseTo(overview.savings!.baselineCostUsd, 6);
    const saved = t.rows.reduce((s, r) => s + r.cacheSavedUsd, 0);
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeCloseTo(overview.cache.savedUsd, 9);
  });

  it('a named baseline prices the same tokens at its own rates', () => {
    const mini = f.ledger.reports.timeline({ bucket: 'month', baselineModel: 'openai/gpt-4o-mini' });
    const overview = f.ledger.reports.overview({ baselineModel: 'openai/gpt-4o-mini' });
    const sum = mini.rows.reduce((s, r) => s + r.baselineCostUsd, 0);
    expect(mini.baselineModel).toBe('openai/gpt-4o-mini');
    expect(sum).toBeCloseTo(overview.savings!.baselineCostUsd, 6);
    expect(sum).toBeLessThan(overview.savings!.actualCostUsd); // the cheapest model saves nothing
  });

  it('hour buckets are local hours: the DST day in Berlin has 23 of them', () => {
    const t = f.ledger.reports.timeline({ since: '2026-03-29', until: '2026-03-30', bucket: 'hour' });
    const hours = [...new Set(t.rows.map((r) => r.bucket))];
    expect(hours).toHaveLength(23);
    expect(hours[0]).toBe('2026-03-29T00:00');
    expect(hours).not.toContain('2026-03-29T02:00');
    const three = Date.parse('2026-03-29T03:00:00+02:00');
    const at3 = t.rows.filter((r) => r.bucket === '2026-03-29T03:00');
    expect(at3.reduce((s, r) => s + r.requests, 0)).toBe(rawSum(f, three, three + HOUR).requests);
    expect(t.totalUsd).toBeCloseTo(
      rawSum(f, Date.parse('2026-03-29T00:00:00+01:00'), Date.parse('2026-03-30T00:00:00+02:00')).costUsd,
      9,
    );
  });

  it('refuses hourly buckets over an unbounded or too long range, with a clear code', () => {
    for (const input of [{}, { since: '2026-03-01', until: '2026-04-10' }]) {
      let error: unknown;
      try {
        f.ledger.reports.timeline({ ...input, bucket: 'hour' });
      } catch (e) {
        error = e;
      }
      expect(isSwitchyardError(error) && error.code).toBe('VALIDATION_FAILED');
    }
  });
});
