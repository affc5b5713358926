import { randomUUID } from 'node:crypto';
import type { BatchRow, BatchSummary } from '../../../../shared/contract/tasks';
import { SwitchyardError, toContractError } from '../../../core/errors';
import type { EventBus } from '../../../core/eventBus';
import type { RequestSource } from '../../../ledger/ledgerCodes';
import type { ChunkRunDeps } from '../chunkRunner';
import type { TaskParents } from '../heavyTaskService';
import { exportBatch } from './batchExport';
import { parseBatch, type BatchPrompt } from './batchInput';

export interface BatchDeps {
  generation: ChunkRunDeps['generation'];
  parents: TaskParents | null;
  events: EventBus | null;
  simulate: boolean;
}

export interface BatchRunInput {
  batchId: string;
  format: 'jsonl' | 'csv';
  text: string;
  fileName: string;
  concurrency: number;
  simulate?: boolean;
}

/** Finished batches kept for export, newest last. */
const KEPT_BATCHES = 20;

/** One batch while it runs and after: its rows, its pause gate and the calls in flight. */
class BatchRun {
  readonly rows: BatchRow[];
  readonly inFlight = new Set<AbortController>();
  paused = false;
  cancelled = false;
  finished = false;
  note: string | null = null;
  private gate: { promise: Promise<void>; open: () => void } | null = null;

  constructor(
    readonly batchId: string,
    readonly ledgerTaskId: number | null,
    readonly prompts: BatchPrompt[],
  ) {
    this.rows = prompts.map((p, i) => ({
      n: i + 1,
      id: p.id,
      prompt: p.prompt,
      status: 'pending',
      modelKey: null,
      costUsd: null,
      latencyMs: null,
      output: '',
      error: null,
    }));
  }

  pause(): void {
    if (this.paused || this.finished) return;
    this.paused = true;
    let open = (): void => {};
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
  }

  resume(): void {
    this.paused = false;
    this.gate?.open();
    this.gate = null;
  }

  /** Resolves when the batch may start another row. */
  async whenOpen(): Promise<void> {
    while (this.gate) await this.gate.promise;
  }

  summary(): BatchSummary {
    const count = (s: BatchRow['status']) => this.rows.filter((r) => r.status === s).length;
    const status = !this.finished
      ? this.paused
        ? 'paused'
        : 'running'
      : this.note
        ? 'budget_stopped'
        : this.cancelled
          ? 'cancelled'
          : 'done';
    return {
      batchId: this.batchId,
      ledgerTaskId: this.ledgerTaskId,
      status,
      total: this.rows.length,
      succeeded: count('ok'),
      failed: count('error'),
      skipped: count('skipped'),
      costUsd: this.rows.reduce((s, r) => s + (r.costUsd ?? 0), 0),
      note: this.note,
    };
  }
}

/**
 * Batch runs (issue #11): a JSONL or CSV file of prompts through the router, `concurrency` rows at
 * a time, each admitted by the budget like any request. A row the budget refuses stops the batch
 * (the rows not started are skipped); pause lets rows in flight finish and starts no new one.
 */
export class BatchService {
  private readonly batches = new Map<string, BatchRun>();

  constructor(private readonly deps: BatchDeps) {}

