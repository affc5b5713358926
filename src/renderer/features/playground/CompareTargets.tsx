import { useMemo } from 'react';
import type { CatalogModel } from '../../../shared/contract/catalog';
import { groupByProvider } from './PinnedModelSelect';
import {
  MAX_TARGETS,
  MIN_TARGETS,
  targetKey,
  usePlaygroundView,
  type CompareTarget,
} from './playgroundStore';
import { useCatalog } from './useCatalog';

export function targetLabel(t: CompareTarget, models?: readonly CatalogModel[]): string {
  if (t.kind === 'routed') return 'Routed (your settings)';
  return t.label ?? models?.find((m) => m.key === t.modelKey)?.displayName ?? t.modelKey;
}

const pricePerMTok = (m: CatalogModel) => m.price.inputPerMTok + m.price.outputPerMTok;

/**
 * The highest-quality and the cheapest enabled models: the usual things to race the router against.
 * "Cheapest" means the cheapest paid model; free local servers are there to pick by name.
 */
function extremes(models: readonly CatalogModel[]) {
  const usable = models.filter((m) => !m.disabled);
  const paid = usable.filter((m) => pricePerMTok(m) > 0);
  const top = [...usable].sort((a, b) => b.quality.score - a.quality.score)[0];
  const cheapest = [...(paid.length > 0 ? paid : usable)].sort(
    (a, b) => pricePerMTok(a) - pricePerMTok(b),
  )[0];
  return { top, cheapest };
}

/** Pick 2–6 things to run the same prompt on: the router itself, or any catalog model. */
export function CompareTargets() {
  const targets = usePlaygroundView((s) => s.targets);
  const setTargets = usePlaygroundView((s) => s.setTargets);
  const catalog = useCatalog();
  const models = useMemo(() => catalog.data?.models ?? [], [catalog.data]);
  const groups = useMemo(() => groupByProvider(models), [models]);
  const { top, cheapest } = useMemo(() => extremes(models), [models]);
  const chosen = new Set(targets.map(targetKey));
  const full = targets.length >= MAX_TARGETS;

  const add = (t: CompareTarget) => {
    if (!chosen.has(targetKey(t)) && !full) setTargets([...targets, t]);
  };
  const remove = (key: string) => setTargets(targets.filter((t) => targetKey(t) !== key));

  return (
    <fieldset className="pg-targets">
      <legend className="pg-field__label">
        Compare on {targets.length} of {MIN_TARGETS}–{MAX_TARGETS} targets
      </legend>
      <ul className="pg-targets__list" aria-label="Compare targets">
        {targets.map((t) => (
          <li key={targetKey(t)} className="pg-chip">
            <span>{targetLabel(t, models)}</span>
            <button
              type="button"
              className="pg-chip__remove"
              aria-label={`Remove ${targetLabel(t, models)}`}
              onClick={() => remove(targetKey(t))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="pg-targets__add">
        <label htmlFor="pg-add-target" className="visually-hidden">
          Add a model to compare
        </label>
        <select
          id="pg-add-target"
          className="pg-select"
          value=""
          disabled={full || !catalog.data}
          onChange={(e) => e.target.value && add({ kind: 'model', modelKey: e.target.value })}
        >
          <option value="">{full ? `At most ${MAX_TARGETS} targets` : 'Add a model…'}</option>
          {groups.map(([provider, list]) => (
            <optgroup key={provider} label={provider}>
              {list.map((m) => (
                <option key={m.key} value={m.key} disabled={chosen.has(m.key)}>
                  {m.displayName}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {!chosen.has('routed') && (
          <button
            type="button"
            className="button button--small"
            disabled={full}
            onClick={() => add({ kind: 'routed' })}
          >
            + Routed
          </button>
        )}
        {top && !chosen.has(top.key) && (
          <button
            type="button"
            className="button button--small"
            disabled={full}
            onClick={() => add({ kind: 'model', modelKey: top.key, label: `Top model: ${top.displayName}` })}
          >
            + Top model
          </button>
        )}
        {cheapest && !chosen.has(cheapest.key) && (
          <button
            type="button"
            className="button button--small"
            disabled={full}
            onClick={() =>
              add({ kind: 'model', modelKey: cheapest.key, label: `Cheapest: ${cheapest.displayName}` })
            }
          >
            + Cheapest model
          </button>
        )}
      </div>
    </fieldset>
  );
}
