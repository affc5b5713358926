import type { BudgetPolicy, BudgetScope, BudgetWindow } from '../../shared/contract/budget';

/** A budget as stored: money in nanos (see ledger/money.ts). */
export interface BudgetDefinition {
  id: number;
  scope: BudgetScope;
  /** Provider id, `<provider>/<model>` or use case; null for global. */
  value: string | null;
  window: BudgetWindow;
  limitNanos: number;
  hard: boolean;
  warnPercent: number;
  policy: BudgetPolicy;
}

/** What a call or a ledger row is charged to: every budget whose scope matches it. */
export interface BudgetTarget {
  provider: string;
  /** `<provider>/<model>`. */
  modelKey: string;
  useCase: string | null;
}

export function appliesTo(b: BudgetDefinition, t: BudgetTarget): boolean {
  switch (b.scope) {
    case 'global':
      return true;
    case 'provider':
      return b.value === t.provider;
    case 'model':
      return b.value === t.modelKey;
    case 'use_case':
      return b.value === t.useCase;
  }
}

export const describeBudget = (b: Pick<BudgetDefinition, 'scope' | 'value' | 'window' | 'hard'>): string => {
  const window = b.window === 'per_request' ? 'per-request' : b.window;
  const scope = b.scope === 'global' ? 'global' : `${b.scope.replace('_', ' ')} ${b.value ?? ''}`;
  return `${window} ${b.hard ? 'hard' : 'soft'} budget (${scope})`;
};
