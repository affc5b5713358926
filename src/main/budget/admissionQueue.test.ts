import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../core/errors';
import { openLedgerFixture, price, type LedgerFixture } from '../ledger/testing/ledgerFixture';
import type { Admission } from './budgetAdmission';

/** $10 per 1M output tokens, input free: a 1,000-token output cap reserves exactly one cent. */
const TEN = price(0, 10);
const PREMIUM = { provider: 'openai', model: 'gpt-4.1', price: TEN };
const ECONOMY = { provider: 'openai', model: 'gpt-4.1-nano', price: price(0, 1) };
const ask = { estimatedInputTokens: 0, maxOutputTokens: 1_000 };

type Settled = { ok: true; admission: Admission } | { ok: false; code: string };
const settle = (p: Promise<Admission>): Promise<Settled> =>
  p.then(
    (admission) => ({ ok: true as const, admission }),
    (e: unknown) => ({ ok: false as const, code: isSwitchyardError(e) ? e.code : String(e) }),
  );

describe('admissions queued in one event-loop turn', () => {
  let f: LedgerFixture;
  afterEach(() => f.cleanup());
  const holds = (): number =>
    (f.ledger.db.prepare('SELECT count(*) AS n FROM budget_reservations').get() as { n: number }).n;

  it('are checked one after another in one transaction: the cap holds and the order decides', async () => {
    f = openLedgerFixture({ timeZone: 'UTC' });
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 0.025, mode: 'hard', policy: 'block' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => settle(f.budget.admitQueued({ candidates: [PREMIUM], ...ask }))),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false, false]);
    expect(results.filter((r) => !r.ok).map((r) => (r as { code: string }).code)).toEqual([
      'BUDGET_EXCEEDED',
      'BUDGET_EXCEEDED',
      'BUDGET_EXCEEDED',
    ]);
    expect(holds()).toBe(2);
    expect(f.budget.list().budgets[0]!.current).toMatchObject({ spentUsd: 0, reservedUsd: 0.02 });
  });

  it('downgrade within the batch to what the earlier members left', async () => {
    f = openLedgerFixture({ timeZone: 'UTC' });
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 0.0215, mode: 'hard', policy: 'downgrade' });
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        settle(f.budget.admitQueued({ candidates: [PREMIUM, ECONOMY], ...ask })),
      ),
    );
    // Two premium calls (2 ¢), then the 0.1 ¢ economy model while it fits (1.5 ¢ left → one more).
    expect(results.map((r) => (r.ok ? r.admission.candidate.model : r.code))).toEqual([
      'gpt-4.1',
      'gpt-4.1',
      'gpt-4.1-nano',
      'BUDGET_EXCEEDED',
    ]);
    expect(f.budget.list().budgets[0]!.current!.reservedUsd).toBeCloseTo(0.021, 9);
  });

  it('admit nobody and leave no hold when the batch cannot commit, and work again after', async () => {
    f = openLedgerFixture({ timeZone: 'UTC' });
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 1, mode: 'hard', policy: 'block' });
    f.ledger.db.pragma('busy_timeout = 50');
    // Another process holds SQLite's write lock past the busy timeout.
    const other = new Database(f.ledger.db.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      const results = await Promise.all(
        Array.from({ length: 3 }, () => settle(f.budget.admitQueued({ candidates: [PREMIUM], ...ask }))),
      );
      expect(results).toEqual(Array.from({ length: 3 }, () => ({ ok: false, code: 'DB_UNAVAILABLE' })));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(holds()).toBe(0);
    const again = await settle(f.budget.admitQueued({ candidates: [PREMIUM], ...ask }));
    expect(again.ok).toBe(true);
    expect(holds()).toBe(1);
  });
});
