import { z } from 'zod';
import { CascadeRulesSchema } from './execution';
import { route } from './route';
import {
  BudgetTierSchema,
  RoutingDecisionSchema,
  RoutingRequestSchema,
  StrategySchema,
  UseCaseSchema,
} from './routing';

/**
 * The routing rules: one versioned document. Keys are snake_case because the document is also the
 * YAML users import and export (close to the classic llm_routing.yaml), and a problem's path must
 * read the same in both. Objects are strict so a misspelt key is reported, not silently ignored.
 */
export const RULES_VERSION = 1;

const modelKey = z.string().regex(/^[a-z]+\/.+$/, 'expected "<provider>/<model>"');
const modelList = z.array(modelKey);
const usd = z.number().positive();

export const ComplexityTierSchema = z.strictObject({
  /** [from, to): a score s is in the tier when from ≤ s < to (the last tier includes 1). */
  complexity_range: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]),
  models: modelList.min(1),
  max_tokens: z.number().int().positive(),
  temperature: z.number().min(0).max(2),
  /** Used when none of `models` is eligible: the cheapest model at or above this quality. */
  min_quality: z.number().min(0).max(1),
  max_cost_per_request: usd.optional(),
});

export const UseCaseRuleSchema = z.strictObject({
  primary: modelKey,
  fallback: modelList,
  budget_tier: BudgetTierSchema,
  max_tokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
});

export const RoutingRulesSchema = z
  .strictObject({
    version: z.literal(RULES_VERSION),
    defaults: z.strictObject({
      strategy: StrategySchema.exclude(['pinned', 'learned']),
      /** Expected answer length when nothing in the prompt says otherwise. */
      expected_output_tokens: z.number().int().positive(),
      max_fallbacks: z.number().int().min(0).max(10),
      /** A detected use case below this confidence falls back to complexity tiers. */
      use_case_min_confidence: z.number().min(0).max(1),
      /** Count tokens exactly when an estimate is this close (fraction) to a threshold or window. */
      exact_count_margin: z.number().min(0).max(0.5),
    }),
    context_bands: z.strictObject({
      fast_below: z.number().int().positive(),
      long_from: z.number().int().positive(),
      fast: modelList.min(1),
      balanced: modelList.min(1),
      long: modelList.min(1),
      vision: modelList.min(1),
    }),
    complexity_tiers: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), ComplexityTierSchema),
    local_fallback: z.strictObject({ enabled: z.boolean(), models: modelList }),
    use_cases: z.strictObject(
      Object.fromEntries(UseCaseSchema.options.map((u) => [u, UseCaseRuleSchema])) as Record<
        z.infer<typeof UseCaseSchema>,
        typeof UseCaseRuleSchema
      >,
    ),
    budget_tiers: z.strictObject(
      Object.fromEntries(
        BudgetTierSchema.options.map((t) => [t, z.strictObject({ max_cost_per_request: usd })]),
      ) as Record<z.infer<typeof BudgetTierSchema>, z.ZodObject<{ max_cost_per_request: typeof usd }>>,
    ),
    balancing: z.strictObject({
      mode: z.enum(['none', 'round_robin', 'weighted', 'least_latency']),
      weights: z.record(modelKey, z.number().positive()),
      /** Candidates within this quality of the best, and this cost factor of it, are equivalent. */
      quality_tolerance: z.number().min(0).max(1),
      cost_tolerance: z.number().min(1),
    }),
    chunking: z.strictObject({
      max_input_tokens: z.number().int().positive(),
      max_input_files: z.number().int().nonnegative(),
      max_code_lines: z.number().int().positive(),
    }),
    /** The execution room's cascade: retries, backoff, breakers, cache, client rate limits (all optional). */
    cascade: CascadeRulesSchema.default({}),
  })
  .superRefine((rules, ctx) => {
    const b = rules.context_bands;
    if (b.fast_below >= b.long_from) {
      ctx.addIssue({
        code: 'custom',
        path: ['context_bands', 'long_from'],
        message: 'must be above fast_below',
      });
    }
    checkTierRanges(rules.complexity_tiers, ctx);
  });

export type RoutingRules = z.infer<typeof RoutingRulesSchema>;
export type ComplexityTierRule = z.infer<typeof ComplexityTierSchema>;

/** The tiers must tile [0, 1] without gaps or overlaps, or some scores would have no tier. */
function checkTierRanges(tiers: Record<string, ComplexityTierRule>, ctx: z.RefinementCtx): void {
  const entries = Object.entries(tiers).sort((a, b) => a[1].complexity_range[0] - b[1].complexity_range[0]);
  if (entries.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['complexity_tiers'], message: 'needs at least one tier' });
    return;
  }
  let expectedFrom = 0;
  for (const [name, tier] of entries) {
    const [from, to] = tier.complexity_range;
    const path = ['complexity_tiers', name, 'complexity_range'];
    if (to <= from) ctx.addIssue({ code: 'custom', path, message: `range [${from}, ${to}] is empty` });
    if (Math.abs(from - expectedFrom) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `starts at ${from} but the previous tier ends at ${expectedFrom}`,
      });
    }
    expectedFrom = to;
  }
  if (Math.abs(expectedFrom - 1) > 1e-9) {
    const last = entries[entries.length - 1]?.[0] ?? '';
    ctx.addIssue({
      code: 'custom',
      path: ['complexity_tiers', last, 'complexity_range'],
      message: `the last tier ends at ${expectedFrom}; the tiers must reach 1`,
    });
  }
}

