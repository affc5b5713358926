import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../ledgerEntry';
import {
  openLedgerFixture,
  okAttempt,
  okRequest,
  PRICES,
  type LedgerFixture,
} from '../testing/ledgerFixture';

const DAY = 86_400_000;
const BASE = Date.parse('2026-03-01T00:00:00+01:00'); // Berlin midnight

interface Seeded {
  record: RequestRecord;
  cost: number;
}

/** 40 days × 30 requests on three models, with fallbacks, cache hits, errors and blocks mixed in. */
async function seed(f: LedgerFixture): Promise<Seeded[]> {
  const models = [
    ['anthropic', 'claude-opus-4-1', PRICES.opus],
    ['anthropic', 'claude-sonnet-4-5', PRICES.sonnet],
    ['openai', 'gpt-4o-mini', PRICES.mini],
  ] as const;
  const out: Seeded[] = [];
  const pending: Promise<unknown>[] = [];
  for (let d = 0; d < 40; d++) {
    for (let i = 0; i < 30; i++) {
      const n = d * 30 + i;
      const [provider, model, p] = models[n % 3]!;
      const latency = 200 + ((n * 7919) % 3000);
      const startedAt = BASE + d * DAY + i * 2_870_000; // spread across each day
      let record = okRequest(
        okAttempt(provider, model, p, 500 + (n % 50) * 10, 100 + (n % 17) * 20, latency),
        {
          startedAt,
          useCase: n % 4 === 0 ? 'code_generation' : 'conversation',
          fallbackUsed: n % 10 === 0,
        },
      );
      if (n % 25 === 0) {
        record = {
          ...record,
          attempts: [],
          cacheHit: { provider, model, inputTokens: 1_000, outputTokens: 500, price: p },
        };
      }
      if (n % 33 === 0) record = { ...record, status: 'blocked', attempts: [], useCase: null };
      const cost = record.attempts.length
        ? Math.round(
            (record.attempts[0]!.usage!.inputTokens! * p.inputPerMTok * 1e6 +
              record.attempts[0]!.usage!.outputTokens! * p.outputPerMTok * 1e6) /
              1000,
          )
        : 0;
      out.push({ record, cost });
      pending.push(f.ledger.record(record));
    }
  }
  await Promise.all(pending);
  return out;
}

const sum = (xs: Seeded[]) => xs.reduce((s, x) => s + x.cost, 0) / 1e9;
const inRange = (xs: Seeded[], from: number, to: number) =>
  xs.filter((x) => x.record.startedAt >= from && x.record.startedAt < to);

