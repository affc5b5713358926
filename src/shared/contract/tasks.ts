import { z } from 'zod';
import { route } from './route';
import { RequestIdSchema } from './execution';
import { UseCaseSchema } from './routing';

/**
 * Heavy tasks (issue #11): a step too big for one call is split into chunks, each routed on its own
 * size, and merged back; batches run a file of prompts through the router. Every chunk's request
 * is recorded under one parent task in the ledger, so a task's cost is one number.
 */

export const STEP_TYPES = [
  'code_generation',
  'analysis',
  'refactoring',
  'documentation',
  'testing',
  'other',
] as const;
export const SPLIT_STRATEGIES = ['by_file', 'by_section', 'by_component', 'iterative'] as const;
export const SplitStrategySchema = z.enum(SPLIT_STRATEGIES);
export type SplitStrategy = z.infer<typeof SplitStrategySchema>;

export const StepFileSchema = z.strictObject({
  path: z.string().trim().min(1).max(500),
  content: z.string().max(4_000_000),
});

export const StepSchema = z.strictObject({
  description: z.string().trim().min(1, 'Describe the step.').max(20_000),
  type: z.enum(STEP_TYPES).default('code_generation'),
  /** The caller's estimate of the input size; otherwise it is counted from the files and context. */
  estimatedTokens: z.number().int().positive().optional(),
  inputFiles: z.array(StepFileSchema).max(200).default([]),
  /** Expected lines of the generated code. */
  expectedLines: z.number().int().positive().max(100_000).optional(),
  language: z.string().trim().min(1).max(40).optional(),
  context: z.string().max(4_000_000).default(''),
  /** The file a generated result is saved as (sectioned and iterative generation). */
  targetFile: z.string().trim().min(1).max(500).optional(),
  /** Logical components to build one by one; otherwise read from the description's bullet list. */
  components: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  /** `auto` follows the analysis; the others force a strategy. */
  strategy: z.enum(['auto', ...SPLIT_STRATEGIES]).default('auto'),
  /** Iterative strategy: continuation rounds at most. */
  maxRounds: z.number().int().min(1).max(20).default(4),
  useCase: UseCaseSchema.optional(),
  simulate: z.boolean().optional(),
});
export type Step = z.input<typeof StepSchema>;
export type ParsedStep = z.output<typeof StepSchema>;

export const ChunkPlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['whole', 'file', 'section', 'component', 'round']),
  estimatedTokens: z.number().int().min(0),
});
export type ChunkPlan = z.infer<typeof ChunkPlanSchema>;

export const StepAnalysisSchema = z.object({
  shouldSplit: z.boolean(),
  /** Each limit the step is over, in words. */
  reasons: z.array(z.string()),
  /** Null: one call. */
  strategy: SplitStrategySchema.nullable(),
  estimatedTokens: z.number().int().min(0),
  inputFiles: z.number().int().min(0),
  expectedLines: z.number().int().nullable(),
  thresholds: z.object({ maxInputTokens: z.number(), maxInputFiles: z.number(), maxCodeLines: z.number() }),
  chunks: z.array(ChunkPlanSchema),
});
export type StepAnalysis = z.infer<typeof StepAnalysisSchema>;

export const CHUNK_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export const ChunkStatusSchema = z.enum(CHUNK_STATUSES);
export type ChunkStatus = z.infer<typeof ChunkStatusSchema>;

export const ChunkResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: ChunkStatusSchema,
  modelKey: z.string().nullable(),
  costUsd: z.number(),
  latencyMs: z.number().int().min(0),
  /** Runs of this chunk alone (1 unless it failed and was retried). */
  tries: z.number().int().min(0),
  output: z.string(),
  error: z.string().nullable(),
});
export type ChunkResult = z.infer<typeof ChunkResultSchema>;

export const ResultFileSchema = z.object({ path: z.string(), content: z.string() });
export type ResultFile = z.infer<typeof ResultFileSchema>;

export const TaskResultSchema = z.object({
  taskId: z.string(),
  /** The parent row in the ledger (null when nothing is recorded: simulated, or no database). */
  ledgerTaskId: z.number().int().nullable(),
  strategy: SplitStrategySchema.nullable(),
  status: z.enum(['done', 'cancelled', 'failed']),
  /** The merged result: a file map (by file) or one file of ordered sections. */
  files: z.array(ResultFileSchema),
  chunks: z.array(ChunkResultSchema),
  costUsd: z.number(),
  simulated: z.boolean(),
});
export type TaskResult = z.infer<typeof TaskResultSchema>;

export const TaskTotalsSchema = z.object({
  taskId: z.number().int(),
  kind: z.enum(['step', 'batch']),
  title: z.string(),
  strategy: z.string().nullable(),
  startedAt: z.string(),
  requests: z.number().int(),
  attempts: z.number().int(),
  costUsd: z.number(),
  chunks: z.array(
    z.object({
      chunk: z.string(),
      requests: z.number().int(),
      attempts: z.number().int(),
      costUsd: z.number(),
    }),
  ),
});

