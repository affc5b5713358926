import { lazy, memo, Suspense } from 'react';
import type { BudgetStatus } from '../../../shared/contract';
import { Badge } from '../../ui/Badge';
import { budgetName, WINDOW_LABEL } from './budgetLabels';
import { formatUsd } from './format';

const GaugeArc = lazy(() => import('./GaugeArc'));

export type BudgetState = 'ok' | 'warning' | 'exceeded';

export function budgetState(b: BudgetStatus): BudgetState {
  const percent = b.current?.percent ?? 0;
  if (percent >= 100) return 'exceeded';
  return percent >= b.warnPercent ? 'warning' : 'ok';
}

const STATE_BADGE = { ok: 'ok', warning: 'warn', exceeded: 'error' } as const;
const STATE_LABEL: Record<BudgetState, string> = {
  ok: 'Within limit',
  warning: 'Warning',
  exceeded: 'Exceeded',
};

/**
 * A half-circle gauge: spent, reserved by calls in flight, and what is left of the limit. Without
 * `drawArc` the arc's box stays empty (same size, so nothing moves when it is drawn): the Costs
 * dashboard draws the arcs once its spend chart is painted. The arc is recharts, fetched in its own
 * chunk; the empty box stands in until it has arrived.
 */
export function BudgetGauge({ budget, drawArc = true }: { budget: BudgetStatus; drawArc?: boolean }) {
  const c = budget.current;
  const spent = c?.spentUsd ?? 0;
  const reserved = c?.reservedUsd ?? 0;
  const left = Math.max(0, budget.limitUsd - spent - reserved);
  const state = budgetState(budget);
  const data = [
    {
      name: 'Spent',
      value: Math.min(spent, budget.limitUsd),
      fill: state === 'ok' ? 'var(--accent)' : `var(--${STATE_BADGE[state]})`,
    },
    { name: 'Reserved', value: Math.min(reserved, Math.max(0, budget.limitUsd - spent)), fill: '#f2a93b' },
    { name: 'Left', value: left, fill: 'var(--surface-2)' },
  ];
  return (
    <div className="budget-gauge" data-testid="budget-gauge" data-state={state}>
      {drawArc ? (
        <Suspense fallback={<div className="budget-gauge__arc" aria-hidden="true" />}>
          <GaugeArc data={data} />
        </Suspense>
      ) : (
        <div className="budget-gauge__arc" aria-hidden="true" />
      )}
      <p className="budget-gauge__name">{budgetName(budget)}</p>
      <p className="muted small">
        {WINDOW_LABEL[budget.window]} ·{' '}
        {budget.mode === 'hard' ? `hard · ${budget.policy}` : 'soft (alerts only)'}
      </p>
      {c ? (
        <p className="small">
          {formatUsd(spent)} spent{reserved > 0 ? ` + ${formatUsd(reserved)} reserved` : ''} of{' '}
          {formatUsd(budget.limitUsd)} ({`${c.percent.toFixed(1)}\u00a0%`})
        </p>
      ) : (
        <p className="small">Each call up to {formatUsd(budget.limitUsd)}</p>
      )}
      <Badge tone={STATE_BADGE[state]}>{STATE_LABEL[state]}</Badge>
    </div>
  );
}

export const BudgetGauges = memo(function BudgetGauges({
  budgets,
  drawArcs = true,
}: {
  budgets: BudgetStatus[];
  drawArcs?: boolean;
}) {
  return (
    <div className="budget-gauges">
      {budgets.map((b) => (
        <BudgetGauge key={b.id} budget={b} drawArc={drawArcs} />
      ))}
    </div>
  );
});