describe('ledger reports', () => {
  let f: LedgerFixture;
  let seeded: Seeded[];
  beforeEach(async () => {
    f = openLedgerFixture({ timeZone: 'Europe/Berlin' });
    seeded = await seed(f);
  });
  afterEach(() => f.cleanup());

  it('spend by day, provider, model and use case adds up to the raw rows, also for ranges cut mid-day', () => {
    const ranges = [
      ['2026-03-03T10:15:00+01:00', '2026-03-20T13:05:00+01:00'], // days and two partial days
      ['2026-02-27T10:00:00+01:00', '2026-04-02T10:00:00+02:00'], // a whole month read from its rollup
      ['2026-03-01', '2026-04-01'], // exactly one month
    ];
    for (const [from, to] of ranges) {
      const expected = sum(
        inRange(
          seeded,
          Date.parse(from!.length === 10 ? `${from}T00:00:00+01:00` : from!),
          Date.parse(to!.length === 10 ? `${to}T00:00:00+02:00` : to!),
        ),
      );
      for (const by of ['day', 'provider', 'model', 'use_case'] as const) {
        const r = f.ledger.reports.spend({ since: from, until: to, by });
        expect(r.totalUsd).toBeCloseTo(expected, 9);
        expect(r.range).toMatchObject({ timeZone: 'Europe/Berlin', approximate: false });
      }
      expect(f.ledger.reports.overview({ since: from, until: to }).costUsd).toBeCloseTo(expected, 9);
    }
    const since = '2026-03-03T10:15:00+01:00';
    const until = '2026-03-20T13:05:00+01:00';
    const byDay = f.ledger.reports.spend({ since, until, by: 'day' }).rows;
    expect(byDay[0]!.key).toBe('2026-03-03');
    expect(byDay.at(-1)!.key).toBe('2026-03-20');
    expect(byDay).toHaveLength(18);
    const dayOf = (key: string) => Date.parse(`${key}T00:00:00+01:00`);
    expect(byDay[5]!.costUsd).toBeCloseTo(
      sum(inRange(seeded, dayOf(byDay[5]!.key), dayOf(byDay[5]!.key) + DAY)),
      9,
    );
    const byProvider = f.ledger.reports.spend({ by: 'provider' }).rows.map((r) => r.key);
    expect(byProvider).toEqual(['anthropic', 'openai', 'none']);
  });

  it('days follow the time zone: the DST day of 2026-03-29 in Berlin is one day of 23 hours', () => {
    const rows = f.ledger.reports.spend({ since: '2026-03-29', until: '2026-03-30', by: 'day' }).rows;
    expect(rows.map((r) => r.key)).toEqual(['2026-03-29']);
    const from = Date.parse('2026-03-29T00:00:00+01:00');
    const to = Date.parse('2026-03-30T00:00:00+02:00');
    expect(to - from).toBe(23 * 3_600_000);
    expect(rows[0]!.costUsd).toBeCloseTo(sum(inRange(seeded, from, to)), 9);
  });

  it('overview: fallback rate, cache hit rate and money saved, savings against the priciest model used', () => {
    const o = f.ledger.reports.overview({});
    expect(o.requests).toBe(1200);
    expect(o.fallbackRate).toBeCloseTo(120 / 1200, 9);
    expect(o.cache.hits).toBe(seeded.filter((s) => s.record.cacheHit).length);
    expect(o.cache.hitRate).toBeCloseTo(o.cache.hits / 1200, 9);
    expect(o.cache.savedUsd).toBeGreaterThan(0);
    expect(o.blocked).toBe(seeded.filter((s) => s.record.status === 'blocked').length);
    expect(o.costUsd).toBeCloseTo(sum(seeded), 9);
    expect(o.savings!.baselineModel).toBe('anthropic/claude-opus-4-1');
    expect(o.savings!.savedUsd).toBeGreaterThan(0);
    expect(o.savings!.baselineCostUsd).toBeCloseTo(o.savings!.actualCostUsd + o.savings!.savedUsd, 9);
    const vsMini = f.ledger.reports.overview({ baselineModel: 'openai/gpt-4o-mini' });
    expect(vsMini.savings!.savedUsd).toBeLessThan(0); // everything on the cheapest model would have cost less
    expect(() => f.ledger.reports.overview({ baselineModel: 'openai/never-used' })).toThrowError(
      /No price is known/,
    );
  });

  it('per-model totals in one call, with p50/p95 latency within 2 % of the exact values', () => {
    const { models } = f.ledger.reports.models({});
    expect(models.map((m) => m.modelKey)).toEqual([
      'anthropic/claude-opus-4-1',
      'anthropic/claude-sonnet-4-5',
      'openai/gpt-4o-mini',
    ]);
    for (const m of models) {
      const latencies = seeded
        .filter(
          (s) => s.record.status === 'ok' && !s.record.cacheHit && s.record.attempts[0]?.model === m.model,
        )
        .map((s) => s.record.latencyMs)
        .sort((a, b) => a - b);
      const exact = (q: number) => latencies[Math.ceil(q * latencies.length) - 1]!;
      expect(Math.abs(m.p50LatencyMs! - exact(0.5)) / exact(0.5)).toBeLessThan(0.021);
      expect(Math.abs(m.p95LatencyMs! - exact(0.95)) / exact(0.95)).toBeLessThan(0.021);
      expect(m.fallbackRate).toBeGreaterThan(0);
    }
  });

  it('most expensive requests, and CSV exports of a report and of raw rows', () => {
    const top = f.ledger.reports.topRequests({ limit: 5 }).requests;
    const dearest = [...seeded]
      .sort((a, b) => b.cost - a.cost)
      .slice(0, 5)
      .map((s) => s.cost / 1e9);
    expect(top.map((t) => t.costUsd)).toEqual(dearest);
    const narrow = f.ledger.reports.topRequests({
      since: '2026-03-05T00:00:00+01:00',
      until: '2026-03-05T12:00:00+01:00',
      limit: 3,
    });
    expect(
      narrow.requests.every(
        (r) => r.startedAt >= '2026-03-04T23:00:00.000Z' && r.startedAt < '2026-03-05T11:00:00.000Z',
      ),
    ).toBe(true);

    const spendCsv = f.ledger.reports.csv({ kind: 'spend', by: 'model', limit: 100 });
    expect(spendCsv.csv.split('\r\n')[0]).toBe(
      'model,requests,cost_usd,tokens_in,tokens_out,errors,fallbacks,cache_hits,cache_saved_usd',
    );
    const raw = f.ledger.reports.csv({
      kind: 'requests',
      by: 'day',
      since: '2026-03-02',
      until: '2026-03-03',
      limit: 1000,
    });
    expect(raw.rows).toBe(30);
    const lines = raw.csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(
      /^id,started_at,ended_at,latency_ms,ttft_ms,source,status,provider,model,use_case,strategy,decision,/,
    );
    expect(lines[1]).toContain('"complexity tier ""simple"""'); // quotes escaped
    expect(lines).toHaveLength(31);
  });

  it('retention deletes old raw rows but keeps the aggregates; reports beyond it say they are approximate', async () => {
    const before = f.ledger.reports.overview({});
    const modelsBefore = f.ledger.reports.models({}).models;
    f.ledger.settings.set({ retentionDays: 10 });
    const now = BASE + 40 * DAY;
    const { deletedRequests } = await f.ledger.retention.cleanup(now);
    expect(deletedRequests).toBe(seeded.filter((s) => s.record.startedAt < now - 10 * DAY).length);
    expect(
      f.ledger.db
        .prepare(
          'SELECT count(*) AS n FROM ledger_attempts a LEFT JOIN ledger_requests r ON r.id = a.request_id WHERE r.id IS NULL',
        )
        .get(),
    ).toEqual({ n: 0 });
    const after = f.ledger.reports.overview({});
    expect(after.costUsd).toBeCloseTo(before.costUsd, 9);
    expect(after.requests).toBe(1200);
    expect(f.ledger.reports.models({}).models).toEqual(modelsBefore);
    const old = f.ledger.reports.spend({ since: '2026-03-05T12:00:00+01:00', by: 'day' });
    expect(old.range.approximate).toBe(true);
    const top = f.ledger.reports.topRequests({ limit: 200 }).requests;
    expect(top).toHaveLength(200);
    expect(Math.min(...top.map((t) => Date.parse(t.startedAt)))).toBeGreaterThanOrEqual(now - 10 * DAY);
    expect(f.ledger.db.prepare('SELECT min(day) AS d FROM ledger_top_daily').get()).toEqual({ d: 20260331 });
  });

  it('refuses an empty range', () => {
    expect(() =>
      f.ledger.reports.spend({ since: '2026-03-05', until: '2026-03-04', by: 'day' }),
    ).toThrowError(/empty/);
  });
});
