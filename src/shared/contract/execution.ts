import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { ProviderIdSchema } from './catalog';
import { route } from './route';
import { RoutingRequestSchema } from './routing';

/** Failure classes of one provider call; the cascade decides on them (retry, fall back, or stop). */
export const ERROR_KINDS = [
  'rate_limit',
  'context_length',
  'server',
  'overloaded',
  'timeout',
  'auth',
  'bad_request',
  'network',
  'stream_cut',
  'cancelled',
] as const;
export const ErrorKindSchema = z.enum(ERROR_KINDS);

/** Why the cascade passed a model over without calling it. */
export const SKIP_REASONS = [
  'circuit_open',
  'cooldown',
  'local_rate_limit',
  'provider_key_rejected',
  'time_budget',
  /** Its worst-case cost is above what the budget reserved for this request. */
  'budget',
] as const;
export const SkipReasonSchema = z.enum(SKIP_REASONS);

const ms = z.number().int().positive();
const count = z.number().int().min(0);

/**
 * The `cascade` section of the routing rules. Every field is optional: the document holds only
 * what the user changed, and the execution room fills in the defaults (documented there, in
 * src/main/execution/cascade/settings.ts). Keys are snake_case like the rest of the rules YAML.
 */
export const CascadeRulesSchema = z.strictObject({
  /** Upstream calls per request, retries included. */
  max_attempts: z.number().int().min(1).max(20).optional(),
  /** Wall-clock budget of one request, waits included. */
  total_timeout_ms: ms.optional(),
  /** Deadline of one call. */
  attempt_timeout_ms: ms.optional(),
  /** Deadline for a stream's first token. */
  first_token_timeout_ms: ms.optional(),
  /** A timed-out call is retried once with its deadline multiplied by this. */
  timeout_retry_factor: z.number().min(1).max(10).optional(),
  /** Calls to one model per request (retries included), whatever the error. */
  max_attempts_per_model: z.number().int().min(1).max(10).optional(),
  /** Retries on the same model, by failure class, before falling back. */
  retries: z
    .strictObject({
      rate_limit: count.max(9).optional(),
      server: count.max(9).optional(),
      overloaded: count.max(9).optional(),
      network: count.max(9).optional(),
      timeout: count.max(9).optional(),
    })
    .optional(),
  backoff: z
    .strictObject({
      base_ms: ms.optional(),
      factor: z.number().min(1).max(10).optional(),
      cap_ms: ms.optional(),
    })
    .optional(),
  /** How long a 429 without Retry-After keeps a model out of routing. */
  rate_limit_cooldown_ms: ms.optional(),
  breaker: z
    .strictObject({
      failure_threshold: z.number().int().min(1).max(1000).optional(),
      recovery_timeout_ms: ms.optional(),
    })
    .optional(),
  cache: z
    .strictObject({
      enabled: z.boolean().optional(),
      ttl_ms: ms.optional(),
      max_entries: z.number().int().min(1).max(100_000).optional(),
    })
    .optional(),
  /** Client-side limits per provider (`openai`) or model (`openai/gpt-4o`): requests and tokens per minute. */
  client_rate_limits: z
    .record(
      z.string().regex(/^[a-z]+(\/.+)?$/, 'expected "<provider>" or "<provider>/<model>"'),
      z.strictObject({
        rpm: z.number().int().positive().optional(),
        tpm: z.number().int().positive().optional(),
      }),
    )
    .optional(),
  /** A saturated model is waited for this long at most, then skipped. */
  rate_limit_max_wait_ms: z.number().int().min(0).optional(),
});
export type CascadeRules = z.infer<typeof CascadeRulesSchema>;