  async run(
    input: BatchRunInput,
    opts: { source: RequestSource; signal?: AbortSignal },
  ): Promise<BatchSummary> {
    const existing = this.batches.get(input.batchId);
    if (existing && !existing.finished) {
      throw new SwitchyardError('CONFLICT', `A batch with id ${input.batchId} is already running.`);
    }
    const prompts = parseBatch(input.format, input.text);
    const simulated = this.deps.simulate || input.simulate === true;
    const ledgerTaskId = simulated ? null : (this.deps.parents?.open('batch', input.fileName, null) ?? null);
    const batch = new BatchRun(input.batchId, ledgerTaskId, prompts);
    this.keep(batch);
    const onAbort = (): void => {
      this.cancel(input.batchId);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        await batch.whenOpen();
        if (batch.cancelled || batch.note || next >= batch.rows.length) return;
        const row = batch.rows[next++];
        if (row) await this.runRow(batch, row, simulated, opts.source);
      }
    };
    try {
      this.progress(batch);
      await Promise.all(Array.from({ length: Math.min(input.concurrency, batch.rows.length) }, worker));
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      for (const r of batch.rows) if (r.status === 'pending') r.status = 'skipped';
      batch.finished = true;
      batch.paused = false;
      this.progress(batch);
    }
    return batch.summary();
  }

  pause(batchId: string): boolean {
    const b = this.batches.get(batchId);
    if (!b || b.finished) return false;
    b.pause();
    this.progress(b);
    return true;
  }

  resume(batchId: string): boolean {
    const b = this.batches.get(batchId);
    if (!b || b.finished || !b.paused) return false;
    b.resume();
    this.progress(b);
    return true;
  }

  cancel(batchId: string): boolean {
    const b = this.batches.get(batchId);
    if (!b || b.finished) return false;
    b.cancelled = true;
    for (const c of b.inFlight) c.abort();
    b.resume();
    return true;
  }

  rows(batchId: string): { summary: BatchSummary; rows: BatchRow[] } {
    const b = this.find(batchId);
    return { summary: b.summary(), rows: b.rows };
  }

  export(batchId: string, format: 'jsonl' | 'csv'): { fileName: string; mediaType: string; text: string } {
    const b = this.find(batchId);
    return {
      fileName: `${batchId}-results.${format}`,
      mediaType: format === 'jsonl' ? 'application/x-ndjson' : 'text/csv',
      text: exportBatch(b.rows, format),
    };
  }

  private find(batchId: string): BatchRun {
    const b = this.batches.get(batchId);
    if (!b) throw new SwitchyardError('NOT_FOUND', `No batch ${batchId} in this session.`);
    return b;
  }

  private keep(batch: BatchRun): void {
    this.batches.delete(batch.batchId);
    this.batches.set(batch.batchId, batch);
    for (const [id, b] of this.batches) {
      if (this.batches.size <= KEPT_BATCHES) break;
      if (b.finished) this.batches.delete(id);
    }
  }

  private async runRow(
    batch: BatchRun,
    row: BatchRow,
    simulated: boolean,
    source: RequestSource,
  ): Promise<void> {
    const controller = new AbortController();
    batch.inFlight.add(controller);
    row.status = 'running';
    this.progress(batch);
    const prompt = batch.prompts[row.n - 1];
    try {
      const g = await this.deps.generation.run(
        {
          requestId: `batch_${randomUUID()}`,
          request: {
            prompt: row.prompt,
            images: [],
            files: 0,
            useCase: prompt?.useCase,
            requires: [],
            constraints: { preferredProviders: [], excludedProviders: [] },
            ...(simulated ? { simulate: true } : {}),
          },
          stream: true,
        },
        {
          source,
          signal: controller.signal,
          emitEvents: false,
          ...(batch.ledgerTaskId === null
            ? {}
            : { parent: { taskId: batch.ledgerTaskId, chunk: `row ${row.n}` } }),
        },
      );
      Object.assign(row, {
        status: g.error ? 'error' : 'ok',
        modelKey: g.modelKey,
        costUsd: g.costUsd,
        latencyMs: g.latencyMs,
        output: g.output,
        error: g.error?.message ?? null,
      });
    } catch (e) {
      const error = toContractError(e);
      row.status = batch.cancelled && error.code === 'CANCELLED' ? 'skipped' : 'error';
      row.error = error.message;
      if (error.code === 'BUDGET_EXCEEDED' && !batch.note) {
        batch.note = `Stopped at row ${row.n}: ${error.message}`;
      }
    } finally {
      batch.inFlight.delete(controller);
      this.progress(batch);
    }
  }

  private progress(b: BatchRun): void {
    const s = b.summary();
    this.deps.events?.emit('batch.progress', {
      batchId: b.batchId,
      total: s.total,
      done: s.succeeded + s.failed + s.skipped,
      failed: s.failed,
      running: b.inFlight.size,
      paused: b.paused,
      costUsd: s.costUsd,
    });
  }
}
