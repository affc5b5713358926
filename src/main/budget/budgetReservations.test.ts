import { afterEach, describe, expect, it } from 'vitest';
import { httpStatusFor } from '../../shared/errors';
import { isSwitchyardError, type SwitchyardError } from '../core/errors';
import { LedgerDatabase } from '../ledger/database';
import { Ledger } from '../ledger/ledger';
import {
  openLedgerFixture,
  okAttempt,
  okRequest,
  price,
  type LedgerFixture,
} from '../ledger/testing/ledgerFixture';
import { BudgetService } from './budgetService';
import { routingBudgetHook } from './routingBudgetPolicy';

/** $10 per 1M output tokens, input free: a 1,000-token output cap reserves exactly one cent. */
const TEN = price(0, 10);
const CHEAP = price(0, 1);
const call = (model = 'gpt-4.1', p = TEN, maxOutputTokens = 1_000) => ({
  provider: 'openai',
  model,
  estimatedInputTokens: 100,
  maxOutputTokens,
  price: p,
});

function refusal(fn: () => unknown): SwitchyardError {
  try {
    fn();
  } catch (e) {
    if (isSwitchyardError(e)) return e;
    throw e;
  }
  throw new Error('expected BUDGET_EXCEEDED');
}

describe('budget reservations', () => {
  let f: LedgerFixture;
  let now = Date.parse('2026-05-05T12:00:00Z');
  const clock = () => now;
  afterEach(() => f.cleanup());

  it('holds the maximum cost until the ledger row replaces it with the actual cost', async () => {
    f = openLedgerFixture({ timeZone: 'UTC', now: clock });
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 0.025, mode: 'hard', policy: 'block' });
    const a = f.budget.reserve(call());
    const b = f.budget.reserve(call());
    expect(a.amountNanos).toBe(10_000_000);
    expect(f.budget.list().budgets[0]!.current).toMatchObject({ spentUsd: 0, reservedUsd: 0.02 });

    const refused = refusal(() => f.budget.reserve(call()));
    expect(refused.code).toBe('BUDGET_EXCEEDED');
    expect(httpStatusFor(refused.code)).toBe(402);
    expect(refused.details).toMatchObject({ policy: 'block', modelKey: 'openai/gpt-4.1' });
    expect(refused.message).toMatch(
      /daily hard budget \(global\) has \$0\.005 of \$0\.025 left; a call to openai\/gpt-4\.1 may cost up to \$0\.01\. It resets at 2026-05-06T00:00:00Z/,
    );

    // The first call used 200 output tokens: 0.2 ¢ replaces its 1 ¢ reservation in one transaction.
    await f.ledger.record(okRequest(okAttempt('openai', 'gpt-4.1', TEN, 100, 200), { startedAt: now }), {
      reservationId: a.id,
    });
    expect(f.budget.list().budgets[0]!.current).toMatchObject({ spentUsd: 0.002, reservedUsd: 0.01 });
    expect(() => f.budget.reserve(call())).not.toThrow();
    expect(f.budget.release(b)).toBe(true);
    expect(f.budget.list().budgets[0]!.current!.reservedUsd).toBeCloseTo(0.01, 9);
  });

  it('lets reservations of crashed callers expire, and sweeps them on start', () => {
    f = openLedgerFixture({ timeZone: 'UTC', now: clock });
    f.setBudget({
      scope: 'model',
      value: 'openai/gpt-4.1',
      window: 'total',
      limitUsd: 0.01,
      mode: 'hard',
      policy: 'block',
    });
    f.budget.reserve({ ...call(), ttlMs: 60_000 });
    expect(refusal(() => f.budget.reserve(call())).code).toBe('BUDGET_EXCEEDED');
    now += 61_000;
    expect(() => f.budget.reserve({ ...call(), ttlMs: 60_000 })).not.toThrow();

    // A process dies holding a reservation; the next one to open the ledger after its TTL frees it.
    f = f.reopen();
    expect(f.ledger.db.prepare('SELECT count(*) AS n FROM budget_reservations').get()).toEqual({ n: 1 });
    now += 61_000;
    f = f.reopen();
    expect(f.ledger.db.prepare('SELECT count(*) AS n FROM budget_reservations').get()).toEqual({ n: 0 });
  });

  it('applies per-request limits to each call alone, and soft budgets never refuse', () => {
    f = openLedgerFixture({ timeZone: 'UTC', now: clock });
    f.setBudget({ scope: 'global', window: 'per_request', limitUsd: 0.015, mode: 'hard', policy: 'block' });
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 0.001, mode: 'soft', policy: 'block' });
    for (let i = 0; i < 5; i++) f.budget.reserve(call());
    const refused = refusal(() => f.budget.reserve(call('gpt-4.1', TEN, 2_000)));
    expect(refused.message).toMatch(/per-request hard budget \(global\) allows \$0\.015 per call/);
  });

  it('downgrades to the cheapest candidate that fits, or blocks, as the budget policy says', () => {
    f = openLedgerFixture({ timeZone: 'UTC', now: clock });
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 0.015, mode: 'hard', policy: 'downgrade' });
    const candidates = [
      { provider: 'openai', model: 'gpt-4.1', price: TEN },
      { provider: 'openai', model: 'gpt-4.1-mini', price: price(0, 4) },
      { provider: 'openai', model: 'gpt-4.1-nano', price: CHEAP },
    ];
    const admitted = [1, 2, 3].map(
      () => f.budget.admit({ candidates, estimatedInputTokens: 100, maxOutputTokens: 1_000 }).candidate.model,
    );
    // 1 ¢ for the first choice, then 0.5 ¢ left: the cheapest that fits (0.1 ¢) five times over.
    expect(admitted).toEqual(['gpt-4.1', 'gpt-4.1-nano', 'gpt-4.1-nano']);

    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 0.015, mode: 'hard', policy: 'block' });
    const blocked = refusal(() =>
      f.budget.admit({ candidates, estimatedInputTokens: 100, maxOutputTokens: 1_000 }),
    );
    expect(blocked.details).toMatchObject({ policy: 'block' });
  });

  it('tells routing what is left, and the routing hook rules out models that do not fit a downgrade budget', () => {
    f = openLedgerFixture({ timeZone: 'UTC', now: clock });
    expect(
      f.budget.headroom({ provider: 'openai', modelKey: 'openai/gpt-4.1', useCase: null }).remainingUsd,
    ).toBeNull();
    f.setBudget({
      scope: 'provider',
      value: 'openai',
      window: 'hourly',
      limitUsd: 0.05,
      mode: 'hard',
      policy: 'downgrade',
    });
    f.setBudget({
      scope: 'model',
      value: 'openai/gpt-4.1',
      window: 'daily',
      limitUsd: 0.02,
      mode: 'hard',
      policy: 'downgrade',
    });
    f.budget.reserve(call());
    const room = f.budget.headroom({ provider: 'openai', modelKey: 'openai/gpt-4.1', useCase: null });
    expect(room).toMatchObject({
      remainingUsd: 0.01,
      policy: 'downgrade',
      limitedBy: { scope: 'model', window: 'daily' },
    });
    const hook = routingBudgetHook(f.budget);
    expect(hook.check({ modelKey: 'openai/gpt-4.1', provider: 'openai', estimatedCostUsd: 0.009 })).toEqual({
      ok: true,
    });
    expect(
      hook.check({ modelKey: 'openai/gpt-4.1', provider: 'openai', estimatedCostUsd: 0.011 }),
    ).toMatchObject({ ok: false });
    expect(
      hook.check({ modelKey: 'anthropic/claude-opus-4-1', provider: 'anthropic', estimatedCostUsd: 5 }),
    ).toEqual({ ok: true });
  });

  it('a budget changed by another process (the CLI) binds the running app at its next reservation', () => {
    f = openLedgerFixture({ timeZone: 'UTC', now: clock });
    f.budget.reserve(call());
    const cliDb = LedgerDatabase.open(f.dir);
    const cliLedger = new Ledger(cliDb);
    const cli = new BudgetService(cliLedger, { now: clock });
    try {
      cli.set({
        scope: 'global',
        window: 'daily',
        limitUsd: 0.015,
        mode: 'hard',
        warnPercent: 80,
        policy: 'block',
      });
      expect(refusal(() => f.budget.reserve(call())).code).toBe('BUDGET_EXCEEDED');
      expect(refusal(() => cli.reserve(call())).code).toBe('BUDGET_EXCEEDED');
    } finally {
      cli.close();
      cliLedger.close();
      cliDb.close();
    }
  });
});
