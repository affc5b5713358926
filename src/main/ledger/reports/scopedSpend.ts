import type Database from 'better-sqlite3';
import type { BudgetScope } from '../../../shared/contract/budget';
import { parseModelKey } from '../../../shared/providers';
import type { LocalCalendar } from '../localCalendar';
import { RollupExtentStore } from '../rollupExtent';
import { planParams, planRange } from './rangePlan';
import { FACTS_CTE } from './reportFacts';

const SCOPE_FILTER: Record<BudgetScope, string> = {
  global: '1',
  provider: 'model_id IN (SELECT id FROM ledger_models WHERE provider = @provider)',
  model: 'model_id IN (SELECT id FROM ledger_models WHERE provider = @provider AND model = @model)',
  use_case: `use_case_id IN (SELECT id FROM ledger_labels WHERE kind = 'use_case' AND name = @useCase)`,
};

/**
 * What the ledger holds for one budget scope in [from, to): how a budget window's running total
 * starts. Calendar windows are whole local days, so this reads the rollups; an hourly window
 * reads at most an hour of raw rows.
 */
export class ScopedSpendQuery {
  private readonly statements: Record<
    BudgetScope,
    Database.Statement<[Record<string, unknown>], { cost: number }>
  >;

  private readonly extent: RollupExtentStore;

  constructor(db: Database.Database) {
    this.extent = new RollupExtentStore(db);
    const sql = (scope: BudgetScope): string =>
      `WITH ${FACTS_CTE} SELECT COALESCE(SUM(cost_nanos), 0) AS cost FROM facts WHERE ${SCOPE_FILTER[scope]}`;
    this.statements = {
      global: db.prepare(sql('global')),
      provider: db.prepare(sql('provider')),
      model: db.prepare(sql('model')),
      use_case: db.prepare(sql('use_case')),
    };
  }

  costNanos(
    scope: BudgetScope,
    value: string | null,
    from: number,
    to: number,
    calendar: LocalCalendar,
  ): number {
    const extent = { ...this.extent.read(), rawFrom: 0 };
    const plan = planRange(
      { since: from === 0 ? null : from, until: to >= Number.MAX_SAFE_INTEGER ? null : to },
      calendar,
      extent,
    );
    const params: Record<string, unknown> = { ...planParams(plan) };
    if (scope === 'provider') params['provider'] = value;
    if (scope === 'model') {
      const ref = value ? parseModelKey(value) : null;
      params['provider'] = ref?.provider ?? '';
      params['model'] = ref?.model ?? '';
    }
    if (scope === 'use_case') params['useCase'] = value;
    return (this.statements[scope].get(params) as { cost: number }).cost;
  }
}
