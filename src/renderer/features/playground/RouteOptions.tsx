import type { StrategyName, UseCase } from '../../../shared/contract/routing';
import { USE_CASE_LABEL, USE_CASES } from '../../ui/useCaseLabels';
import { readConstraint } from './buildRequest';
import { useCompose, type ConstraintFields } from './composeStore';
import { STRATEGY_LABEL, STRATEGY_OPTIONS } from './format';
import { PinnedModelSelect } from './PinnedModelSelect';

const CONSTRAINTS: { field: keyof ConstraintFields; label: string; unit: string; placeholder: string }[] = [
  { field: 'maxCostUsd', label: 'Max cost', unit: 'USD', placeholder: 'any' },
  { field: 'maxLatencySeconds', label: 'Max latency', unit: 's', placeholder: 'any' },
  { field: 'minQuality', label: 'Min quality', unit: '0–1', placeholder: 'any' },
];

function ConstraintField({ field, label, unit, placeholder }: (typeof CONSTRAINTS)[number]) {
  const value = useCompose((s) => s.constraints[field]);
  const setConstraint = useCompose((s) => s.setConstraint);
  const checked = readConstraint(field, value);
  const problem = typeof checked === 'string' ? checked : null;
  const id = `pg-${field}`;
  return (
    <div className="pg-field pg-field--compact">
      <label htmlFor={id} className="pg-field__label">
        {label} <span className="muted">({unit})</span>
      </label>
      <input
        id={id}
        className="pg-input"
        inputMode="decimal"
        value={value}
        placeholder={placeholder}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(e) => setConstraint(field, e.target.value)}
      />
      {problem && (
        <span id={`${id}-error`} className="pg-field-error">
          {problem}
        </span>
      )}
    </div>
  );
}

// `pinned` is chosen by picking a model; `learned` is offered and answers STRATEGY_UNAVAILABLE until built.
const CHOOSABLE = STRATEGY_OPTIONS.filter((s): s is Exclude<StrategyName, 'pinned'> => s !== 'pinned');

/** How the router should choose: use case, strategy, constraints, or a pinned model. */
export function RouteOptions() {
  const useCase = useCompose((s) => s.useCase);
  const strategy = useCompose((s) => s.strategy);
  const pinned = useCompose((s) => s.pinnedModel);
  const edit = useCompose((s) => s.edit);
  return (
    <fieldset className="pg-options">
      <legend className="visually-hidden">Routing options</legend>
      <div className="pg-options__row">
        <div className="pg-field pg-field--compact">
          <label htmlFor="pg-use-case" className="pg-field__label">
            Use case
          </label>
          <select
            id="pg-use-case"
            className="pg-select"
            value={useCase}
            onChange={(e) => edit({ useCase: e.target.value as UseCase | '' })}
          >
            <option value="">Detect</option>
            {USE_CASES.map((u) => (
              <option key={u} value={u}>
                {USE_CASE_LABEL[u]}
              </option>
            ))}
          </select>
        </div>
        <div className="pg-field pg-field--compact">
          <label htmlFor="pg-strategy" className="pg-field__label">
            Strategy
          </label>
          <select
            id="pg-strategy"
            className="pg-select"
            value={pinned ? 'pinned' : strategy}
            disabled={pinned !== ''}
            onChange={(e) => edit({ strategy: e.target.value as Exclude<StrategyName, 'pinned'> })}
          >
            {pinned && <option value="pinned">{STRATEGY_LABEL.pinned}</option>}
            {CHOOSABLE.map((s) => (
              <option key={s} value={s}>
                {STRATEGY_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <PinnedModelSelect />
      </div>
      <div className="pg-options__row">
        {CONSTRAINTS.map((c) => (
          <ConstraintField key={c.field} {...c} />
        ))}
      </div>
    </fieldset>
  );
}