export const AttemptSchema = z.object({
  modelKey: z.string(),
  provider: ProviderIdSchema,
  model: z.string(),
  outcome: z.enum(['ok', 'error', 'skipped']),
  errorKind: ErrorKindSchema.nullable(),
  skipReason: SkipReasonSchema.nullable(),
  status: z.number().int().nullable(),
  /** Time of the call itself (0 for a skipped model). */
  latencyMs: z.number().int().min(0),
  /** Time waited before the call (backoff, Retry-After, client rate limit). */
  waitedMs: z.number().int().min(0),
  /** Scrubbed; never a key or the prompt. */
  message: z.string().nullable(),
});
export type Attempt = z.infer<typeof AttemptSchema>;

export const GenerationFailureSchema = z.object({
  code: z.enum(ERROR_CODES),
  kind: ErrorKindSchema,
  message: z.string(),
  status: z.number().int().nullable(),
  retryable: z.boolean(),
});

export const RoutedGenerationSchema = z.object({
  requestId: z.string(),
  modelKey: z.string(),
  provider: ProviderIdSchema,
  model: z.string(),
  output: z.string(),
  finishReason: z.enum(['stop', 'length', 'content_filter', 'tool_calls', 'error', 'other']),
  latencyMs: z.number().int().min(0),
  timeToFirstTokenMs: z.number().int().min(0),
  /** Billed cost; for simulated results the would-be cost. Null when the model has no known price. */
  costUsd: z.number().nullable(),
  /** What routing expected the call to cost. */
  estimatedCostUsd: z.number(),
  cacheHit: z.boolean(),
  /**
   * Which cache answered: `exact` (the same request), `similar` (the similar-prompt cache: another
   * stored prompt close enough, see `similar`), or null (a provider answered).
   */
  cache: z.enum(['exact', 'similar']).nullable(),
  /** Only for `cache: 'similar'`: the reused request (ledger id), the cosine, and its prompt's start. */
  similar: z
    .object({
      sourceRequestId: z.number().int().min(1),
      similarity: z.number().min(0).max(1),
      sourcePrompt: z.string(),
      /** What the cosine was taken of: the prompts' embeddings (when configured) or their text features. */
      matchedOn: z.enum(['embeddings', 'text features']),
      /** Why text features decided although embeddings are on: "embeddings unavailable (…): matched on text features". */
      note: z.string().nullable(),
    })
    .nullable(),
  /** Answered by an identical request already in flight (no upstream call of its own). */
  sharedFlight: z.boolean(),
  simulated: z.boolean(),
  promptTokens: z.number().int().nullable(),
  completionTokens: z.number().int().nullable(),
  cachedInputTokens: z.number().int().nullable(),
  /** `estimated` when the provider reported no usage (a cut stream): our own counts were used. */
  usageSource: z.enum(['reported', 'estimated', 'none']),
  fallbackUsed: z.boolean(),
  attempts: z.array(AttemptSchema),
  /** A stream that failed after text was delivered: `output` is what arrived, `error` says why it stopped. */
  partial: z.boolean(),
  error: GenerationFailureSchema.nullable(),
  route: z.object({ strategy: z.string(), matched: z.string(), fallbackChain: z.array(z.string()) }),
  budget: z.object({
    enforced: z.boolean(),
    reservationId: z.number().int().nullable(),
    note: z.string().nullable(),
  }),
  providerRequestId: z.string().nullable(),
});
export type RoutedGeneration = z.infer<typeof RoutedGenerationSchema>;

export const RequestIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,80}$/, 'expected 8–80 letters, digits, "_" or "-"');

export const ExecutionRunInputSchema = z.strictObject({
  /** Chosen by the caller so it can listen for this request's events and cancel it. */
  requestId: RequestIdSchema.optional(),
  request: RoutingRequestSchema,
  /** Overrides the decision's temperature. */
  temperature: z.number().min(0).max(2).optional(),
  /**
   * Response cache: `true` also caches a non-deterministic request, `false` bypasses the cache
   * (the exact one and the similar-prompt one: "run it for real"); by default only deterministic
   * requests (temperature 0) are cached.
   */
  cache: z.boolean().optional(),
  /** Stream from the provider (deltas as `execution.delta` events); default true. */
  stream: z.boolean().default(true),
});
export type ExecutionRunInput = z.input<typeof ExecutionRunInputSchema>;
export type ParsedExecutionRunInput = z.output<typeof ExecutionRunInputSchema>;

