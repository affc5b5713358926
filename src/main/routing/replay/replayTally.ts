import type { ReplayResult } from '../../../shared/contract/rules';
import { nanosToUsd } from '../../ledger/money';

/** Requests that would change model, listed in the result (newest first); the rest are counted. */
export const MAX_LISTED_CHANGES = 200;

interface MixEntry {
  actualRequests: number;
  actualNanos: number;
  projectedRequests: number;
  projectedNanos: number;
}

type Totals = Omit<ReplayResult, 'replayId' | 'cancelled' | 'days' | 'since' | 'requests' | 'skipped'>;

/** Sums a replay: the actual mix (from SQL), the projected one, and the requests that change model. */
export class ReplayTally {
  private readonly mix = new Map<string, MixEntry>();
  private actualNanos = 0;
  private projectedNanos = 0;
  private changedTotal = 0;
  private unroutable = 0;
  private readonly changed: Totals['changed'] = [];

  private entry(key: string): MixEntry {
    let e = this.mix.get(key);
    if (!e)
      this.mix.set(key, (e = { actualRequests: 0, actualNanos: 0, projectedRequests: 0, projectedNanos: 0 }));
    return e;
  }

  actual(modelKey: string, requests: number, nanos: number): void {
    const e = this.entry(modelKey);
    e.actualRequests += requests;
    e.actualNanos += nanos;
  }

  replayed(
    row: { id: number; started_at: number; cost_nanos: number; model_key: string; use_case: string | null },
    to: string | null,
    projectedNanos: number,
  ): void {
    this.actualNanos += row.cost_nanos;
    this.projectedNanos += projectedNanos;
    const target = to ?? row.model_key;
    if (to === null) this.unroutable += 1;
    const e = this.entry(target);
    e.projectedRequests += 1;
    e.projectedNanos += projectedNanos;
    if (to === null || to === row.model_key) return;
    this.changedTotal += 1;
    this.changed.push({
      id: row.id,
      startedAt: new Date(row.started_at).toISOString(),
      useCase: row.use_case,
      from: row.model_key,
      to,
      actualCostUsd: nanosToUsd(row.cost_nanos),
      projectedCostUsd: nanosToUsd(projectedNanos),
    });
    // Keep the newest: rows arrive oldest first, so drop from the front in blocks.
    if (this.changed.length >= 2 * MAX_LISTED_CHANGES) this.changed.splice(0, MAX_LISTED_CHANGES);
  }

  result(): Totals {
    return {
      actualCostUsd: nanosToUsd(this.actualNanos),
      projectedCostUsd: nanosToUsd(this.projectedNanos),
      unroutable: this.unroutable,
      mix: [...this.mix.entries()]
        .map(([modelKey, e]) => ({
          modelKey,
          actualRequests: e.actualRequests,
          actualCostUsd: nanosToUsd(e.actualNanos),
          projectedRequests: e.projectedRequests,
          projectedCostUsd: nanosToUsd(e.projectedNanos),
        }))
        .sort((a, b) => b.projectedCostUsd + b.actualCostUsd - (a.projectedCostUsd + a.actualCostUsd)),
      changedTotal: this.changedTotal,
      changed: this.changed.slice(-MAX_LISTED_CHANGES).reverse(),
    };
  }
}
