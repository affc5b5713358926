import {
  REASONING_TEXT,
  REASONING_VISION,
  TEXT_TOOLS,
  VISION_TOOLS,
  type ModelSpec,
  type ProviderPricing,
} from '../modelSpec';

/** Anthropic, OpenAI, Google and xAI: list prices, standard (not batch) tier, USD per 1M tokens. */
export const FRONTIER_PRICING: Record<'anthropic' | 'openai' | 'google' | 'xai', ProviderPricing> = {
  anthropic: { asOf: '2025-11-25', source: 'anthropic.com/pricing (cached = prompt-cache read)' },
  openai: { asOf: '2025-11-01', source: 'openai.com/api/pricing (standard tier; cached = cached input)' },
  google: {
    asOf: '2025-11-20',
    source: 'ai.google.dev/gemini-api/docs/pricing (paid tier; cached = context cache)',
  },
  xai: { asOf: '2025-11-01', source: 'docs.x.ai/docs/models (cached = cached prompt tokens)' },
};

// Data table: one model per block, kept compact on purpose.
// prettier-ignore
export const FRONTIER_MODELS: ModelSpec[] = [
  // Anthropic. Claude tokenises ~1.2x o200k (see tokens/tokenFamilies.ts).
  {
    provider: 'anthropic', model: 'claude-opus-4-5', name: 'Claude Opus 4.5', family: 'claude',
    context: 200_000, maxOutput: 64_000, caps: REASONING_VISION, input: 5, output: 25, cachedInput: 0.5,
    quality: 0.99, ttft: 2.0, tps: 45, openrouterId: 'anthropic/claude-opus-4.5',
  },
  {
    provider: 'anthropic', model: 'claude-opus-4-1', name: 'Claude Opus 4.1', family: 'claude',
    context: 200_000, maxOutput: 32_000, caps: REASONING_VISION, input: 15, output: 75, cachedInput: 1.5,
    quality: 0.96, ttft: 2.2, tps: 40, openrouterId: 'anthropic/claude-opus-4.1',
  },
  {
    provider: 'anthropic', model: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', family: 'claude',
    context: 200_000, maxOutput: 64_000, caps: REASONING_VISION, input: 3, output: 15, cachedInput: 0.3,
    longContext: { above: 200_000, input: 6, output: 22.5 },
    quality: 0.97, ttft: 1.6, tps: 65, openrouterId: 'anthropic/claude-sonnet-4.5',
  },
  {
    provider: 'anthropic', model: 'claude-haiku-4-5', name: 'Claude Haiku 4.5', family: 'claude',
    context: 200_000, maxOutput: 64_000, caps: REASONING_VISION, input: 1, output: 5, cachedInput: 0.1,
    quality: 0.88, ttft: 0.7, tps: 110, openrouterId: 'anthropic/claude-haiku-4.5',
  },
  {
    provider: 'anthropic', model: 'claude-3-5-haiku-latest', name: 'Claude 3.5 Haiku', family: 'claude',
    context: 200_000, maxOutput: 8_192, caps: TEXT_TOOLS, input: 0.8, output: 4, cachedInput: 0.08,
    quality: 0.74, ttft: 0.7, tps: 60, openrouterId: 'anthropic/claude-3.5-haiku',
  },
  // OpenAI. GPT-5's 400k window is 272k input + 128k output.
  {
    provider: 'openai', model: 'gpt-5', name: 'GPT-5', family: 'o200k',
    context: 400_000, maxOutput: 128_000, caps: REASONING_VISION, input: 1.25, output: 10, cachedInput: 0.125,
    quality: 0.98, ttft: 6.0, tps: 80, openrouterId: 'openai/gpt-5',
  },
  {
    provider: 'openai', model: 'gpt-5-mini', name: 'GPT-5 mini', family: 'o200k',
    context: 400_000, maxOutput: 128_000, caps: REASONING_VISION, input: 0.25, output: 2, cachedInput: 0.025,
    quality: 0.9, ttft: 4.0, tps: 90, openrouterId: 'openai/gpt-5-mini',
  },
  {
    provider: 'openai', model: 'gpt-5-nano', name: 'GPT-5 nano', family: 'o200k',
    context: 400_000, maxOutput: 128_000, caps: REASONING_VISION, input: 0.05, output: 0.4, cachedInput: 0.005,
    quality: 0.78, ttft: 3.0, tps: 140, openrouterId: 'openai/gpt-5-nano',
  },
  {
    provider: 'openai', model: 'gpt-4.1', name: 'GPT-4.1', family: 'o200k',
    context: 1_047_576, maxOutput: 32_768, caps: VISION_TOOLS, input: 2, output: 8, cachedInput: 0.5,
    quality: 0.87, ttft: 0.6, tps: 90, openrouterId: 'openai/gpt-4.1',
  },
  {
    provider: 'openai', model: 'gpt-4.1-mini', name: 'GPT-4.1 mini', family: 'o200k',
    context: 1_047_576, maxOutput: 32_768, caps: VISION_TOOLS, input: 0.4, output: 1.6, cachedInput: 0.1,
    quality: 0.82, ttft: 0.5, tps: 75, openrouterId: 'openai/gpt-4.1-mini',
  },
  {
    provider: 'openai', model: 'gpt-4.1-nano', name: 'GPT-4.1 nano', family: 'o200k',
    context: 1_047_576, maxOutput: 32_768, caps: VISION_TOOLS, input: 0.1, output: 0.4, cachedInput: 0.025,
    quality: 0.7, ttft: 0.4, tps: 130, openrouterId: 'openai/gpt-4.1-nano',
  },
  {
    provider: 'openai', model: 'gpt-4o', name: 'GPT-4o', family: 'o200k',
    context: 128_000, maxOutput: 16_384, caps: VISION_TOOLS, input: 2.5, output: 10, cachedInput: 1.25,
    quality: 0.85, ttft: 0.5, tps: 110, openrouterId: 'openai/gpt-4o',
  },
  {
    provider: 'openai', model: 'gpt-4o-mini', name: 'GPT-4o mini', family: 'o200k',
    context: 128_000, maxOutput: 16_384, caps: VISION_TOOLS, input: 0.15, output: 0.6, cachedInput: 0.075,
    quality: 0.74, ttft: 0.5, tps: 70, openrouterId: 'openai/gpt-4o-mini',
  },
  {
    provider: 'openai', model: 'o3', name: 'o3', family: 'o200k',
    context: 200_000, maxOutput: 100_000, caps: REASONING_VISION, input: 2, output: 8, cachedInput: 0.5,
    quality: 0.96, ttft: 8.0, tps: 75, openrouterId: 'openai/o3',
  },
  {
    provider: 'openai', model: 'o4-mini', name: 'o4-mini', family: 'o200k',
    context: 200_000, maxOutput: 100_000, caps: REASONING_VISION, input: 1.1, output: 4.4, cachedInput: 0.275,
    quality: 0.9, ttft: 5.0, tps: 110, openrouterId: 'openai/o4-mini',
  },
  {
    provider: 'openai', model: 'gpt-4-turbo', name: 'GPT-4 Turbo', family: 'cl100k',
    context: 128_000, maxOutput: 4_096, caps: VISION_TOOLS, input: 10, output: 30,
    quality: 0.78, ttft: 0.9, tps: 35, openrouterId: 'openai/gpt-4-turbo',
  },
  {
    provider: 'openai', model: 'gpt-3.5-turbo', name: 'GPT-3.5 Turbo', family: 'cl100k',
    context: 16_385, maxOutput: 4_096, caps: TEXT_TOOLS, input: 0.5, output: 1.5,
    quality: 0.55, ttft: 0.4, tps: 100, openrouterId: 'openai/gpt-3.5-turbo',
  },
  // Google. Pro models charge more above 200k input tokens.
  {
    provider: 'google', model: 'gemini-3-pro-preview', name: 'Gemini 3 Pro (preview)', family: 'gemini',
    context: 1_048_576, maxOutput: 65_536, caps: REASONING_VISION, input: 2, output: 12, cachedInput: 0.2,
    longContext: { above: 200_000, input: 4, output: 18 },
    quality: 1.0, ttft: 10.0, tps: 110, openrouterId: 'google/gemini-3-pro-preview',
  },
  {
    provider: 'google', model: 'gemini-2.5-pro', name: 'Gemini 2.5 Pro', family: 'gemini',
    context: 1_048_576, maxOutput: 65_536, caps: REASONING_VISION, input: 1.25, output: 10, cachedInput: 0.125,
    longContext: { above: 200_000, input: 2.5, output: 15 },
    quality: 0.96, ttft: 8.0, tps: 150, openrouterId: 'google/gemini-2.5-pro',
  },
  {
    provider: 'google', model: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash', family: 'gemini',
    context: 1_048_576, maxOutput: 65_536, caps: REASONING_VISION, input: 0.3, output: 2.5, cachedInput: 0.03,
    quality: 0.9, ttft: 0.6, tps: 230, openrouterId: 'google/gemini-2.5-flash',
  },
  {
    provider: 'google', model: 'gemini-2.5-flash-lite', name: 'Gemini 2.5 Flash-Lite', family: 'gemini',
    context: 1_048_576, maxOutput: 65_536, caps: VISION_TOOLS, input: 0.1, output: 0.4, cachedInput: 0.01,
    quality: 0.79, ttft: 0.4, tps: 300, openrouterId: 'google/gemini-2.5-flash-lite',
  },
  {
    provider: 'google', model: 'gemini-2.0-flash', name: 'Gemini 2.0 Flash', family: 'gemini',
    context: 1_048_576, maxOutput: 8_192, caps: VISION_TOOLS, input: 0.1, output: 0.4, cachedInput: 0.025,
    quality: 0.77, ttft: 0.4, tps: 200, openrouterId: 'google/gemini-2.0-flash-001',
  },
  // xAI.
  {
    provider: 'xai', model: 'grok-4', name: 'Grok 4', family: 'grok',
    context: 256_000, maxOutput: 64_000, caps: REASONING_VISION, input: 3, output: 15, cachedInput: 0.75,
    quality: 0.95, ttft: 9.0, tps: 45, openrouterId: 'x-ai/grok-4',
  },
  {
    provider: 'xai', model: 'grok-4-fast-non-reasoning', name: 'Grok 4 Fast', family: 'grok',
    context: 2_000_000, maxOutput: 30_000, caps: VISION_TOOLS, input: 0.2, output: 0.5, cachedInput: 0.05,
    longContext: { above: 128_000, input: 0.4, output: 1 },
    quality: 0.88, ttft: 0.5, tps: 150, openrouterId: 'x-ai/grok-4-fast',
  },
  {
    provider: 'xai', model: 'grok-code-fast-1', name: 'Grok Code Fast 1', family: 'grok',
    context: 256_000, maxOutput: 10_000, caps: REASONING_TEXT, input: 0.2, output: 1.5, cachedInput: 0.02,
    quality: 0.84, qualitySource: 'vendor', ttft: 2.0, tps: 160, openrouterId: 'x-ai/grok-code-fast-1',
  },
  {
    provider: 'xai', model: 'grok-3-mini', name: 'Grok 3 mini', family: 'grok',
    context: 131_072, maxOutput: 16_384, caps: REASONING_TEXT, input: 0.3, output: 0.5, cachedInput: 0.075,
    quality: 0.8, ttft: 1.5, tps: 120, openrouterId: 'x-ai/grok-3-mini',
  },
];