export const BATCH_FORMATS = ['jsonl', 'csv'] as const;
export const BatchFormatSchema = z.enum(BATCH_FORMATS);

export const BatchRowSchema = z.object({
  n: z.number().int().min(1),
  id: z.string(),
  prompt: z.string(),
  status: z.enum(['pending', 'running', 'ok', 'error', 'skipped']),
  modelKey: z.string().nullable(),
  costUsd: z.number().nullable(),
  latencyMs: z.number().int().nullable(),
  output: z.string(),
  error: z.string().nullable(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

export const BatchSummarySchema = z.object({
  batchId: z.string(),
  ledgerTaskId: z.number().int().nullable(),
  status: z.enum(['running', 'paused', 'done', 'cancelled', 'budget_stopped']),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  costUsd: z.number(),
  /** Why the batch stopped early (a budget refused a row), if it did. */
  note: z.string().nullable(),
});
export type BatchSummary = z.infer<typeof BatchSummarySchema>;

const BatchIdInput = z.strictObject({ batchId: RequestIdSchema });

export const tasksRoutes = {
  'tasks.analyze': route({
    kind: 'query',
    summary: 'Should this step be split, why, and into which chunks (the thresholds are in the rules).',
    input: StepSchema,
    output: StepAnalysisSchema,
  }),
  'tasks.run': route({
    kind: 'command',
    summary:
      'Run a step: split it, route each chunk on its own size, merge the results (progress as tasks.progress).',
    input: z.strictObject({ taskId: RequestIdSchema, step: StepSchema }),
    output: TaskResultSchema,
  }),
  'tasks.cancel': route({
    kind: 'command',
    summary: 'Cancel a running step; the chunks already finished are kept in its result.',
    input: z.strictObject({ taskId: RequestIdSchema }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'tasks.ledger': route({
    kind: 'query',
    summary: "A task's parent row in the ledger: its requests, attempts and total cost, by chunk.",
    input: z.strictObject({ ledgerTaskId: z.number().int().positive() }),
    output: TaskTotalsSchema,
  }),
  'tasks.saveToFolder': route({
    kind: 'command',
    summary:
      "Save a task's files to a folder the user picks (desktop app only; the browser downloads a zip).",
    input: z.strictObject({ files: z.array(ResultFileSchema).min(1).max(2_000) }),
    output: z.object({
      /** False in the headless shell: there is no folder dialog. */
      available: z.boolean(),
      folder: z.string().nullable(),
      saved: z.number().int(),
    }),
  }),
  'batch.run': route({
    kind: 'command',
    summary:
      'Run a JSONL or CSV file of prompts through the router with a concurrency limit (progress as batch.progress).',
    input: z.strictObject({
      batchId: RequestIdSchema,
      format: BatchFormatSchema,
      /** The file's text. */
      text: z.string().min(1, 'The file is empty.').max(1_500_000),
      fileName: z.string().max(200).default('batch'),
      concurrency: z.number().int().min(1).max(16).default(3),
      simulate: z.boolean().optional(),
    }),
    output: BatchSummarySchema,
  }),
  'batch.pause': route({
    kind: 'command',
    summary: 'Pause a batch: rows in flight finish, no new row starts.',
    input: BatchIdInput,
    output: z.object({ paused: z.boolean() }),
  }),
  'batch.resume': route({
    kind: 'command',
    summary: 'Resume a paused batch.',
    input: BatchIdInput,
    output: z.object({ resumed: z.boolean() }),
  }),
  'batch.cancel': route({
    kind: 'command',
    summary: 'Cancel a batch: calls in flight are closed, rows not started are skipped.',
    input: BatchIdInput,
    output: z.object({ cancelled: z.boolean() }),
  }),
  'batch.rows': route({
    kind: 'query',
    summary: "A batch's rows so far (model, cost, latency, output).",
    input: BatchIdInput,
    output: z.object({ summary: BatchSummarySchema, rows: z.array(BatchRowSchema) }),
  }),
  'batch.export': route({
    kind: 'query',
    summary: "A batch's results as JSONL or CSV (model, cost and latency per row).",
    input: z.strictObject({ batchId: RequestIdSchema, format: BatchFormatSchema }),
    output: z.object({ fileName: z.string(), mediaType: z.string(), text: z.string() }),
  }),
};

export const tasksEvents = {
  /** A chunk or section started, finished or failed. */
  'tasks.progress': z.object({
    taskId: z.string(),
    /** Chunks finished so far. */
    current: z.number().int(),
    total: z.number().int(),
    /** The chunk this event is about. */
    name: z.string(),
    chunks: z.array(z.object({ id: z.string(), name: z.string(), status: ChunkStatusSchema })),
    costUsd: z.number(),
  }),
  'batch.progress': z.object({
    batchId: z.string(),
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    running: z.number().int(),
    paused: z.boolean(),
    costUsd: z.number(),
  }),
};
