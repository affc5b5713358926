import type { BudgetPolicy as RoutingBudgetHook, Verdict } from '../routing/liveState';
import type { BudgetPolicyView } from './budgetPolicyView';

const OK: Verdict = { ok: true };

/**
 * Fills the routing engine's budget hook (routing/liveState.ts): a model whose estimated cost does
 * not fit what a hard budget with the *downgrade* policy has left is ineligible, so routing falls
 * to the cheaper models that fit. Budgets with the *block* policy are not applied here on purpose:
 * routing around them would be a downgrade; the reservation refuses the call instead
 * (BUDGET_EXCEEDED, HTTP 402). The hook has no use case, so use-case budgets bind only at
 * reservation time.
 */
export function routingBudgetHook(view: BudgetPolicyView): RoutingBudgetHook {
  return hookOver(view, () => view.hasDowngradeBudget());
}

/**
 * Asked for every candidate of every request: skip the spend queries when nothing can bind. Within
 * one decision (`forDecision`) whether a downgrade budget exists is read once, not once per model
 * (issue #10: it was a SQLite read per catalog model on every gateway request).
 */
function hookOver(view: BudgetPolicyView, hasDowngradeBudget: () => boolean): RoutingBudgetHook {
  return {
    forDecision() {
      let known: boolean | null = null;
      return hookOver(view, () => (known ??= view.hasDowngradeBudget()));
    },
    check({ modelKey, provider, estimatedCostUsd }) {
      if (!hasDowngradeBudget()) return OK;
      const room = view.headroom({ provider, modelKey, useCase: null });
      if (room.remainingUsd === null || room.policy !== 'downgrade') return OK;
      if (estimatedCostUsd <= room.remainingUsd) return OK;
      const by = room.limitedBy;
      const budget = by
        ? `${by.window} ${by.scope === 'global' ? 'global' : `${by.scope} ${by.value}`} budget`
        : 'budget';
      return {
        ok: false,
        reason: `~$${estimatedCostUsd.toFixed(4)} > $${room.remainingUsd.toFixed(4)} left in the ${budget}`,
      };
    },
  };
}
