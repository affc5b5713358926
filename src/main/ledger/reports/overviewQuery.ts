import type Database from 'better-sqlite3';
import type { Overview } from '../../../shared/contract/reports';
import { nanosToUsd } from '../money';
import { FACTS_CTE } from './reportFacts';

type Params = Record<string, number>;

const TOTALS_SQL = `WITH ${FACTS_CTE}
  SELECT COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(cost_nanos), 0) AS cost,
         COALESCE(SUM(tokens_in), 0) AS tin, COALESCE(SUM(tokens_out), 0) AS tout,
         COALESCE(SUM(errors), 0) AS errors, COALESCE(SUM(blocked), 0) AS blocked,
         COALESCE(SUM(partials), 0) AS partials, COALESCE(SUM(estimated), 0) AS estimated,
         COALESCE(SUM(fallbacks), 0) AS fallbacks, COALESCE(SUM(cache_hits), 0) AS hits,
         COALESCE(SUM(saved_nanos), 0) AS saved,
         COALESCE(SUM(CASE WHEN model_id != 0 THEN tokens_in END), 0) AS answered_in,
         COALESCE(SUM(CASE WHEN model_id != 0 THEN tokens_out END), 0) AS answered_out
  FROM facts`;

/** "The most expensive model used": highest list price (input + output per 1M) among the range's models. */
const PRICIEST_USED_SQL = `WITH ${FACTS_CTE}
  SELECT provider, model, input_price, output_price FROM ledger_models
  WHERE id IN (SELECT model_id FROM facts WHERE model_id != 0) AND input_price IS NOT NULL
  ORDER BY input_price + output_price DESC, id LIMIT 1`;

const MODEL_PRICE_SQL = `SELECT provider, model, input_price, output_price FROM ledger_models
  WHERE provider = ? AND model = ? AND input_price IS NOT NULL`;

interface TotalsRow {
  requests: number;
  cost: number;
  tin: number;
  tout: number;
  errors: number;
  blocked: number;
  partials: number;
  estimated: number;
  fallbacks: number;
  hits: number;
  saved: number;
  answered_in: number;
  answered_out: number;
}

/** A baseline model's unit prices in micro-USD per 1M tokens. */
export interface BaselinePrice {
  modelKey: string;
  input: number;
  output: number;
}

interface PriceRow {
  provider: string;
  model: string;
  input_price: number;
  output_price: number;
}

const toBaseline = (r: PriceRow | undefined): BaselinePrice | null =>
  r ? { modelKey: `${r.provider}/${r.model}`, input: r.input_price, output: r.output_price } : null;

export class OverviewQuery {
  private readonly totals: Database.Statement<[Params], TotalsRow>;
  private readonly priciest: Database.Statement<[Params], PriceRow>;
  private readonly modelPrice: Database.Statement<[string, string], PriceRow>;

  constructor(db: Database.Database) {
    this.totals = db.prepare(TOTALS_SQL);
    this.priciest = db.prepare(PRICIEST_USED_SQL);
    this.modelPrice = db.prepare(MODEL_PRICE_SQL);
  }

  /** The last price the ledger saw for a model, for a baseline the user names. */
  lastKnownPrice(provider: string, model: string): BaselinePrice | null {
    return toBaseline(this.modelPrice.get(provider, model));
  }

  /** The default baseline: the priciest model answering in the range. */
  priciestUsed(params: Params): BaselinePrice | null {
    return toBaseline(this.priciest.get(params));
  }

  run(params: Params, baseline: BaselinePrice | null): Omit<Overview, 'range'> {
    const t = this.totals.get(params) as TotalsRow;
    const base = baseline ?? this.priciestUsed(params);
    // Two sums times two prices: arithmetic on SQL's aggregates, not an aggregation in JS.
    const baselineNanos = base
      ? Math.round((t.answered_in * base.input + t.answered_out * base.output) / 1000)
      : 0;
    return {
      requests: t.requests,
      costUsd: nanosToUsd(t.cost),
      tokensIn: t.tin,
      tokensOut: t.tout,
      errors: t.errors,
      blocked: t.blocked,
      partials: t.partials,
      estimatedUsage: t.estimated,
      fallbackRate: t.requests > 0 ? t.fallbacks / t.requests : 0,
      cache: {
        hits: t.hits,
        hitRate: t.requests > 0 ? t.hits / t.requests : 0,
        savedUsd: nanosToUsd(t.saved),
      },
      savings: base
        ? {
            baselineModel: base.modelKey,
            baselineCostUsd: nanosToUsd(baselineNanos),
            actualCostUsd: nanosToUsd(t.cost),
            savedUsd: nanosToUsd(baselineNanos - t.cost),
          }
        : null,
    };
  }
}
