import type { BudgetScope, BudgetStatus, BudgetWindow, UseCase } from '../../../shared/contract';
import { USE_CASE_LABEL } from '../../ui/useCaseLabels';

// The renderer imports the contract as types only (zod stays out of the bundle), so the choices
// are listed here; `Record<…>` makes a value added to the contract a compile error until it is named.
export const SCOPE_LABEL: Record<BudgetScope, string> = {
  global: 'Everything',
  provider: 'Provider',
  model: 'Model',
  use_case: 'Use case',
};

export const WINDOW_LABEL: Record<BudgetWindow, string> = {
  per_request: 'Per request',
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  total: 'Lifetime total',
};

export const keysOf = <K extends string>(r: Record<K, string>): K[] => Object.keys(r) as K[];

export function budgetName(b: Pick<BudgetStatus, 'scope' | 'value'>): string {
  if (b.scope === 'global') return 'All spend';
  if (b.scope === 'use_case') return `Use case: ${USE_CASE_LABEL[b.value as UseCase] ?? b.value}`;
  return `${SCOPE_LABEL[b.scope]}: ${b.value ?? ''}`;
}