export const RuleProblemSchema = z.object({
  path: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type RuleProblem = z.infer<typeof RuleProblemSchema>;

const RulesSourceInput = z.union([
  z.strictObject({ yaml: z.string().max(1_000_000) }),
  z.strictObject({ rules: z.unknown() }),
]);

export const RulesVersionSchema = z.object({
  id: z.string(),
  savedAt: z.string(),
  /** This version is the rules in force. */
  current: z.boolean(),
  summary: z.string(),
});
export type RulesVersion = z.infer<typeof RulesVersionSchema>;

const ReplayIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (at most 64)');
const usdAmount = z.number();

export const ReplayResultSchema = z.object({
  replayId: z.string(),
  /** Stopped by rules.replayCancel: the figures cover the requests replayed so far. */
  cancelled: z.boolean(),
  days: z.number().int(),
  since: z.string(),
  /** Requests re-decided. */
  requests: z.number().int(),
  /** Requests in the range left out: cache hits, deduplicated, blocked, or recorded without features. */
  skipped: z.number().int(),
  /** What the replayed requests cost, and what they would have cost under the draft. */
  actualCostUsd: usdAmount,
  projectedCostUsd: usdAmount,
  /** Requests the draft could route to no model (counted at their actual model and cost). */
  unroutable: z.number().int(),
  mix: z.array(
    z.object({
      modelKey: z.string(),
      actualRequests: z.number().int(),
      actualCostUsd: usdAmount,
      projectedRequests: z.number().int(),
      projectedCostUsd: usdAmount,
    }),
  ),
  changedTotal: z.number().int(),
  /** The newest requests that would change model (at most 200). */
  changed: z.array(
    z.object({
      id: z.number().int(),
      startedAt: z.string(),
      useCase: z.string().nullable(),
      from: z.string(),
      to: z.string(),
      actualCostUsd: usdAmount,
      projectedCostUsd: usdAmount,
    }),
  ),
});
export type ReplayResult = z.infer<typeof ReplayResultSchema>;

export const rulesEvents = {
  /**
   * The rules in force changed: saved, restored, an A/B arm promoted, or saved by another process
   * (the CLI). `by` says which, for a person whose draft is now based on an older version.
   */
  'rules.changed': z.object({ by: z.string(), at: z.string() }),
  /** A what-if replay's progress (rules.replay), after each batch of requests. */
  'rules.replayProgress': z.object({
    replayId: z.string(),
    processed: z.number().int(),
    total: z.number().int(),
  }),
};

export const rulesRoutes = {
  'rules.get': route({
    kind: 'query',
    summary: 'The routing rules in force, where they come from, and the YAML form.',
    input: z.strictObject({}),
    output: z.object({
      rules: RoutingRulesSchema,
      source: z.enum(['default', 'saved']),
      path: z.string(),
      yaml: z.string(),
      /** Set when the saved file could not be used and the defaults are in force instead. */
      loadProblem: z.string().nullable(),
      /** The last change this app saw to the rules in force (who, when); null since start if none. */
      lastChange: z.object({ by: z.string(), at: z.string() }).nullable(),
    }),
  }),
  'rules.validate': route({
    kind: 'query',
    summary: 'Check a rules document (YAML or object) without saving it: problems with path and line.',
    input: RulesSourceInput,
    output: z.object({
      valid: z.boolean(),
      problems: z.array(RuleProblemSchema),
      warnings: z.array(RuleProblemSchema),
      /** The document as read (left-out sections filled from the defaults), when valid. */
      rules: RoutingRulesSchema.nullable(),
    }),
  }),
  'rules.toYaml': route({
    kind: 'query',
    summary: 'Draft (unsaved) rules as the commented YAML that rules.save and `rules import` read.',
    input: z.strictObject({ rules: z.unknown() }),
    output: z.object({ yaml: z.string() }),
  }),
  'rules.save': route({
    kind: 'command',
    summary: 'Validate and save the rules; an invalid document is rejected whole (VALIDATION_FAILED).',
    input: RulesSourceInput,
    output: z.object({ rules: RoutingRulesSchema, warnings: z.array(RuleProblemSchema) }),
  }),
  'rules.preview': route({
    kind: 'query',
    summary: 'Decide a request under draft (unsaved) rules; invalid rules are VALIDATION_FAILED.',
    input: z.strictObject({ rules: z.unknown(), request: RoutingRequestSchema }),
    output: RoutingDecisionSchema,
  }),
  'rules.versions': route({
    kind: 'query',
    summary: 'The last 20 saved versions of the rules, newest first.',
    input: z.strictObject({}),
    output: z.object({ versions: z.array(RulesVersionSchema) }),
  }),
  'rules.restore': route({
    kind: 'command',
    summary: 'Make a saved version the rules in force (saved again as the newest version).',
    input: z.strictObject({ id: z.string().max(64) }),
    output: z.object({ rules: RoutingRulesSchema, warnings: z.array(RuleProblemSchema) }),
  }),
  'rules.replay': route({
    kind: 'command',
    summary:
      'What-if: re-decide the last N days of the ledger under draft rules; progress as rules.replayProgress.',
    input: z.strictObject({
      replayId: ReplayIdSchema,
      rules: z.unknown(),
      days: z.number().int().min(1).max(366),
    }),
    output: ReplayResultSchema,
  }),
  'rules.replayCancel': route({
    kind: 'command',
    summary: 'Stop a running replay; it answers with the requests replayed so far, marked cancelled.',
    input: z.strictObject({ replayId: ReplayIdSchema }),
    output: z.object({ cancelled: z.boolean() }),
  }),
};
