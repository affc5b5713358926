import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetAlert } from '../../shared/contract/budget';
import {
  openLedgerFixture,
  okAttempt,
  okRequest,
  price,
  type LedgerFixture,
} from '../ledger/testing/ledgerFixture';

/** $1 per 1M input tokens, nothing for output: 10,000 input tokens cost exactly one cent. */
const CENT_MODEL = price(1, 0);
const ms = (iso: string): number => Date.parse(iso);

describe('budget windows over real ledger rows', () => {
  let f: LedgerFixture;
  afterEach(() => f.cleanup());

  const spend = (at: string, cents: number) =>
    f.ledger.record(
      okRequest(okAttempt('openai', 'gpt-4.1', CENT_MODEL, cents * 10_000, 0), {
        startedAt: ms(at),
        useCase: 'analysis',
      }),
    );
  const current = () => f.budget.list().budgets[0]!.current!;

  function withClock(timeZone: string, start: string) {
    let now = ms(start);
    f = openLedgerFixture({ timeZone, now: () => now });
    return { set: (iso: string) => (now = ms(iso)) };
  }

  it('a daily budget resets at local midnight and alerts once per crossing in each window', async () => {
    const clock = withClock('America/New_York', '2026-01-15T22:00:00-05:00');
    const alerts: BudgetAlert[] = [];
    f.events.on('budget.alert', (a) => alerts.push(a));
    f.setBudget({
      scope: 'global',
      window: 'daily',
      limitUsd: 0.1,
      mode: 'soft',
      warnPercent: 80,
      policy: 'block',
    });

    await spend('2026-01-15T22:00:00-05:00', 5);
    await spend('2026-01-15T23:59:59-05:00', 4); // 9 ¢ of 10: warning
    expect(current().spentUsd).toBeCloseTo(0.09, 9);
    await spend('2026-01-15T23:59:59.500-05:00', 0.5); // still above 80 %: no second warning
    expect(alerts.map((a) => [a.level, a.windowStart])).toEqual([['warning', '2026-01-15T00:00:00-05:00']]);

    clock.set('2026-01-16T00:30:00-05:00');
    await spend('2026-01-16T00:00:00-05:00', 3); // a new day starts from zero
    expect(current()).toMatchObject({
      windowStart: '2026-01-16T00:00:00-05:00',
      windowEnd: '2026-01-17T00:00:00-05:00',
    });
    expect(current().spentUsd).toBeCloseTo(0.03, 9);
    await spend('2026-01-16T09:00:00-05:00', 8); // 11 ¢: warning and exceeded, for the new window
    expect(alerts.slice(1).map((a) => [a.level, a.windowStart])).toEqual([
      ['warning', '2026-01-16T00:00:00-05:00'],
      ['exceeded', '2026-01-16T00:00:00-05:00'],
    ]);
  });

  it('the 25-hour Berlin day of 2026-10-25 is one window from 00:00 CEST to 24:00 CET', async () => {
    withClock('Europe/Berlin', '2026-10-25T23:30:00+01:00');
    f.setBudget({
      scope: 'model',
      value: 'openai/gpt-4.1',
      window: 'daily',
      limitUsd: 1,
      mode: 'hard',
      policy: 'block',
    });
    await spend('2026-10-24T23:59:00+02:00', 50); // the day before
    await spend('2026-10-25T00:10:00+02:00', 1); // first minutes, summer time
    await spend('2026-10-25T02:30:00+02:00', 1); // 02:30 the first time
    await spend('2026-10-25T02:30:00+01:00', 1); // 02:30 the second time
    await spend('2026-10-25T23:50:00+01:00', 1); // last minutes, winter time
    await spend('2026-10-26T00:00:00+01:00', 50); // the day after
    expect(current()).toMatchObject({
      windowStart: '2026-10-25T00:00:00+02:00',
      windowEnd: '2026-10-26T00:00:00+01:00',
    });
    expect(current().spentUsd).toBeCloseTo(0.04, 9);
  });

  it('a monthly window closes on the last local day of February and the next opens on 1 March', async () => {
    const clock = withClock('America/New_York', '2026-02-28T23:00:00-05:00');
    f.setBudget({
      scope: 'use_case',
      value: 'analysis',
      window: 'monthly',
      limitUsd: 5,
      mode: 'hard',
      policy: 'block',
    });
    await spend('2026-02-01T00:00:00-05:00', 10);
    await spend('2026-02-28T23:59:59-05:00', 10);
    expect(current()).toMatchObject({
      windowStart: '2026-02-01T00:00:00-05:00',
      windowEnd: '2026-03-01T00:00:00-05:00',
    });
    expect(current().spentUsd).toBeCloseTo(0.2, 9);
    clock.set('2026-03-01T00:00:00-05:00');
    await spend('2026-03-01T00:00:00-05:00', 7);
    expect(current().spentUsd).toBeCloseTo(0.07, 9);
  });

  it('a budget created mid-window starts from what the ledger already holds for its scope', async () => {
    withClock('Europe/Berlin', '2026-06-15T18:00:00+02:00');
    await spend('2026-06-01T09:00:00+02:00', 20);
    await spend('2026-06-15T09:00:00+02:00', 5);
    await spend('2026-05-31T23:59:00+02:00', 99); // May: outside the window
    await f.ledger.record(
      okRequest(okAttempt('anthropic', 'claude-haiku-4-5', CENT_MODEL, 100_000, 0), {
        startedAt: ms('2026-06-10T10:00:00+02:00'),
      }),
    );
    f.setBudget({
      scope: 'provider',
      value: 'openai',
      window: 'monthly',
      limitUsd: 1,
      mode: 'hard',
      policy: 'block',
    });
    expect(current().spentUsd).toBeCloseTo(0.25, 9);
    await spend('2026-06-15T18:00:00+02:00', 1);
    expect(current().spentUsd).toBeCloseTo(0.26, 9);
  });

  it('an alert raised before a restart is not raised again after it', async () => {
    withClock('UTC', '2026-04-01T12:00:00Z');
    const first: BudgetAlert[] = [];
    f.events.on('budget.alert', (a) => first.push(a));
    f.setBudget({
      scope: 'global',
      window: 'total',
      limitUsd: 0.1,
      mode: 'hard',
      warnPercent: 50,
      policy: 'block',
    });
    await spend('2026-04-01T12:00:00Z', 6);
    expect(first.map((a) => a.level)).toEqual(['warning']);

    f = f.reopen();
    const second: BudgetAlert[] = [];
    f.events.on('budget.alert', (a) => second.push(a));
    await spend('2026-04-01T12:05:00Z', 1);
    await spend('2026-04-01T12:06:00Z', 4); // crosses 100 %
    expect(second.map((a) => a.level)).toEqual(['exceeded']);
    expect(f.ledger.db.prepare('SELECT level FROM budget_alerts ORDER BY level DESC').all()).toEqual([
      { level: 'warning' },
      { level: 'exceeded' },
    ]);
  });

  it('raising the limit re-arms the alerts the new limit is no longer past', async () => {
    withClock('UTC', '2026-04-01T12:00:00Z');
    const alerts: BudgetAlert[] = [];
    f.events.on('budget.alert', (a) => alerts.push(a));
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 0.1, mode: 'soft', policy: 'block' });
    await spend('2026-04-01T10:00:00Z', 9);
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 1, mode: 'soft', policy: 'block' });
    await spend('2026-04-01T11:00:00Z', 80); // 89 ¢ of $1
    expect(alerts.map((a) => [a.level, a.limitUsd])).toEqual([
      ['warning', 0.1],
      ['warning', 1],
    ]);
  });
});
