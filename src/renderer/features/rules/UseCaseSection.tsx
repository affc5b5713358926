import type { CatalogModel } from '../../../shared/contract/catalog';
import {
  BUDGET_TIERS,
  USE_CASES,
  type BudgetTier,
  type RoutingDecision,
} from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import { Card } from '../../ui/Card';
import { ModelList } from './ModelList';
import { NumberField } from './NumberField';

interface Props {
  draft: RoutingRules;
  edit(change: (d: RoutingRules) => void): void;
  catalog: readonly CatalogModel[];
  decision: RoutingDecision | null;
}

/** Use-case rules (primary, fallbacks, budget tier) and the budget tiers' cost caps. */
export function UseCaseSection({ draft, edit, catalog, decision }: Props) {
  const landed = decision?.matched.startsWith('use case') ? decision.useCase.value : null;
  return (
    <Card title="Use cases and budget tiers" wide>
      <p className="muted small">
        When the use case is given or detected with confidence, its primary model is tried first, then its
        fallbacks, under its budget tier&apos;s cap on the estimated cost of one request.
      </p>
      <table className="rules-table">
        <caption className="visually-hidden">Use-case rules</caption>
        <thead>
          <tr>
            <th scope="col">Use case</th>
            <th scope="col">Primary</th>
            <th scope="col">Fallbacks</th>
            <th scope="col">Budget tier</th>
          </tr>
        </thead>
        <tbody>
          {USE_CASES.map((uc) => {
            const rule = draft.use_cases[uc];
            const known = catalog.some((m) => m.key === rule.primary);
            return (
              <tr key={uc} className={landed === uc ? 'rules-table__row--active' : undefined}>
                <th scope="row">{uc.replace('_', ' ')}</th>
                <td>
                  <select
                    aria-label={`${uc} primary model`}
                    value={rule.primary}
                    aria-invalid={!known || undefined}
                    onChange={(e) => edit((d) => void (d.use_cases[uc].primary = e.target.value))}
                  >
                    {!known && <option value={rule.primary}>{rule.primary} (not in catalog)</option>}
                    {catalog.map((m) => (
                      <option key={m.key} value={m.key}>
                        {m.displayName}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <ModelList
                    label={`${uc} fallbacks`}
                    models={rule.fallback}
                    catalog={catalog}
                    onChange={(models) => edit((d) => void (d.use_cases[uc].fallback = models))}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${uc} budget tier`}
                    value={rule.budget_tier}
                    onChange={(e) =>
                      edit((d) => void (d.use_cases[uc].budget_tier = e.target.value as BudgetTier))
                    }
                  >
                    {BUDGET_TIERS.map((t) => (
                      <option key={t} value={t}>
                        {t.replace('_', ' ')}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 className="rules-list__title">Budget tiers: max cost per request (USD)</h3>
      <div className="rules-row">
        {BUDGET_TIERS.map((t) => (
          <NumberField
            key={t}
            label={t.replace('_', ' ')}
            value={draft.budget_tiers[t].max_cost_per_request}
            onChange={(v) => edit((d) => void (d.budget_tiers[t].max_cost_per_request = v ?? Number.NaN))}
          />
        ))}
      </div>
    </Card>
  );
}
