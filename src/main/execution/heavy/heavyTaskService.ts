import type {
  ChunkResult,
  ParsedStep,
  ResultFile,
  StepAnalysis,
  TaskResult,
} from '../../../shared/contract/tasks';
import type { TaskTotals } from '../../ledger/taskLedger';
import { SwitchyardError } from '../../core/errors';
import type { EventBus } from '../../core/eventBus';
import type { RequestSource } from '../../ledger/ledgerCodes';
import type { EarlierPart } from './chunkPrompt';
import { runChunk, type ChunkRunDeps } from './chunkRunner';
import { fileMap, mergeSections, stripFence } from './merge';
import { canonicalLanguage, defaultFileName } from './sectionOrder';
import { analyzeStep, type ChunkingRules, type PlannedChunk } from './stepAnalysis';

/** The ledger's parent rows (null without a database). */
export interface TaskParents {
  open(kind: 'step' | 'batch', title: string, strategy: string | null): number;
  totals(taskId: number): TaskTotals | null;
}

export interface HeavyTaskDeps extends ChunkRunDeps {
  chunking(): ChunkingRules;
  parents: TaskParents | null;
  events: EventBus | null;
  /** Every request is simulated (`--simulate`). */
  simulate: boolean;
}

export interface TaskRunOptions {
  source: RequestSource;
  signal?: AbortSignal;
  onProgress?: (current: number, total: number, name: string) => void;
}

const pending = (c: PlannedChunk): ChunkResult => ({
  id: c.id,
  name: c.name,
  status: 'pending',
  modelKey: null,
  costUsd: 0,
  latencyMs: 0,
  tries: 0,
  output: '',
  error: null,
});

/**
 * Heavy steps (issue #11): analysed against the rules' chunking limits, split by file, section,
 * component or rounds, each chunk routed on its own size (one after another, earlier parts as
 * context), merged back. Every chunk's request is linked to one parent task in the ledger.
 */
export class HeavyTaskService {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: HeavyTaskDeps) {}

  analyze(step: ParsedStep): StepAnalysis {
    const { planned: _planned, ...analysis } = analyzeStep(step, this.deps.chunking());
    return analysis;
  }

  cancel(taskId: string): boolean {
    const c = this.running.get(taskId);
    c?.abort();
    return c !== undefined;
  }

  totals(ledgerTaskId: number): TaskTotals {
    const t = this.deps.parents?.totals(ledgerTaskId) ?? null;
    if (!t) throw new SwitchyardError('NOT_FOUND', `No task ${ledgerTaskId} in the ledger.`);
    return t;
  }

  async run(taskId: string, step: ParsedStep, opts: TaskRunOptions): Promise<TaskResult> {
    if (this.running.has(taskId)) {
      throw new SwitchyardError('CONFLICT', `A task with id ${taskId} is already running.`);
    }
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) controller.abort();
    this.running.set(taskId, controller);
    try {
      return await this.execute(taskId, step, opts, controller.signal);
    } finally {
      this.running.delete(taskId);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async execute(
    taskId: string,
    step: ParsedStep,
    opts: TaskRunOptions,
    signal: AbortSignal,
  ): Promise<TaskResult> {
    const chunking = this.deps.chunking();
    const { strategy, planned } = analyzeStep(step, chunking);
    const simulated = this.deps.simulate || step.simulate === true;
    const parents = simulated ? null : this.deps.parents;
    const ledgerTaskId = parents ? parents.open('step', step.description, strategy) : null;
    const results = planned.map(pending);
    const earlier: EarlierPart[] = [];
    const target =
      step.targetFile ?? (step.type === 'analysis' ? 'analysis.md' : defaultFileName(step.language));
    const progress = (name: string): void => this.progress(taskId, results, name, opts);
    let status: TaskResult['status'] = 'done';

    for (const [i, chunk] of planned.entries()) {
      const r = results[i];
      if (!r) continue;
      if (signal.aborted) {
        status = 'cancelled';
        break;
      }
      r.status = 'running';
      progress(chunk.name);
      const outcome = await runChunk(
        this.deps,
        {
          step,
          target,
          earlier: chunk.kind === 'file' ? [] : earlier,
          chunking,
          simulated,
          source: opts.source,
          signal,
          parent: ledgerTaskId === null ? undefined : { taskId: ledgerTaskId, chunk: chunk.name },
          onTry: (tries) => (r.tries = tries),
        },
        chunk,
      );
      r.tries = outcome.tries;
      if (outcome.kind === 'done') {
        const g = outcome.result;
        Object.assign(r, {
          status: 'done',
          modelKey: g.modelKey,
          costUsd: g.costUsd ?? 0,
          latencyMs: g.latencyMs,
          output: g.output,
        });
        earlier.push({ name: chunk.name, text: chunk.kind === 'round' ? g.output : stripFence(g.output) });
        progress(chunk.name);
        if (chunk.kind === 'round' && g.finishReason !== 'length') {
          results.splice(i + 1); // the answer is complete: the remaining rounds are not needed
          break;
        }
        continue;
      }
      r.status = outcome.kind;
      r.error = outcome.kind === 'failed' ? outcome.message : 'Cancelled.';
      progress(chunk.name);
      if (outcome.kind === 'cancelled') {
        status = 'cancelled';
        break;
      }
      status = 'failed';
      if (chunk.kind !== 'file') break; // later sections build on this one
    }
    for (const r of results) if (r.status === 'pending') r.status = 'cancelled';
    if (status !== 'done') progress(status);

    const costUsd =
      ledgerTaskId !== null && parents
        ? (parents.totals(ledgerTaskId)?.costUsd ?? 0)
        : results.reduce((s, r) => s + r.costUsd, 0);
    return {
      taskId,
      ledgerTaskId,
      strategy,
      status,
      files: mergeResult(step, planned, results, target),
      chunks: results,
      costUsd,
      simulated,
    };
  }

  private progress(taskId: string, results: ChunkResult[], name: string, opts: TaskRunOptions): void {
    const current = results.filter((r) => r.status === 'done').length;
    opts.onProgress?.(current, results.length, name);
    this.deps.events?.emit('tasks.progress', {
      taskId,
      current,
      total: results.length,
      name,
      chunks: results.map(({ id, name: n, status }) => ({ id, name: n, status })),
      costUsd: results.reduce((s, r) => s + r.costUsd, 0),
    });
  }
}

/** The finished chunks as files: a file map (by file) or one file of ordered parts. */
function mergeResult(
  step: ParsedStep,
  planned: PlannedChunk[],
  results: ChunkResult[],
  target: string,
): ResultFile[] {
  const done = results.filter((r) => r.status === 'done');
  if (done.length === 0) return [];
  const kind = planned[0]?.kind;
  if (kind === 'file') {
    const paths = new Map(planned.map((p) => [p.id, p.file?.path ?? p.name]));
    return fileMap(
      done.map((r) => ({ path: paths.get(r.id) ?? r.name, output: r.output })),
      step.type === 'analysis',
    );
  }
  if (kind === 'round')
    return [{ path: target, content: `${stripFence(done.map((r) => r.output).join(''))}\n` }];
  if (step.type === 'analysis' || kind === 'whole') {
    return [{ path: target, content: `${done.map((r) => stripFence(r.output)).join('\n\n')}\n` }];
  }
  return [
    {
      path: target,
      content: mergeSections(
        done.map((r) => r.output),
        canonicalLanguage(step.language),
      ),
    },
  ];
}
