import type Database from 'better-sqlite3';
import type { InsertedRequest } from './dailyRollup';
import type { LedgerNames } from './ledgerNames';
import type { RequestRow } from './ledgerRow';

const REQUEST_COLUMNS = [
  'id', 'started_at', 'latency_ms', 'ttft_ms', 'source', 'status', 'model_id', 'use_case_id', 'strategy_id',
  'decision_id', 'arm_id', 'cost_nanos', 'tokens_in', 'tokens_out', 'input_price', 'output_price',
  'saved_nanos', 'cache_hit', 'dedup', 'fallback_used', 'usage_estimated', 'prompt_hash',
]; // prettier-ignore
const ATTEMPT_COLUMNS = [
  'request_id', 'n', 'model_id', 'status', 'error_kind_id', 'latency_ms', 'tokens_in', 'tokens_out',
  'tokens_cached', 'cost_nanos', 'input_price', 'output_price', 'cached_input_price', 'request_fee_nanos',
  'usage_estimated',
]; // prettier-ignore
const FEATURE_COLUMNS = [
  'request_id', 'input_tokens', 'output_tokens', 'complexity', 'use_case_confidence', 'vision',
]; // prettier-ignore

/** Rows per INSERT statement: binding one statement per 16 rows instead of per row saves ~25 %. */
const ROWS_PER_STATEMENT = 16;
const bool = (b: boolean): number => (b ? 1 : 0);

/** Multi-row INSERT statements for 1…ROWS_PER_STATEMENT rows, prepared on first use. */
class MultiRowInsert {
  private readonly statements = new Map<number, Database.Statement>();
  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {}

  /** Inserts `values` (flat, `columns.length` per row) in as few statements as possible. */
  run(values: unknown[]): void {
    const width = this.columns.length;
    const chunk = ROWS_PER_STATEMENT * width;
    for (let at = 0; at < values.length; at += chunk) {
      const part = values.slice(at, at + chunk);
      this.statement(part.length / width).run(...part);
    }
  }

  private statement(rows: number): Database.Statement {
    let stmt = this.statements.get(rows);
    if (!stmt) {
      const row = `(${this.columns.map(() => '?').join(', ')})`;
      const sql = `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
      this.statements.set(rows, (stmt = this.db.prepare(sql)));
    }
    return stmt;
  }
}

/**
 * Inserts a batch of requests with their attempts and (if opted in) prompts and answers. Ids are assigned
 * here, from the largest id + 1 read inside the writer's write transaction (what SQLite itself
 * would assign), so attempts can be inserted many rows per statement alongside their requests.
 */
export class RequestInsert {
  private readonly requests: MultiRowInsert;
  private readonly attempts: MultiRowInsert;
  private readonly features: MultiRowInsert;
  private readonly prompt: Database.Statement;
  private readonly taskLink: Database.Statement;
  private readonly requestKey: Database.Statement;
  private readonly answer: Database.Statement;
  private readonly similarHit: Database.Statement;
  private readonly maxId: Database.Statement<[], { id: number }>;

  constructor(
    db: Database.Database,
    private readonly names: LedgerNames,
  ) {
    this.requests = new MultiRowInsert(db, 'ledger_requests', REQUEST_COLUMNS);
    this.attempts = new MultiRowInsert(db, 'ledger_attempts', ATTEMPT_COLUMNS);
    this.features = new MultiRowInsert(db, 'ledger_features', FEATURE_COLUMNS);
    this.prompt = db.prepare('INSERT INTO ledger_prompts (request_id, prompt) VALUES (?, ?)');
    this.taskLink = db.prepare(
      'INSERT INTO ledger_task_requests (request_id, task_id, chunk) VALUES (?, ?, ?)',
    );
    this.answer = db.prepare('INSERT INTO ledger_answers (request_id, answer, temperature) VALUES (?, ?, ?)');
    this.similarHit = db.prepare(
      'INSERT INTO ledger_similar_hits (request_id, source_request_id, similarity) VALUES (?, ?, ?)',
    );
    this.maxId = db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM ledger_requests');
    this.requestKey = db.prepare('INSERT INTO ledger_request_keys (request_id, request_key) VALUES (?, ?)');
  }

  /** Call inside the write transaction. */
  run(rows: readonly RequestRow[], storePrompt: boolean): InsertedRequest[] {
    let id = (this.maxId.get() as { id: number }).id;
    const requestValues: unknown[] = [];
    const attemptValues: unknown[] = [];
    const featureValues: unknown[] = [];
    const inserted: InsertedRequest[] = [];
    for (const row of rows) {
      id += 1;
      const ids = this.requestValues(id, row, requestValues);
      this.attemptValues(id, row, attemptValues);
      const f = row.features;
      if (f)
        featureValues.push(
          id,
          f.inputTokens,
          f.outputTokens,
          f.complexity,
          f.useCaseConfidence,
          bool(f.vision),
        );
      inserted.push({ id, row, modelId: ids.modelId, useCaseId: ids.useCaseId });
    }
    this.requests.run(requestValues);
    this.attempts.run(attemptValues);
    this.features.run(featureValues);
    if (storePrompt)
      for (const r of inserted) {
        if (!r.row.prompt) continue;
        this.prompt.run(r.id, r.row.prompt);
        // An answer without its prompt could never be matched: it is kept only alongside one.
        if (r.row.answer) this.answer.run(r.id, r.row.answer.text, r.row.answer.temperature);
      }
    for (const r of inserted) {
      const hit = r.row.similarHit;
      if (hit) this.similarHit.run(r.id, hit.sourceRequestId, hit.similarity);
    }
    for (const r of inserted)
      if (r.row.parent) this.taskLink.run(r.id, r.row.parent.taskId, r.row.parent.chunk);
    for (const r of inserted) if (r.row.requestKey) this.requestKey.run(r.id, r.row.requestKey);
    return inserted;
  }

  private requestValues(
    id: number,
    row: RequestRow,
    out: unknown[],
  ): { modelId: number | null; useCaseId: number | null } {
    const names = this.names;
    const modelId =
      row.provider !== null && row.model !== null ? names.modelId(row.provider, row.model) : null;
    if (modelId !== null && row.prices) names.notePrice(modelId, row.prices.input, row.prices.output);
    const useCaseId = names.labelId('use_case', row.useCase);
    out.push(
      id,
      row.startedAt,
      row.latencyMs,
      row.ttftMs,
      row.source,
      row.status,
      modelId,
      useCaseId,
      names.labelId('strategy', row.strategy),
      names.labelId('decision', row.decision),
      names.labelId('arm', row.arm),
      row.costNanos,
      row.tokensIn,
      row.tokensOut,
      row.prices?.input ?? null,
      row.prices?.output ?? null,
      row.savedNanos,
      bool(row.cacheHit),
      bool(row.dedup),
      bool(row.fallbackUsed),
      bool(row.usageEstimated),
      row.promptHash,
    );
    return { modelId, useCaseId };
  }

  private attemptValues(id: number, row: RequestRow, out: unknown[]): void {
    const names = this.names;
    for (const [i, a] of row.attempts.entries()) {
      const modelId = names.modelId(a.provider, a.model);
      names.notePrice(modelId, a.prices.input, a.prices.output);
      out.push(
        id,
        i + 1,
        modelId,
        a.status,
        names.labelId('error_kind', a.errorKind),
        a.latencyMs,
        a.tokensIn,
        a.tokensOut,
        a.tokensCached,
        a.costNanos,
        a.prices.input,
        a.prices.output,
        a.prices.cachedInput,
        a.prices.requestFeeNanos || null,
        bool(a.usageEstimated),
      );
    }
  }
}
