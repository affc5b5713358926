import { z } from 'zod';
import { route } from './route';
import { StrategySchema, UseCaseSchema } from './routing';

/** The learned strategy's model: what it was trained on and the willingness-to-pay setting. */
export const LearningStatusSchema = z.object({
  trained: z.boolean(),
  trainedAt: z.string().nullable(),
  /** Distinct past prompts (with outcomes) the model learned from. */
  prompts: z.number().int(),
  models: z.array(z.string()),
  /** USD per request the user would pay for a sure answer over a useless one. */
  willingnessToPayUsd: z.number(),
  minPrompts: z.number().int(),
  lastOutcome: z.string().nullable(),
  /** A training is running in the background (its worker thread); the current model stays in use. */
  training: z.boolean(),
  /** Prompt embeddings for the learned router's neighbours and the similar-prompt cache. */
  embeddings: z.object({
    /** `<provider>/<model>`, or null: off, text features only. */
    model: z.string().nullable(),
    /** Prompt texts with a stored vector for that model. */
    stored: z.number().int(),
    /** Stored prompts the background back-fill has not looked at yet. */
    pending: z.number().int(),
    backfilling: z.boolean(),
    /** The last failed embeddings call (cleared by the next success); never a key or a prompt. */
    lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
  }),
});
export type LearningStatus = z.infer<typeof LearningStatusSchema>;

export const RatingEntrySchema = z.object({
  modelKey: z.string(),
  rating: z.number(),
  wins: z.number(),
  losses: z.number(),
  ties: z.number(),
  comparisons: z.number(),
  /** Half-width of the rating's 95 % interval (rating points). */
  ratingMargin: z.number(),
  qualityAdjustment: z.number(),
});

const ExperimentNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,60}$/, 'expected 1–60 letters, digits, ".", "_" or "-"');

/** The id of a saved rules version (`rules.versions`): `<epoch ms>-<seq>`. */
export const RulesVersionIdSchema = z.string().regex(/^\d{13}-\d{3}$/, 'expected a saved rules version id');

/**
 * An arm tests a strategy or a saved rules version (exactly one of the two). `pinned` needs a
 * model per request, so it cannot be an arm.
 */
export const ExperimentArmInputSchema = z
  .strictObject({
    name: ExperimentNameSchema,
    strategy: StrategySchema.exclude(['pinned']).optional(),
    /** Requests in this arm are decided under this saved version of the rules. */
    rulesVersion: RulesVersionIdSchema.optional(),
    /** Share of the traffic, 0–1; the arms' shares add up to 1. */
    share: z.number().gt(0).max(1),
  })
  .refine((a) => (a.strategy === undefined) !== (a.rulesVersion === undefined), {
    message: 'an arm names either a strategy or a rulesVersion, not both',
  });

/** A stored arm: its strategy, or the saved rules version it routes with (the other is null). */
export const ExperimentArmSchema = z.object({
  name: z.string(),
  strategy: StrategySchema.exclude(['pinned']).nullable(),
  rulesVersion: z.string().nullable(),
  share: z.number(),
});
export type ExperimentArm = z.infer<typeof ExperimentArmSchema>;

export const ExperimentInputSchema = z.strictObject({
  name: ExperimentNameSchema,
  arms: z.array(ExperimentArmInputSchema).min(2).max(6),
});
export type ExperimentInput = z.infer<typeof ExperimentInputSchema>;

export const ExperimentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['running', 'stopped', 'promoted']),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  promotedArm: z.string().nullable(),
  arms: z.array(ExperimentArmSchema),
});
export type Experiment = z.infer<typeof ExperimentSchema>;

const Interval = z.tuple([z.number(), z.number()]).nullable();

export const ExperimentArmReportSchema = z.object({
  arm: z.string(),
  strategy: z.string().nullable(),
  rulesVersion: z.string().nullable(),
  share: z.number(),
  requests: z.number().int(),
  spendUsd: z.number(),
  meanLatencyMs: z.number().nullable(),
  /** 95 % confidence intervals: normal for the mean latency, Wilson for the rates. */
  latencyMsCi: Interval,
  fallbackRate: z.number().nullable(),
  fallbackRateCi: Interval,
  successRate: z.number().nullable(),
  votes: z.number(),
  voteWinRate: z.number().nullable(),
  voteWinRateCi: Interval,
});
export type ExperimentArmReport = z.infer<typeof ExperimentArmReportSchema>;

export const ExperimentReportSchema = z.object({
  experiment: ExperimentSchema,
  arms: z.array(ExperimentArmReportSchema),
});
export type ExperimentReport = z.infer<typeof ExperimentReportSchema>;

