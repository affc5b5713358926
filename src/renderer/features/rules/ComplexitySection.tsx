import type { CatalogModel } from '../../../shared/contract/catalog';
import type { RoutingDecision } from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import { Card } from '../../ui/Card';
import { scoreScale } from './axisScale';
import { BoundaryAxis } from './BoundaryAxis';
import { removeTier, setTierThreshold, sortedTiers, splitTier, tierOf } from './draftEdits';
import { ModelList } from './ModelList';
import { NumberField } from './NumberField';

interface Props {
  draft: RoutingRules;
  edit(change: (d: RoutingRules) => void): void;
  catalog: readonly CatalogModel[];
  decision: RoutingDecision | null;
}

/** Complexity tiers on the 0–1 score axis, each tier's models and limits, and the local fallback. */
export function ComplexitySection({ draft, edit, catalog, decision }: Props) {
  const tiers = sortedTiers(draft);
  const score = decision?.complexity.score ?? null;
  const landed = score === null ? null : tierOf(draft, score);
  return (
    <Card
      title="Complexity tiers"
      wide
      aside={landed && <span className="badge badge--info">lands in {landed}</span>}
    >
      <p className="muted small">
        The prompt&apos;s complexity score (0–1) picks the tier: a score s is in a tier when from ≤ s &lt; to.
        Used by the auto strategy when no use case is known.
      </p>
      <BoundaryAxis
        label="Complexity score"
        scale={scoreScale}
        min={0}
        max={1}
        boundaries={tiers.slice(1).map(([name, t], i) => ({
          label: `${tiers[i]![0]} | ${name} threshold`,
          value: t.complexity_range[0],
        }))}
        segments={tiers.map(([name]) => name)}
        activeSegment={landed === null ? null : tiers.findIndex(([n]) => n === landed)}
        marker={score === null ? null : { value: score, label: `test prompt: ${score.toFixed(2)}` }}
        onMove={(i, v) => edit((d) => setTierThreshold(d, i, v))}
      />
      <div className="rules-lists">
        {tiers.map(([name, tier], i) => (
          <section key={name} className={landed === name ? 'rules-list rules-list--active' : 'rules-list'}>
            <h3 className="rules-list__title">
              {name}{' '}
              <span className="muted small">
                [{tier.complexity_range[0]}, {tier.complexity_range[1]})
              </span>
            </h3>
            <ModelList
              label={`tier ${name} models`}
              models={tier.models}
              catalog={catalog}
              picked={landed === name ? decision?.modelKey : null}
              onChange={(models) => edit((d) => void (d.complexity_tiers[name]!.models = models))}
            />
            <div className="rules-row">
              {i > 0 && (
                <NumberField
                  label="From"
                  value={tier.complexity_range[0]}
                  step={0.01}
                  onChange={(v) => edit((d) => setTierThreshold(d, i - 1, v ?? Number.NaN))}
                />
              )}
              <NumberField
                label="Max cost (USD)"
                value={tier.max_cost_per_request}
                optional
                placeholder="no cap"
                onChange={(v) => edit((d) => void (d.complexity_tiers[name]!.max_cost_per_request = v))}
              />
              <NumberField
                label="Min quality"
                value={tier.min_quality}
                step={0.01}
                onChange={(v) => edit((d) => void (d.complexity_tiers[name]!.min_quality = v ?? Number.NaN))}
              />
            </div>
            <div className="rules-row">
              <button
                type="button"
                className="button button--small"
                onClick={() => edit((d) => splitTier(d, name))}
              >
                Split {name}
              </button>
              {tiers.length > 1 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => edit((d) => removeTier(d, name))}
                >
                  Remove {name}
                </button>
              )}
            </div>
          </section>
        ))}
        <section className="rules-list">
          <h3 className="rules-list__title">Local fallback</h3>
          <label className="rules-check">
            <input
              type="checkbox"
              checked={draft.local_fallback.enabled}
              onChange={(e) => edit((d) => void (d.local_fallback.enabled = e.target.checked))}
            />
            Use local models when no cloud model qualifies
          </label>
          <ModelList
            label="local fallback models"
            models={draft.local_fallback.models}
            catalog={catalog}
            onChange={(models) => edit((d) => void (d.local_fallback.models = models))}
          />
        </section>
      </div>
    </Card>
  );
}
