import type { CatalogModel } from '../../../shared/contract/catalog';
import type { RoutingRules } from '../../../shared/contract/rules';
import type { LatencyView } from '../liveState';
import type { ModelEstimate } from '../modelEstimate';

export type BalancingMode = Exclude<RoutingRules['balancing']['mode'], 'none'>;

export interface RankedCandidate {
  model: CatalogModel;
  estimate: ModelEstimate;
}

/**
 * The leading candidates that are interchangeable with the best one: quality within
 * `quality_tolerance` of it and cost within `cost_tolerance` times it. Only these are balanced, so
 * balancing never trades a good model for a much worse or much dearer one.
 */
export function equivalentPool(ranked: RankedCandidate[], b: RoutingRules['balancing']): RankedCandidate[] {
  const best = ranked[0];
  if (!best) return [];
  return ranked.filter(
    (c) =>
      c.model.quality.score >= best.model.quality.score - b.quality_tolerance &&
      c.estimate.costUsd <= Math.max(best.estimate.costUsd * b.cost_tolerance, best.estimate.costUsd + 1e-6),
  );
}

/**
 * Load-balancing state: round-robin counters and smooth-weighted-round-robin credits per pool.
 * In memory on purpose: spreading load only matters while the process runs.
 */
export class BalancerState {
  private readonly turns = new Map<string, number>();
  private readonly credits = new Map<string, Map<string, number>>();

  /** Picks one candidate of `pool` and advances the pool's state. */
  pick(
    pool: RankedCandidate[],
    mode: BalancingMode,
    weights: Record<string, number>,
    latency: LatencyView,
  ): { index: number; reason: string } {
    if (pool.length <= 1) return { index: 0, reason: 'only one equivalent candidate' };
    const id = pool.map((c) => c.model.key).join('|');
    if (mode === 'round_robin') {
      const turn = this.turns.get(id) ?? 0;
      this.turns.set(id, turn + 1);
      return {
        index: turn % pool.length,
        reason: `round-robin turn ${turn + 1} among ${pool.length} equivalents`,
      };
    }
    if (mode === 'weighted') return this.weighted(id, pool, weights);
    let index = 0;
    let best = Infinity;
    pool.forEach((c, i) => {
      const s = latency.observedSeconds(c.model.key) ?? c.estimate.latencySeconds;
      if (s < best) [best, index] = [s, i];
    });
    return { index, reason: `lowest latency (~${best.toFixed(2)} s) among ${pool.length} equivalents` };
  }

  /** Smooth weighted round-robin (as nginx): deterministic, and spreads picks evenly over time. */
  private weighted(id: string, pool: RankedCandidate[], weights: Record<string, number>) {
    const credit = this.credits.get(id) ?? new Map<string, number>();
    this.credits.set(id, credit);
    let total = 0;
    let index = 0;
    let top = -Infinity;
    pool.forEach((c, i) => {
      const w = weights[c.model.key] ?? 1;
      total += w;
      const v = (credit.get(c.model.key) ?? 0) + w;
      credit.set(c.model.key, v);
      if (v > top) [top, index] = [v, i];
    });
    const key = pool[index]?.model.key ?? '';
    credit.set(key, (credit.get(key) ?? 0) - total);
    return {
      index,
      reason: `weighted pick (weight ${weights[key] ?? 1} of ${total}) among ${pool.length} equivalents`,
    };
  }
}
