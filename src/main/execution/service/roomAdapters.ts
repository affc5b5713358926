import type { BudgetService } from '../../budget';
import { maxCallCostNanos } from '../../budget';
import { unbudgeted } from './defaults';
import type { PriceBook, SpendAdmission, SpendGuard } from './ports';

/**
 * The budget room behind the SpendGuard port: `admit` reserves for the routed model (or a cheaper
 * candidate under a downgrade policy) in one SQLite transaction; the ledger row recorded with the
 * reservation id settles it. A fallback dearer than what was reserved is covered only while the
 * hard budgets that apply to it still have room for the difference; otherwise the cascade skips
 * it rather than overshoot. (That check is a read, not a second reservation: two concurrent
 * requests falling back at the same moment could both fit it; the ledger's record still settles.)
 */
export function budgetSpendGuard(
  budget: Pick<BudgetService, 'admit' | 'release' | 'headroom'>,
  prices: PriceBook,
): SpendGuard {
  return {
    admit: (r): SpendAdmission => {
      const candidates = r.chain.flatMap((m) => {
        const price = prices.price(m.modelKey);
        return price ? [{ provider: m.provider, model: m.model, price }] : [];
      });
      const size = { estimatedInputTokens: r.estimatedInputTokens, maxOutputTokens: r.maxOutputTokens };
      if (candidates.length === 0) {
        return unbudgeted(
          r.chain[0]?.modelKey ?? '',
          'Not budgeted: no model of this request has a catalog price.',
        );
      }
      const a = budget.admit({ candidates, useCase: r.useCase, ...size });
      const reserved = a.reservation.amountNanos;
      return {
        reservationId: a.reservation.id,
        modelKey: a.reservation.modelKey,
        downgraded: a.downgraded,
        enforced: true,
        note: a.downgraded ? `Downgraded to ${a.reservation.modelKey} to stay within budget.` : null,
        covers: (key) => {
          const price = prices.price(key);
          if (price === null) return true; // unpriced (a local server): nothing to hold against
          const extra = maxCallCostNanos({ ...size, price }) - reserved;
          if (extra <= 0) return true;
          const provider = key.slice(0, key.indexOf('/'));
          const room = budget.headroom({ provider, modelKey: key, useCase: r.useCase }).remainingNanos;
          return room === null || extra <= room;
        },
      };
    },
    release: (a) => {
      if (a.reservationId !== null) budget.release({ id: a.reservationId });
    },
  };
}
