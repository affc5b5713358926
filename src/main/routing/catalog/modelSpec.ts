import type { Capability, CatalogModel, TokenizerFamily } from '../../../shared/contract/catalog';
import { modelKey, type ProviderId } from '../../../shared/providers';

/**
 * Where the built-in numbers come from. They are written down once here so every model states its
 * source, and so nobody mistakes an editorial placement for a measurement.
 */
export const QUALITY_SOURCES = {
  arena:
    'LMArena text leaderboard standing (2025 H2), mapped by hand to 0–1 with the leader near 1; approximate, not re-measured here',
  vendor:
    'vendor-reported benchmarks (MMLU-Pro, GPQA, LiveCodeBench), placed relative to arena-ranked peers; approximate',
  local:
    'editorial: open weights at 4-bit quantisation on a local machine, placed below the hosted full-precision model',
} as const;

export const PERFORMANCE_SOURCES = {
  measured:
    'typical TTFT and output speed as published by Artificial Analysis (2025), rounded; varies with load and region',
  assumed: 'assumed: no public measurement; set from similar models on the same provider',
  local: 'assumed: 7–8B model at 4-bit on a recent laptop GPU or Apple silicon',
} as const;

/** One built-in model in a compact form; prices in USD per 1M tokens. */
export interface ModelSpec {
  provider: ProviderId;
  model: string;
  name: string;
  family: TokenizerFamily;
  context: number;
  maxOutput: number;
  caps: Capability[];
  input: number;
  output: number;
  cachedInput?: number;
  longContext?: { above: number; input: number; output: number };
  perRequestUsd?: number;
  quality: number;
  qualitySource?: keyof typeof QUALITY_SOURCES;
  ttft: number;
  tps: number;
  perfSource?: keyof typeof PERFORMANCE_SOURCES;
  openrouterId?: string;
  /** Overrides the provider's price note (e.g. pass-through prices of an aggregator). */
  priceNote?: string;
}

/** Price dates and sources per provider: every model of a provider was checked on the same day. */
export interface ProviderPricing {
  asOf: string;
  source: string;
}

export function toCatalogModel(spec: ModelSpec, pricing: ProviderPricing): CatalogModel {
  return {
    key: modelKey({ provider: spec.provider, model: spec.model }),
    provider: spec.provider,
    model: spec.model,
    displayName: spec.name,
    family: spec.family,
    contextWindow: spec.context,
    maxOutputTokens: spec.maxOutput,
    capabilities: spec.caps,
    price: {
      inputPerMTok: spec.input,
      outputPerMTok: spec.output,
      cachedInputPerMTok: spec.cachedInput ?? null,
      longContext: spec.longContext
        ? {
            aboveInputTokens: spec.longContext.above,
            inputPerMTok: spec.longContext.input,
            outputPerMTok: spec.longContext.output,
          }
        : null,
      perRequestUsd: spec.perRequestUsd ?? 0,
      asOf: pricing.asOf,
      source: spec.priceNote ?? pricing.source,
    },
    quality: { score: spec.quality, source: QUALITY_SOURCES[spec.qualitySource ?? 'arena'] },
    performance: {
      ttftSeconds: spec.ttft,
      outputTokensPerSecond: spec.tps,
      source: PERFORMANCE_SOURCES[spec.perfSource ?? 'measured'],
    },
    openrouterId: spec.openrouterId ?? null,
    origin: 'builtin',
    overridden: [],
    disabled: false,
  };
}

/** Capability shorthands for the tables. */
export const TEXT_TOOLS: Capability[] = ['tools', 'json'];
export const VISION_TOOLS: Capability[] = ['vision', 'tools', 'json'];
export const REASONING_VISION: Capability[] = ['vision', 'tools', 'json', 'reasoning'];
export const REASONING_TEXT: Capability[] = ['tools', 'json', 'reasoning'];