export const ModelStatsSchema = z.object({
  modelKey: z.string(),
  useCase: z.string().nullable(),
  requests: z.number().int(),
  ewmaLatencyMs: z.number(),
  successRate: z.number(),
  costPerRequestUsd: z.number(),
});

export const ThresholdSuggestionSchema = z.object({
  path: z.string(),
  current: z.number(),
  suggested: z.number(),
  reason: z.string(),
  requests: z.number().int(),
  successRate: z.number(),
});

/** `<provider>/<model>`; the model part may contain "/" and ":" (Ollama tags). */
export const EmbeddingsModelKeySchema = z
  .string()
  .regex(
    /^[a-z0-9-]+\/[A-Za-z0-9._:/-]{1,120}$/,
    'expected "<provider>/<model>", e.g. openai/text-embedding-3-small',
  );

export const EmbeddingModelOptionSchema = z.object({
  modelKey: z.string(),
  provider: z.string(),
  /** USD per million input tokens (embeddings have no output). */
  inputPerMTok: z.number(),
  /** Whether it can be chosen now; `reason` says why not (no key, provider switched off). */
  available: z.boolean(),
  reason: z.string().nullable(),
});
export type EmbeddingModelOption = z.infer<typeof EmbeddingModelOptionSchema>;

export const learningRoutes = {
  'learning.embeddingModels': route({
    kind: 'query',
    summary: 'Embeddings models of the providers here, with price and whether each can be chosen now.',
    input: z.strictObject({}),
    output: z.object({ models: z.array(EmbeddingModelOptionSchema) }),
  }),
  'learning.setEmbeddingsModel': route({
    kind: 'command',
    summary:
      'Use an embeddings model ("<provider>/<model>") for the learned router and the similar-prompt cache, or null for text features only.',
    input: z.strictObject({ model: EmbeddingsModelKeySchema.nullable() }),
    output: LearningStatusSchema,
  }),
  'learning.suggestThresholds': route({
    kind: 'query',
    summary: 'Complexity-tier edges suggested from history (first-attempt success); never applied.',
    input: z.strictObject({}),
    output: z.object({ suggestions: z.array(ThresholdSuggestionSchema) }),
  }),
  'learning.stats': route({
    kind: 'query',
    summary: 'Live statistics per model (or per model and use case) from the last 30 days of the ledger.',
    input: z.strictObject({ byUseCase: z.boolean().default(false) }),
    output: z.object({ minRequests: z.number().int(), models: z.array(ModelStatsSchema) }),
  }),
  'learning.status': route({
    kind: 'query',
    summary: "The learned strategy's model: trained or not, on how many prompts, willingness to pay.",
    input: z.strictObject({}),
    output: LearningStatusSchema,
  }),
  'learning.train': route({
    kind: 'command',
    summary: 'Train the learned strategy now from the stored prompts and their outcomes.',
    input: z.strictObject({ force: z.boolean().default(false) }),
    output: LearningStatusSchema,
  }),
  'learning.setWillingnessToPay': route({
    kind: 'command',
    summary: 'Set how much (USD per request) a sure answer is worth to the learned strategy.',
    input: z.strictObject({ usd: z.number().positive().max(100) }),
    output: LearningStatusSchema,
  }),
  'learning.leaderboard': route({
    kind: 'query',
    summary: 'Models ranked by Bradley–Terry ratings from compare votes, for one use case or all.',
    input: z.strictObject({ useCase: UseCaseSchema.nullable().default(null) }),
    output: z.object({ useCase: UseCaseSchema.nullable(), entries: z.array(RatingEntrySchema) }),
  }),
  'experiments.list': route({
    kind: 'query',
    summary: 'A/B experiments of routing strategies and rules versions, newest first.',
    input: z.strictObject({}),
    output: z.object({ experiments: z.array(ExperimentSchema) }),
  }),
  'experiments.create': route({
    kind: 'command',
    summary:
      'Start an A/B experiment: arms (strategies or saved rules versions) with traffic shares adding up to 1.',
    input: ExperimentInputSchema,
    output: ExperimentSchema,
  }),
  'experiments.report': route({
    kind: 'query',
    summary: 'Per arm: requests, spend, latency, fallback rate and vote win rate with 95 % intervals.',
    input: z.strictObject({ name: ExperimentNameSchema }),
    output: ExperimentReportSchema,
  }),
  'experiments.end': route({
    kind: 'command',
    summary:
      "Stop a running experiment, or promote one arm (its strategy becomes the rules' default; its rules version is put in force).",
    input: z.strictObject({
      name: ExperimentNameSchema,
      promote: ExperimentNameSchema.nullable().default(null),
    }),
    output: ExperimentSchema,
  }),
};
