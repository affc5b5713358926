import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerDatabase } from '../database';
import { Ledger } from '../ledger';
import {
  openLedgerFixture,
  okAttempt,
  okRequest,
  PRICES,
  type LedgerFixture,
} from '../testing/ledgerFixture';

const DAY = 86_400_000;
const BASE = Date.parse('2026-03-01T12:00:00+01:00');
const RANGE = { since: '2026-03-01', until: '2026-03-08' };

/** The reports' answers are kept until the ledger changes: never a stale figure after a write. */
describe('reports memo', () => {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = openLedgerFixture({ timeZone: 'Europe/Berlin' });
    for (let d = 0; d < 5; d++) {
      await f.ledger.record(
        okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 1000, 500), { startedAt: BASE + d * DAY }),
      );
    }
  });
  afterEach(() => f.cleanup());

  const opusRequest = (startedAt: number) =>
    okRequest(okAttempt('anthropic', 'claude-opus-4-1', PRICES.opus, 2000, 1000), { startedAt });

  it('answers again from SQLite after this process records a request', async () => {
    const before = f.ledger.reports.timeline({ ...RANGE, bucket: 'day' });
    expect(f.ledger.reports.timeline({ ...RANGE, bucket: 'day' })).toEqual(before);
    await f.ledger.record(opusRequest(BASE + DAY));
    const after = f.ledger.reports.timeline({ ...RANGE, bucket: 'day' });
    // $0.03 input + $0.075 output for the opus call.
    expect(after.totalUsd - before.totalUsd).toBeCloseTo(0.105, 9);
    expect(after.rows.some((r) => r.provider === 'anthropic' && r.bucket === '2026-03-02')).toBe(true);
    const overview = f.ledger.reports.overview(RANGE);
    expect(overview.requests).toBe(6);
  });

  it('answers again after another connection (a CLI run, another shell) writes to the same file', async () => {
    expect(f.ledger.reports.overview(RANGE).requests).toBe(5);
    const other = LedgerDatabase.open(f.dir);
    const otherLedger = new Ledger(other);
    try {
      await otherLedger.record(opusRequest(BASE + 2 * DAY));
    } finally {
      otherLedger.close();
      other.close();
    }
    expect(f.ledger.reports.overview(RANGE).requests).toBe(6);
    const models = f.ledger.reports.models(RANGE).models.map((m) => m.model);
    expect(models).toContain('claude-opus-4-1');
  });

  it('follows a change of the ledger time zone, which moves the days of the range', () => {
    const berlin = f.ledger.reports.spend({ ...RANGE, by: 'day' });
    expect(berlin.range.since).toBe('2026-03-01T00:00:00+01:00');
    f.ledger.settings.set({ timeZone: 'America/New_York' });
    const newYork = f.ledger.reports.spend({ ...RANGE, by: 'day' });
    expect(newYork.range.timeZone).toBe('America/New_York');
    expect(newYork.range.since).toBe('2026-03-01T00:00:00-05:00');
  });
});
