import { z } from 'zod';
import { PROVIDER_IDS } from '../providers';
import { route } from './route';

export const ProviderIdSchema = z.enum(PROVIDER_IDS);

export const CAPABILITIES = ['vision', 'tools', 'json', 'reasoning', 'web_search'] as const;
export const CapabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof CapabilitySchema>;

/**
 * Which tokenizer a model's token counts follow. Only `o200k` and `cl100k` can be counted exactly
 * here (js-tiktoken); the others are estimated from the o200k count with a measured or documented
 * ratio (src/main/routing/tokens/tokenFamilies.ts).
 */
export const TOKENIZER_FAMILIES = [
  'o200k',
  'cl100k',
  'claude',
  'gemini',
  'llama',
  'mistral',
  'qwen',
  'deepseek',
  'kimi',
  'glm',
  'grok',
  'other',
] as const;
export const TokenizerFamilySchema = z.enum(TOKENIZER_FAMILIES);
export type TokenizerFamily = z.infer<typeof TokenizerFamilySchema>;

const usdPerMTok = z.number().nonnegative().max(10_000);

export const ModelPriceSchema = z.object({
  inputPerMTok: usdPerMTok,
  outputPerMTok: usdPerMTok,
  cachedInputPerMTok: usdPerMTok.nullable(),
  /** A higher price above a prompt size (Gemini 2.5 Pro above 200k input tokens). */
  longContext: z
    .object({
      aboveInputTokens: z.number().int().positive(),
      inputPerMTok: usdPerMTok,
      outputPerMTok: usdPerMTok,
    })
    .nullable(),
  /** Fixed fee per request (Perplexity's search fee), in USD. */
  perRequestUsd: z.number().nonnegative(),
  asOf: z.string(),
  source: z.string(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

export const ModelQualitySchema = z.object({
  score: z.number().min(0).max(1),
  source: z.string(),
});

export const ModelPerformanceSchema = z.object({
  /** Typical time to first token, seconds. */
  ttftSeconds: z.number().nonnegative(),
  /** Typical output speed, tokens per second. */
  outputTokensPerSecond: z.number().positive(),
  source: z.string(),
});

export const CatalogModelSchema = z.object({
  key: z.string(),
  provider: ProviderIdSchema,
  model: z.string(),
  displayName: z.string(),
  family: TokenizerFamilySchema,
  contextWindow: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  capabilities: z.array(CapabilitySchema),
  price: ModelPriceSchema,
  quality: ModelQualitySchema,
  performance: ModelPerformanceSchema,
  /** The same model's id on OpenRouter, used to refresh its price. */
  openrouterId: z.string().nullable(),
  origin: z.enum(['builtin', 'custom']),
  /** Which parts the user (or a price refresh) changed from the built-in values. */
  overridden: z.array(z.enum(['price', 'quality', 'disabled'])),
  disabled: z.boolean(),
});
export type CatalogModel = z.infer<typeof CatalogModelSchema>;

export const ProviderInfoSchema = z.object({
  id: ProviderIdSchema,
  displayName: z.string(),
  kind: z.enum(['cloud', 'aggregator', 'local']),
  baseUrl: z.string(),
  keyRequired: z.boolean(),
  pricingUrl: z.string().nullable(),
});
export type ProviderInfo = z.infer<typeof ProviderInfoSchema>;

const modelKeyString = z
  .string()
  .min(3)
  .max(300)
  .regex(/^[a-z]+\/.+$/, 'expected <provider>/<model>');

export const CustomModelInputSchema = z.strictObject({
  provider: ProviderIdSchema,
  model: z.string().min(1).max(250),
  displayName: z.string().min(1).max(120).optional(),
  family: TokenizerFamilySchema.default('other'),
  contextWindow: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  capabilities: z.array(CapabilitySchema).default([]),
  inputPerMTok: usdPerMTok,
  outputPerMTok: usdPerMTok,
  cachedInputPerMTok: usdPerMTok.nullable().default(null),
  quality: z.number().min(0).max(1).default(0.5),
  qualitySource: z.string().max(200).default('user estimate'),
  ttftSeconds: z.number().nonnegative().default(1),
  outputTokensPerSecond: z.number().positive().default(40),
  openrouterId: z.string().nullable().default(null),
});
export type CustomModelInput = z.input<typeof CustomModelInputSchema>;

export const CatalogUpdateSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('override'),
    model: modelKeyString,
    price: z
      .strictObject({
        inputPerMTok: usdPerMTok.optional(),
        outputPerMTok: usdPerMTok.optional(),
        cachedInputPerMTok: usdPerMTok.nullable().optional(),
      })
      .optional(),
    quality: z
      .strictObject({ score: z.number().min(0).max(1), source: z.string().max(200).optional() })
      .optional(),
    disabled: z.boolean().optional(),
  }),
  z.strictObject({ action: z.literal('clear_override'), model: modelKeyString }),
  z.strictObject({ action: z.literal('add_custom'), model: CustomModelInputSchema }),
  z.strictObject({ action: z.literal('remove_custom'), model: modelKeyString }),
]);
export type CatalogUpdate = z.input<typeof CatalogUpdateSchema>;

