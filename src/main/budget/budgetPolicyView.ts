import type { BudgetHeadroom } from './budgetGate';
import type { BudgetTarget } from './budgetTypes';

/**
 * What routing may ask of budgets (the "eligibility hook" of the routing engine): how much one
 * call to a model may cost right now under every hard budget that applies, and what the tightest
 * budget does to a call that does not fit. Routing treats a model as eligible when its maximum
 * call cost (maxCallCostNanos) is within `remainingUsd`, and on a `downgrade` policy picks the
 * cheapest eligible model that fits; on `block` it refuses with BUDGET_EXCEEDED.
 *
 * This is a read: the binding check is the reservation (BudgetService.reserve / admit), made in
 * the same transaction as the reservation it admits.
 */
export interface BudgetPolicyView {
  headroom(target: BudgetTarget): BudgetHeadroom;
  /** False when no hard budget has the downgrade policy: then routing never needs `headroom`. */
  hasDowngradeBudget(): boolean;
}

export type { BudgetHeadroom, BudgetTarget };
