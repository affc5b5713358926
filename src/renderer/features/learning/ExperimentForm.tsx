import { useState, type FormEvent } from 'react';
import type { RulesVersion } from '../../../shared/contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import {
  draftProblems,
  evenShares,
  experimentInput,
  MAX_ARMS,
  MIN_ARMS,
  NEW_EXPERIMENT,
  newArm,
  shareTotal,
  type ArmDraft,
  type ExperimentDraft,
} from './experimentDraft';
import { ARM_STRATEGIES, ARM_STRATEGY_LABEL, formatDateTime, type ArmStrategy } from './format';
import { useCreateExperiment, useRulesVersions } from './useLearning';

/** A new A/B experiment: arms (a strategy or a saved rules version each) and their traffic shares. */
export function ExperimentForm({ onStarted }: { onStarted(name: string): void }) {
  const [draft, setDraft] = useState<ExperimentDraft>(NEW_EXPERIMENT);
  const versions = useRulesVersions();
  const create = useCreateExperiment();
  const problems = draftProblems(draft);
  const total = shareTotal(draft);

  const setArm = (i: number, change: Partial<ArmDraft>) =>
    setDraft((d) => ({ ...d, arms: d.arms.map((a, j) => (j === i ? { ...a, ...change } : a)) }));
  const resize = (arms: ArmDraft[]) => {
    const shares = evenShares(arms.length);
    setDraft((d) => ({ ...d, arms: arms.map((a, i) => ({ ...a, share: shares[i]! })) }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problems.length > 0) return;
    create.mutate(experimentInput(draft), {
      onSuccess: (started) => {
        setDraft(NEW_EXPERIMENT);
        onStarted(started.name);
      },
    });
  };

  return (
    <form className="experiment-form" aria-label="New experiment" onSubmit={submit} noValidate>
      <label className="learning-field">
        <span className="field__label">Experiment name</span>
        <input
          value={draft.name}
          placeholder="e.g. learned-vs-auto"
          onChange={(e) => setDraft({ ...draft, name: e.target.value.trim() })}
        />
      </label>
      <table className="learning-table experiment-form__arms">
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Tests</th>
            <th scope="col">Strategy or rules version</th>
            <th scope="col" className="num">
              Traffic
            </th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.arms.map((a, i) => (
            <ArmRow
              key={i}
              n={i}
              arm={a}
              versions={versions.data ?? []}
              canRemove={draft.arms.length > MIN_ARMS}
              onChange={(change) => setArm(i, change)}
              onRemove={() => resize(draft.arms.filter((_, j) => j !== i))}
            />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>
              <button
                type="button"
                className="button button--small"
                disabled={draft.arms.length >= MAX_ARMS}
                onClick={() => resize([...draft.arms, newArm(draft.arms.length, '0')])}
              >
                Add an arm
              </button>
            </td>
            <td className="num" data-testid="share-total">
              <span className={Math.abs(total - 100) > 0.001 ? 'error-text' : undefined}>{total} %</span>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {versions.isError && (
        <ErrorNotice title="The saved rules versions could not be read" error={versions.error} />
      )}
      {/* Problems show once the person has changed something; the untouched form only lacks a name. */}
      {draft !== NEW_EXPERIMENT && problems.length > 0 && (
        <ul className="learning-problems" role="alert" data-testid="experiment-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {create.isError && <ErrorNotice title="The experiment was not started" error={create.error} />}
      <div className="screen__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending || problems.length > 0}
        >
          {create.isPending ? 'Starting…' : 'Start experiment'}
        </button>
        <span className="small muted">
          Requests that name no strategy or model are split by their id; one experiment runs at a time.
        </span>
      </div>
    </form>
  );
}

function ArmRow(props: {
  n: number;
  arm: ArmDraft;
  versions: RulesVersion[];
  canRemove: boolean;
  onChange(change: Partial<ArmDraft>): void;
  onRemove(): void;
}) {
  const { n, arm, versions, onChange } = props;
  const label = `Arm ${n + 1}`;
  return (
    <tr>
      <td>
        <input
          aria-label={`${label} name`}
          value={arm.name}
          onChange={(e) => onChange({ name: e.target.value })}
        />
      </td>
      <td>
        <select
          aria-label={`${label} tests`}
          value={arm.kind}
          onChange={(e) => onChange({ kind: e.target.value as ArmDraft['kind'] })}
        >
          <option value="strategy">a strategy</option>
          <option value="rules">a rules version</option>
        </select>
      </td>
      <td>
        {arm.kind === 'strategy' ? (
          <select
            aria-label={`${label} strategy`}
            value={arm.strategy}
            onChange={(e) => onChange({ strategy: e.target.value as ArmStrategy })}
          >
            {ARM_STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {ARM_STRATEGY_LABEL[s]}
              </option>
            ))}
          </select>
        ) : (
          <select
            aria-label={`${label} rules version`}
            value={arm.rulesVersion}
            onChange={(e) => onChange({ rulesVersion: e.target.value })}
          >
            <option value="">Pick a saved version…</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {formatDateTime(v.savedAt)}
                {v.current ? ' (in force)' : ''} — {v.summary}
              </option>
            ))}
          </select>
        )}
      </td>
      <td className="num">
        <input
          className="experiment-form__share"
          aria-label={`${label} traffic share (%)`}
          inputMode="decimal"
          value={arm.share}
          onChange={(e) => onChange({ share: e.target.value })}
        />{' '}
        %
      </td>
      <td>
        {props.canRemove && (
          <button
            type="button"
            className="button button--small"
            aria-label={`Remove ${label}`}
            onClick={props.onRemove}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}
