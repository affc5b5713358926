import { useState, type FormEvent } from 'react';
import type { BudgetInput, BudgetScope, BudgetStatus, BudgetWindow, UseCase } from '../../../shared/contract';
import { PROVIDER_IDS } from '../../../shared/providers';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { USE_CASE_LABEL } from '../../ui/useCaseLabels';
import { keysOf, SCOPE_LABEL, WINDOW_LABEL } from './budgetLabels';
import { useDeleteBudget, useSaveBudget } from './useCostReports';

interface Draft {
  scope: BudgetScope;
  value: string;
  window: BudgetWindow;
  limitUsd: string;
  mode: 'hard' | 'soft';
  warnPercent: string;
  policy: 'downgrade' | 'block';
}

const NEW_DRAFT: Draft = {
  scope: 'global',
  value: '',
  window: 'monthly',
  limitUsd: '',
  mode: 'hard',
  warnPercent: '80',
  policy: 'block',
};

const draftOf = (b: BudgetStatus): Draft => ({
  scope: b.scope,
  value: b.value ?? '',
  window: b.window,
  limitUsd: String(b.limitUsd),
  mode: b.mode,
  warnPercent: String(b.warnPercent),
  policy: b.policy,
});

/** Main validates (scope value, limit, percent) and answers VALIDATION_FAILED with the reason. */
const inputOf = (d: Draft): BudgetInput => ({
  scope: d.scope,
  ...(d.scope === 'global' ? {} : { value: d.value.trim() }),
  window: d.window,
  limitUsd: Number(d.limitUsd),
  mode: d.mode,
  warnPercent: Number(d.warnPercent),
  policy: d.policy,
});

/** Create a budget, or change one: every field of the contract, with main's answer on errors. */
export function BudgetForm({ editing, onDone }: { editing: BudgetStatus | null; onDone(): void }) {
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : NEW_DRAFT);
  const save = useSaveBudget();
  const remove = useDeleteBudget();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await save.mutateAsync(inputOf(draft)).catch(() => null);
    if (!saved) return;
    // A budget is identified by scope, value and window: changing those makes a new one.
    if (editing && saved.budget.id !== editing.id) await remove.mutateAsync(editing.id).catch(() => null);
    onDone();
  };

  return (
    <form
      className="budget-form"
      onSubmit={(e) => void submit(e)}
      aria-label={editing ? 'Edit budget' : 'New budget'}
    >
      <label>
        Scope
        <select
          aria-label="Scope"
          value={draft.scope}
          onChange={(e) => setDraft({ ...draft, scope: e.target.value as BudgetScope, value: '' })}
        >
          {keysOf(SCOPE_LABEL).map((s) => (
            <option key={s} value={s}>
              {SCOPE_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      {draft.scope === 'provider' && (
        <label>
          Provider
          <select
            aria-label="Provider"
            value={draft.value}
            onChange={(e) => set('value', e.target.value)}
            required
          >
            <option value="">Choose…</option>
            {PROVIDER_IDS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      )}
      {draft.scope === 'model' && (
        <label>
          Model
          <input
            aria-label="Model"
            value={draft.value}
            onChange={(e) => set('value', e.target.value)}
            placeholder="provider/model, e.g. openai/gpt-4o-mini"
            required
          />
        </label>
      )}
      {draft.scope === 'use_case' && (
        <label>
          Use case
          <select
            aria-label="Use case"
            value={draft.value}
            onChange={(e) => set('value', e.target.value)}
            required
          >
            <option value="">Choose…</option>
            {keysOf(USE_CASE_LABEL).map((u: UseCase) => (
              <option key={u} value={u}>
                {USE_CASE_LABEL[u]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Window
        <select
          aria-label="Window"
          value={draft.window}
          onChange={(e) => set('window', e.target.value as BudgetWindow)}
        >
          {keysOf(WINDOW_LABEL).map((w) => (
            <option key={w} value={w}>
              {WINDOW_LABEL[w]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Limit (USD)
        <input
          aria-label="Limit (USD)"
          type="number"
          inputMode="decimal"
          min="0.01"
          step="0.01"
          value={draft.limitUsd}
          onChange={(e) => set('limitUsd', e.target.value)}
          required
        />
      </label>
      <label>
        Warn at (%)
        <input
          aria-label="Warn at (%)"
          type="number"
          min="1"
          max="100"
          step="1"
          value={draft.warnPercent}
          onChange={(e) => set('warnPercent', e.target.value)}
          required
        />
      </label>
      <fieldset>
        <legend>Limit kind</legend>
        {(['hard', 'soft'] as const).map((m) => (
          <label key={m} className="inline">
            <input type="radio" name="mode" checked={draft.mode === m} onChange={() => set('mode', m)} />
            {m === 'hard' ? 'Hard (enforced)' : 'Soft (alerts only)'}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={draft.mode === 'soft'}>
        <legend>When a call does not fit</legend>
        {(['downgrade', 'block'] as const).map((p) => (
          <label key={p} className="inline">
            <input
              type="radio"
              name="policy"
              checked={draft.policy === p}
              onChange={() => set('policy', p)}
            />
            {p === 'downgrade' ? 'Downgrade to a cheaper model' : 'Block the call'}
          </label>
        ))}
      </fieldset>
      {save.isError && <ErrorNotice title="The budget was not saved" error={save.error} />}
      <div className="budget-form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {editing ? 'Save changes' : 'Create budget'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