const rate = z.number().min(0).max(1).nullable();

export const ProviderStatsSchema = z.object({
  provider: ProviderIdSchema,
  attempts: z.number().int(),
  successes: z.number().int(),
  failures: z.number().int(),
  successRate: rate,
});

export const RoutingStatsSchema = z.object({
  /** The oldest model history the figures include; null before any call. */
  since: z.string().nullable(),
  attempts: z.number().int(),
  successes: z.number().int(),
  failures: z.number().int(),
  successRate: rate,
  byProvider: z.array(ProviderStatsSchema),
  byFailureKind: z.record(ErrorKindSchema, z.number().int()),
  openCircuits: z.array(
    z.object({
      modelKey: z.string(),
      state: z.enum(['open', 'half_open', 'forced_open']),
      /** When a probe is let through; null when forced open. */
      probeAt: z.string().nullable(),
    }),
  ),
  /** Since this process started (exact and similar). */
  cacheHits: z.number().int(),
  /** Of those, answered from the similar-prompt cache. */
  similarHits: z.number().int(),
  sharedFlights: z.number().int(),
});
export type RoutingStats = z.infer<typeof RoutingStatsSchema>;

/**
 * The similar-prompt cache (opt-in): an answer stored for a prompt this similar (cosine of the
 * hashed n-gram TF-IDF features, 0.5–1) is offered again, marked as such. Needs stored prompts.
 */
export const SimilarCacheSettingsSchema = z.object({
  enabled: z.boolean(),
  threshold: z.number().min(0.5).max(1),
});
export type SimilarCacheSettings = z.infer<typeof SimilarCacheSettingsSchema>;

export const SimilarCacheViewSchema = SimilarCacheSettingsSchema.extend({
  /** Answers the in-memory index holds now (0 until the first lookup loads it). */
  indexed: z.number().int().min(0),
  /** Prompt storage (`ledger.storePrompts`) is on: without it nothing new can be matched. */
  storePrompts: z.boolean(),
});
export type SimilarCacheView = z.infer<typeof SimilarCacheViewSchema>;

export const executionRoutes = {
  'execution.run': route({
    kind: 'command',
    summary: 'Route and run a request through the fallback cascade; text streams as execution.delta events.',
    input: ExecutionRunInputSchema,
    output: RoutedGenerationSchema,
  }),
  'execution.cancel': route({
    kind: 'command',
    summary: 'Cancel a running request by its id; the upstream call is closed.',
    input: z.strictObject({ requestId: RequestIdSchema }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'execution.similarCache': route({
    kind: 'query',
    summary: 'The similar-prompt cache: on/off, similarity threshold, answers indexed.',
    input: z.strictObject({}),
    output: SimilarCacheViewSchema,
  }),
  'execution.updateSimilarCache': route({
    kind: 'command',
    summary:
      'Turn the similar-prompt cache on or off, or change its threshold; only the fields given change.',
    input: SimilarCacheSettingsSchema.partial().strict(),
    output: SimilarCacheViewSchema,
  }),
  'execution.stats': route({
    kind: 'query',
    summary: 'Attempts, successes and failures by provider and failure kind, and the open circuits.',
    input: z.strictObject({}),
    output: RoutingStatsSchema,
  }),
};

export const executionEvents = {
  /** The request was routed and its first model is being called. */
  'execution.started': z.object({
    requestId: z.string(),
    modelKey: z.string(),
    simulated: z.boolean(),
    fallbackChain: z.array(z.string()),
  }),
  'execution.delta': z.object({ requestId: z.string(), text: z.string() }),
  /** One attempt ended in an error or was skipped; the cascade goes on or stops. */
  'execution.attempt': z.object({ requestId: z.string(), attempt: AttemptSchema }),
  'execution.done': z.object({
    requestId: z.string(),
    result: RoutedGenerationSchema.nullable(),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
  }),
};
