import type Database from 'better-sqlite3';
import type { CatalogModel } from '../../../shared/contract/catalog';
import type { UseCase } from '../../../shared/contract/routing';
import type { ReplayResult, RoutingRules } from '../../../shared/contract/rules';
import { SwitchyardError } from '../../core/errors';
import { costNanos, unitPricesFor } from '../../ledger/money';
import { Redecider } from './redecide';
import { ReplayTally } from './replayTally';

const DAY_MS = 86_400_000;
/** Rows per SQL batch; between batches the event loop runs (~20 ms of work each on this machine). */
export const REPLAY_BATCH = 500;

interface FeatureRow {
  id: number;
  started_at: number;
  cost_nanos: number;
  tokens_in: number;
  tokens_out: number;
  model_key: string;
  use_case: string | null;
  input_tokens: number;
  output_tokens: number;
  complexity: number;
  use_case_confidence: number;
  vision: number;
}

export interface ReplayRequest {
  replayId: string;
  rules: RoutingRules;
  days: number;
}

export type ReplayProgress = (p: { processed: number; total: number }) => void;

/**
 * What-if replay: the requests of the last N days, re-decided under draft rules from their stored
 * features (`ledger_features`), priced with the catalog, against what actually happened. Requests
 * answered from the cache or by another caller's identical request made no call of their own and
 * are left out, as are blocked ones (no model) and those recorded before features were kept.
 * The rows are read in keyset batches of 500 (one query for the rows, one SQL aggregate for
 * their actual mix); each batch then yields to the event loop, reports progress and checks for
 * cancellation, so a long history neither blocks main (tens of ms per batch) nor runs after "Cancel".
 */
export class RulesReplay {
  private readonly running = new Map<string, AbortController>();
  private readonly batch: Database.Statement<[number, number, number], FeatureRow>;
  private readonly total: Database.Statement<[number], { total: number }>;
  private readonly actualMix: Database.Statement<
    [number, number, number],
    { model_key: string; requests: number; cost: number }
  >;

  constructor(
    db: Database.Database,
    private readonly catalog: () => readonly CatalogModel[],
  ) {
    const replayable = `r.model_id IS NOT NULL AND r.cache_hit = 0 AND r.dedup = 0`;
    this.batch = db.prepare(
      `SELECT r.id, r.started_at, r.cost_nanos, r.tokens_in, r.tokens_out,
              m.provider || '/' || m.model AS model_key, uc.name AS use_case,
              f.input_tokens, f.output_tokens, f.complexity, f.use_case_confidence, f.vision
       FROM ledger_features f
       JOIN ledger_requests r ON r.id = f.request_id
       JOIN ledger_models m ON m.id = r.model_id
       LEFT JOIN ledger_labels uc ON uc.id = r.use_case_id
       WHERE f.request_id > ? AND r.started_at >= ? AND ${replayable}
       ORDER BY f.request_id LIMIT ?`,
    );
    // The index on started_at answers this without touching the rows.
    this.total = db.prepare('SELECT COUNT(*) AS total FROM ledger_requests WHERE started_at >= ?');
    this.actualMix = db.prepare(
      `SELECT m.provider || '/' || m.model AS model_key, COUNT(*) AS requests, SUM(r.cost_nanos) AS cost
       FROM ledger_features f
       JOIN ledger_requests r ON r.id = f.request_id
       JOIN ledger_models m ON m.id = r.model_id
       WHERE f.request_id > ? AND f.request_id <= ? AND r.started_at >= ? AND ${replayable}
       GROUP BY r.model_id`,
    );
  }

  /** Stops a running replay; it resolves with what it had, marked `cancelled`. */
  cancel(replayId: string): boolean {
    const run = this.running.get(replayId);
    run?.abort();
    return run !== undefined;
  }

  async run(req: ReplayRequest, onProgress: ReplayProgress, now = Date.now()): Promise<ReplayResult> {
    if (this.running.has(req.replayId)) {
      throw new SwitchyardError('VALIDATION_FAILED', `A replay with id ${req.replayId} is already running.`);
    }
    const abort = new AbortController();
    this.running.set(req.replayId, abort);
    try {
      return await this.replay(req, abort.signal, onProgress, now);
    } finally {
      this.running.delete(req.replayId);
    }
  }

  private async replay(
    req: ReplayRequest,
    signal: AbortSignal,
    onProgress: ReplayProgress,
    now: number,
  ): Promise<ReplayResult> {
    const since = now - req.days * DAY_MS;
    const total = this.total.get(since)?.total ?? 0;
    const models = this.catalog();
    const byKey = new Map(models.map((m) => [m.key, m]));
    const redecider = new Redecider(req.rules, models);
    const tally = new ReplayTally();
    let after = 0;
    let processed = 0;
    onProgress({ processed, total });
    while (!signal.aborted) {
      const rows = this.batch.all(after, since, REPLAY_BATCH);
      for (const row of rows) {
        const to = redecider.decide({
          inputTokens: row.input_tokens,
          outputTokens: row.output_tokens,
          complexity: row.complexity / 1000,
          useCase: row.use_case as UseCase | null,
          useCaseConfidence: row.use_case_confidence / 1000,
          vision: row.vision === 1,
        });
        const model = to === null ? undefined : byKey.get(to);
        const projected =
          to === row.model_key || !model
            ? row.cost_nanos
            : costNanos(
                { inputTokens: row.tokens_in, outputTokens: row.tokens_out, cachedInputTokens: 0 },
                unitPricesFor(model.price, row.tokens_in),
              );
        tally.replayed(row, to, projected);
      }
      const last = rows.at(-1)?.id ?? after;
      // What actually happened, summed in SQL over the same rows, so a cancelled replay compares like with like.
      for (const a of this.actualMix.all(after, last, since)) tally.actual(a.model_key, a.requests, a.cost);
      processed += rows.length;
      after = last;
      onProgress({ processed, total });
      if (rows.length < REPLAY_BATCH) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return {
      replayId: req.replayId,
      cancelled: signal.aborted,
      days: req.days,
      since: new Date(since).toISOString(),
      requests: processed,
      skipped: signal.aborted ? 0 : total - processed,
      ...tally.result(),
    };
  }
}
