import type { BudgetPolicy } from '../../shared/contract/budget';
import { SwitchyardError } from '../core/errors';
import type { LocalCalendar } from '../ledger/localCalendar';
import { formatUsd as usd, nanosToUsd } from '../ledger/money';
import { describeBudget, type BudgetDefinition } from './budgetTypes';
import type { WindowBounds } from './budgetWindow';

/** A hard budget that a call did not fit into. */
export interface BudgetShortfall {
  budget: BudgetDefinition;
  window: WindowBounds | null;
  spentNanos: number;
  reservedNanos: number;
  remainingNanos: number;
}

/** Block wins: if any exceeded budget says block, the call is refused rather than downgraded. */
export const policyOf = (shortfalls: readonly BudgetShortfall[]): BudgetPolicy =>
  shortfalls.some((s) => s.budget.policy === 'block') ? 'block' : 'downgrade';

/** BUDGET_EXCEEDED (HTTP 402) naming the tightest budget, what is left and when it resets. */
export function budgetExceeded(
  shortfalls: readonly BudgetShortfall[],
  requiredNanos: number,
  calendar: LocalCalendar,
  modelKey: string,
): SwitchyardError {
  const tightest = [...shortfalls].sort((a, b) => a.remainingNanos - b.remainingNanos)[0] as BudgetShortfall;
  const b = tightest.budget;
  const resets =
    tightest.window && tightest.window.end < Number.MAX_SAFE_INTEGER
      ? ` It resets at ${calendar.formatInstant(tightest.window.end)}.`
      : '';
  const left =
    b.window === 'per_request'
      ? `allows ${usd(b.limitNanos)} per call`
      : `has ${usd(tightest.remainingNanos)} of ${usd(b.limitNanos)} left`;
  return new SwitchyardError(
    'BUDGET_EXCEEDED',
    `The ${describeBudget(b)} ${left}; a call to ${modelKey} may cost up to ${usd(requiredNanos)}.${resets} Raise it with \`budget set\` or pick a cheaper model.`,
    {
      policy: policyOf(shortfalls),
      modelKey,
      requiredUsd: nanosToUsd(requiredNanos),
      budgets: shortfalls.map((s) => ({
        budgetId: s.budget.id,
        scope: s.budget.scope,
        value: s.budget.value,
        window: s.budget.window,
        policy: s.budget.policy,
        limitUsd: nanosToUsd(s.budget.limitNanos),
        spentUsd: nanosToUsd(s.spentNanos),
        reservedUsd: nanosToUsd(s.reservedNanos),
        remainingUsd: nanosToUsd(s.remainingNanos),
      })),
    },
  );
}