export const PriceChangeSchema = z.object({
  modelKey: z.string(),
  openrouterId: z.string(),
  field: z.enum(['inputPerMTok', 'outputPerMTok', 'cachedInputPerMTok', 'contextWindow', 'maxOutputTokens']),
  from: z.number().nullable(),
  to: z.number().nullable(),
});
export type PriceChange = z.infer<typeof PriceChangeSchema>;

export const CatalogRefreshPreviewSchema = z.object({
  source: z.literal('openrouter'),
  fetchedAt: z.string(),
  listed: z.number().int().nonnegative(),
  changes: z.array(PriceChangeSchema),
  /** Models OpenRouter lists that the catalog lacks, ready to add as custom models. */
  newModels: z.array(CustomModelInputSchema),
  /** Catalog models with an OpenRouter id that OpenRouter no longer lists. */
  unlisted: z.array(z.string()),
});
export type CatalogRefreshPreview = z.infer<typeof CatalogRefreshPreviewSchema>;

const baseUrl = z.url({ protocol: /^https?$/ }).optional();

export const catalogRoutes = {
  'catalog.list': route({
    kind: 'query',
    summary:
      'Every model with its effective price, quality, context window and capabilities, and the providers.',
    input: z.strictObject({
      provider: ProviderIdSchema.optional(),
      includeDisabled: z.boolean().default(true),
    }),
    output: z.object({ models: z.array(CatalogModelSchema), providers: z.array(ProviderInfoSchema) }),
  }),
  'catalog.update': route({
    kind: 'command',
    summary: "Override a model's price or quality, disable it, or add/remove a custom model (persisted).",
    input: CatalogUpdateSchema,
    output: z.object({ model: CatalogModelSchema.nullable() }),
  }),
  'catalog.refreshPreview': route({
    kind: 'command',
    summary: "Fetch OpenRouter's model list and show which prices changed, without applying anything.",
    input: z.strictObject({ baseUrl }),
    output: CatalogRefreshPreviewSchema,
  }),
  'catalog.refreshApply': route({
    kind: 'command',
    summary: 'Apply the price changes (and add the new models) the user accepted from a preview.',
    input: z.strictObject({
      changes: z.array(PriceChangeSchema).default([]),
      add: z.array(CustomModelInputSchema).default([]),
    }),
    output: z.object({ updatedModels: z.number().int(), addedModels: z.number().int() }),
  }),
  'catalog.discover': route({
    kind: 'command',
    summary: "List the models a provider's OpenAI-style /v1/models endpoint offers that the catalog lacks.",
    input: z.strictObject({ provider: ProviderIdSchema, baseUrl }),
    output: z.object({ listed: z.array(z.string()), missing: z.array(z.string()) }),
  }),
};
