import type Database from 'better-sqlite3';
import type { RoutingRules } from '../../shared/contract/rules';

export interface ThresholdSuggestion {
  /** The rules path, as the rule editor names it. */
  path: string;
  current: number;
  suggested: number;
  reason: string;
  requests: number;
  successRate: number;
}

/** Buckets of 0.05 complexity; a bucket speaks only with this many first attempts. */
const BUCKET = 50; // complexity is stored × 1000
const MIN_REQUESTS = 10;
/** Below this first-attempt success rate a tier's models are "failing" its prompts. */
const TARGET_SUCCESS = 0.9;

interface BucketRow {
  bucket: number;
  modelKey: string;
  requests: number;
  ok: number;
}

/**
 * Complexity-tier boundaries suggested from history: where a tier's own models start failing the
 * first attempt on prompts below its upper edge (from `ledger_features` joined with each request's
 * first attempt, aggregated in SQL), the edge should come down to that complexity. Only a
 * suggestion for the rule editor: nothing is applied. History cannot say how a cheaper tier would
 * do above its edge (those prompts went elsewhere), so edges are never suggested upwards.
 */
export function suggestTierThresholds(db: Database.Database, rules: RoutingRules): ThresholdSuggestion[] {
  const rows = db
    .prepare(
      `SELECT f.complexity / ${BUCKET} AS bucket, m.provider || '/' || m.model AS modelKey,
              COUNT(*) AS requests, SUM(a.status = 0) AS ok
         FROM ledger_features f
         JOIN ledger_attempts a ON a.request_id = f.request_id AND a.n = 1
         JOIN ledger_models m ON m.id = a.model_id
        WHERE a.status IN (0, 1)
        GROUP BY bucket, a.model_id`,
    )
    .all() as BucketRow[];
  const tiers = Object.entries(rules.complexity_tiers).sort(
    (a, b) => a[1].complexity_range[0] - b[1].complexity_range[0],
  );
  const out: ThresholdSuggestion[] = [];
  tiers.slice(0, -1).forEach(([name, tier]) => {
    const [from, to] = tier.complexity_range;
    const models = new Set(tier.models);
    const byBucket = new Map<number, { requests: number; ok: number }>();
    for (const r of rows) {
      const start = (r.bucket * BUCKET) / 1000;
      if (!models.has(r.modelKey) || start < from || start >= to) continue;
      const b = byBucket.get(r.bucket) ?? { requests: 0, ok: 0 };
      b.requests += r.requests;
      b.ok += r.ok;
      byBucket.set(r.bucket, b);
    }
    const failing = [...byBucket]
      .filter(([, b]) => b.requests >= MIN_REQUESTS && b.ok / b.requests < TARGET_SUCCESS)
      .sort((a, b) => a[0] - b[0])[0];
    if (!failing) return;
    const suggested = (failing[0] * BUCKET) / 1000;
    const successRate = Number((failing[1].ok / failing[1].requests).toFixed(3));
    out.push({
      path: `complexity_tiers.${name}.complexity_range[1]`,
      current: to,
      suggested,
      reason:
        `tier "${name}" models answered only ${Math.round(successRate * 100)} % of ${failing[1].requests} prompts ` +
        `of complexity ${suggested.toFixed(2)}–${(suggested + BUCKET / 1000).toFixed(2)} on the first try ` +
        `(target ${TARGET_SUCCESS * 100} %): end the tier at ${suggested.toFixed(2)} (move the next tier's start with it)`,
      requests: failing[1].requests,
      successRate,
    });
  });
  return out;
}
