import type { BudgetService } from '../../budget';
import { isSwitchyardError } from '../../core/errors';
import { unbudgeted } from './defaults';
import type { PriceBook, SpendAdmission, SpendGuard } from './ports';

/**
 * The budget room behind the SpendGuard port: `admit` reserves for the routed model (or a cheaper
 * candidate under a downgrade policy) in one SQLite transaction, shared with the other admissions
 * of the same event-loop turn; the ledger row recorded with the
 * reservation id settles it. Before the cascade calls a fallback model, `covers` moves the hold to
 * it in one transaction (`retarget`): the fallback's maximum cost is checked against every hard
 * budget that applies to it — its own provider and model budgets included — so concurrent requests
 * falling back at once cannot overshoot a cap either. A fallback that does not fit is skipped.
 */
export function budgetSpendGuard(
  budget: Pick<BudgetService, 'admitQueued' | 'release' | 'retarget'>,
  prices: PriceBook,
): SpendGuard {
  return {
    admit: async (r): Promise<SpendAdmission> => {
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
      // Queued: the admissions of one event-loop turn share one transaction (AdmissionQueue).
      const a = await budget.admitQueued({ candidates, useCase: r.useCase, ...size });
      let hold = a.reservation;
      const admission: SpendAdmission = {
        reservationId: hold.id,
        modelKey: hold.modelKey,
        downgraded: a.downgraded,
        enforced: true,
        note: a.downgraded ? `Downgraded to ${hold.modelKey} to stay within budget.` : null,
        covers: (key) => {
          if (key === hold.modelKey) return true;
          const price = prices.price(key);
          if (price === null) return true; // unpriced (a local server): nothing to hold against
          const slash = key.indexOf('/');
          try {
            hold = budget.retarget(hold, {
              provider: key.slice(0, slash),
              model: key.slice(slash + 1),
              useCase: r.useCase,
              price,
              ...size,
            });
          } catch (e) {
            if (isSwitchyardError(e) && e.code === 'BUDGET_EXCEEDED') return false;
            throw e;
          }
          admission.reservationId = hold.id;
          return true;
        },
      };
      return admission;
    },
    release: (a) => {
      if (a.reservationId !== null) budget.release({ id: a.reservationId });
    },
  };
}
