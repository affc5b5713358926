import { useState } from 'react';
import type { BudgetStatus } from '../../../shared/contract';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { BudgetForm } from './BudgetForm';
import { BudgetGauge } from './BudgetGauges';
import { useBudgets, useDeleteBudget } from './useCostReports';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; budget: BudgetStatus };

/** Budgets with their current usage; create, change and delete them. */
export function BudgetsPanel() {
  const budgets = useBudgets();
  const remove = useDeleteBudget();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const done = () => setEditing({ kind: 'none' });

  return (
    <div className="budgets-panel">
      <div className="screen__toolbar">
        <p className="screen__lead">
          Limits by scope and window{budgets.data ? `, in ${budgets.data.timeZone} time` : ''}. Hard limits
          are enforced before a call (reserving its maximum cost); soft limits only warn.
        </p>
        <div className="screen__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => setEditing({ kind: 'new' })}
            disabled={editing.kind !== 'none'}
          >
            New budget
          </button>
        </div>
      </div>
      {editing.kind !== 'none' && (
        <Card title={editing.kind === 'new' ? 'New budget' : 'Edit budget'} wide>
          <BudgetForm
            key={editing.kind === 'edit' ? editing.budget.id : 'new'}
            editing={editing.kind === 'edit' ? editing.budget : null}
            onDone={done}
          />
        </Card>
      )}
      {budgets.isError && <ErrorNotice title="Could not load the budgets" error={budgets.error} />}
      {remove.isError && <ErrorNotice title="The budget was not deleted" error={remove.error} />}
      {budgets.data?.budgets.length === 0 && (
        <Notice tone="info" title="No budgets yet">
          <p>
            Without a budget nothing stops spend. Start with a monthly limit on everything, then add limits
            for an expensive provider or model.
          </p>
        </Notice>
      )}
      <ul className="budget-list" aria-label="Budgets">
        {budgets.data?.budgets.map((b) => (
          <li key={b.id} className="budget-list__item" data-testid="budget-row" data-budget-id={b.id}>
            <BudgetGauge budget={b} />
            <div className="budget-list__actions">
              <button
                type="button"
                className="button"
                onClick={() => setEditing({ kind: 'edit', budget: b })}
              >
                Edit
              </button>
              <button
                type="button"
                className="button"
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm('Delete this budget? Its spend stays in the ledger.'))
                    remove.mutate(b.id);
                }}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
