import { afterEach, describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../core/errors';
import { openLedgerFixture, price, type LedgerFixture } from '../ledger/testing/ledgerFixture';

/** $10 per 1M output tokens, input free: a 1,000-token output cap holds exactly one cent. */
const TEN = price(0, 10);
const FORTY = price(0, 40);
const call = (provider: string, model: string, p = TEN) => ({
  provider,
  model,
  estimatedInputTokens: 100,
  maxOutputTokens: 1_000,
  price: p,
});

describe('moving a hold to a fallback model', () => {
  let f: LedgerFixture;
  const now = Date.parse('2026-05-05T12:00:00Z');
  afterEach(() => f.cleanup());

  it('checks the fallback against its own provider budget, and keeps the old hold when it does not fit', () => {
    f = openLedgerFixture({ timeZone: 'UTC', now: () => now });
    f.setBudget({
      scope: 'provider',
      value: 'anthropic',
      window: 'daily',
      limitUsd: 0.005,
      mode: 'hard',
      policy: 'block',
    });
    const hold = f.budget.reserve(call('openai', 'gpt-4.1'));
    let code: string | null = null;
    try {
      f.budget.retarget(hold, call('anthropic', 'claude-sonnet-4-5'));
    } catch (e) {
      code = isSwitchyardError(e) ? e.code : 'other';
    }
    expect(code).toBe('BUDGET_EXCEEDED');
    // The original hold still stands and still releases.
    expect(f.budget.release(hold)).toBe(true);
  });

  it('many requests falling back to a dearer model at once never hold more than the cap', () => {
    f = openLedgerFixture({ timeZone: 'UTC', now: () => now });
    f.setBudget({ scope: 'global', window: 'daily', limitUsd: 0.1, mode: 'hard', policy: 'block' });
    // Ten one-cent holds fill the $0.10 cap exactly.
    const holds = Array.from({ length: 10 }, () => f.budget.reserve(call('openai', 'gpt-4.1-mini')));
    // Each wants to fall back to a model four times dearer: only as many as fit may move.
    let moved = 0;
    for (const h of holds) {
      try {
        f.budget.retarget(h, call('openai', 'gpt-4.1', FORTY));
        moved++;
      } catch (e) {
        if (!isSwitchyardError(e) || e.code !== 'BUDGET_EXCEEDED') throw e;
      }
    }
    const current = f.budget.list().budgets[0]!.current!;
    expect(current.reservedUsd).toBeLessThanOrEqual(0.1 + 1e-12);
    expect(moved).toBe(0); // 0.09 held elsewhere + 0.04 > 0.10: none fits while the others hold
    for (const h of holds.slice(1)) f.budget.release(h);
    // With the others gone, the remaining one can move: 0.04 ≤ 0.10.
    const moved1 = f.budget.retarget(holds[0]!, call('openai', 'gpt-4.1', FORTY));
    expect(moved1.amountUsd).toBeCloseTo(0.04, 9);
    expect(f.budget.list().budgets[0]!.current!.reservedUsd).toBeCloseTo(0.04, 9);
  });
});
