import { z } from 'zod';
import { CapabilitySchema, ProviderIdSchema, TokenizerFamilySchema } from './catalog';
import { route } from './route';

export const USE_CASES = [
  'classification',
  'code_generation',
  'conversation',
  'summarization',
  'analysis',
  'long_context',
  'web_research',
  'expert',
] as const;
export const UseCaseSchema = z.enum(USE_CASES);
export type UseCase = z.infer<typeof UseCaseSchema>;

export const BUDGET_TIERS = ['ultra_economy', 'economy', 'standard', 'premium', 'enterprise'] as const;
export const BudgetTierSchema = z.enum(BUDGET_TIERS);
export type BudgetTier = z.infer<typeof BudgetTierSchema>;

/** `learned` ranks by what the learning room predicts from past prompts (auto until trained). */
export const STRATEGIES = [
  'auto',
  'context_bands',
  'complexity_tiers',
  'use_case',
  'constraints',
  'load_balanced',
  'pinned',
  'learned',
] as const;
export const StrategySchema = z.enum(STRATEGIES);
export type StrategyName = z.infer<typeof StrategySchema>;

/** Image types every vision provider here accepts inline. */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
/** Largest image (decoded bytes) sent to a provider; larger ones are refused with PAYLOAD_TOO_LARGE. */
export const MAX_IMAGE_BYTES = 1024 * 1024;
/** `data:image/png;base64,…`: the media type and the base64 bytes. */
export const IMAGE_DATA_URL = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]*={0,2})$/;

export const ImageInputSchema = z.strictObject({
  width: z.number().int().positive().max(100_000).optional(),
  height: z.number().int().positive().max(100_000).optional(),
  detail: z.enum(['low', 'high', 'auto']).default('auto'),
  /**
   * The image itself as a base64 data URL (PNG, JPEG, GIF or WebP). Without it the image only
   * steers routing (vision, image tokens) and nothing is sent; routing never reads it.
   */
  data: z
    .string()
    .regex(
      IMAGE_DATA_URL,
      'expected a base64 data URL of a PNG, JPEG, GIF or WebP image (data:image/png;base64,…)',
    )
    .optional(),
});
export type ImageInput = z.infer<typeof ImageInputSchema>;

const ContentPartSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string() }),
  z.strictObject({ type: z.literal('image'), image: ImageInputSchema }),
]);

export const ChatMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(ContentPartSchema)]),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const RoutingConstraintsSchema = z.strictObject({
  maxCostUsd: z.number().positive().optional(),
  maxLatencySeconds: z.number().positive().optional(),
  minQuality: z.number().min(0).max(1).optional(),
  preferredProviders: z.array(ProviderIdSchema).default([]),
  excludedProviders: z.array(ProviderIdSchema).default([]),
});

export const RoutingRequestSchema = z
  .strictObject({
    /** A single user prompt; or `messages` for a whole chat. */
    prompt: z.string().optional(),
    messages: z.array(ChatMessageSchema).optional(),
    /** Images sent with `prompt` (with `messages`, put them in the content parts). */
    images: z.array(ImageInputSchema).default([]),
    /** How many input files are attached (drives the chunking advice). */
    files: z.number().int().nonnegative().default(0),
    useCase: UseCaseSchema.optional(),
    strategy: StrategySchema.optional(),
    /** `<provider>/<model>` for the pinned strategy (setting it implies `pinned`). */
    model: z.string().optional(),
    budgetTier: BudgetTierSchema.optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    requires: z.array(CapabilitySchema).default([]),
    constraints: RoutingConstraintsSchema.default({ preferredProviders: [], excludedProviders: [] }),
    /** Treat every provider as available (the simulated providers). */
    simulate: z.boolean().optional(),
  })
  .refine((r) => r.prompt !== undefined || (r.messages?.length ?? 0) > 0, {
    message: 'Give a prompt or at least one message.',
    path: ['prompt'],
  });
export type RoutingRequest = z.input<typeof RoutingRequestSchema>;
export type ParsedRoutingRequest = z.output<typeof RoutingRequestSchema>;

const ModelChoiceSchema = z.object({
  modelKey: z.string(),
  provider: ProviderIdSchema,
  model: z.string(),
  estimatedCostUsd: z.number(),
  estimatedLatencySeconds: z.number(),
  quality: z.number(),
});

export const ComplexityFeatureSchema = z.object({
  name: z.string(),
  /** The feature's own value, 0–1. */
  value: z.number(),
  weight: z.number(),
  /** value × weight: its share of the score. */
  contribution: z.number(),
  evidence: z.string(),
});

export const ComplexitySchema = z.object({
  score: z.number().min(0).max(1),
  tier: z.string(),
  features: z.array(ComplexityFeatureSchema),
});
export type Complexity = z.infer<typeof ComplexitySchema>;

export const RoutingDecisionSchema = z.object({
  modelKey: z.string(),
  provider: ProviderIdSchema,
  model: z.string(),
  displayName: z.string(),
  strategy: StrategySchema,
  /** What the strategy matched, e.g. `complexity tier "simple"` or `balanced band`. */
  matched: z.string(),
  useCase: z.object({
    value: UseCaseSchema.nullable(),
    source: z.enum(['given', 'detected', 'none']),
    confidence: z.number(),
  }),
  complexity: ComplexitySchema,
  tokens: z.object({
    input: z.number().int(),
    output: z.number().int(),
    method: z.enum(['estimate', 'exact']),
    family: TokenizerFamilySchema,
    /** Input tokens in the reference encoding (o200k_base, text only): what the context bands read. */
    reference: z.number().int().optional(),
    /** Why the count was (or was not) made exact. */
    note: z.string(),
  }),
  estimate: z.object({ costUsd: z.number(), latencySeconds: z.number(), quality: z.number() }),
  temperature: z.number().nullable(),
  maxOutputTokens: z.number().int(),
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  fallbackChain: z.array(ModelChoiceSchema),
  alternatives: z.array(
    z.object({
      modelKey: z.string(),
      status: z.enum(['fallback', 'ranked_lower', 'rejected']),
      reason: z.string(),
    }),
  ),
  /** The request had images, so it needed a vision model. */
  vision: z.boolean().optional(),
  shouldChunk: z.boolean(),
  chunkReason: z.string().nullable(),
  simulated: z.boolean(),
  decidedInMs: z.number(),
});
export type RoutingDecision = z.infer<typeof RoutingDecisionSchema>;

export const routingRoutes = {
  'routing.decide': route({
    kind: 'query',
    summary: 'Pick the model for a request and explain why (no call is made).',
    input: RoutingRequestSchema,
    output: RoutingDecisionSchema,
  }),
};
