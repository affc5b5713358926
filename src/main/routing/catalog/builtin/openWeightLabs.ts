import { REASONING_TEXT, TEXT_TOOLS, VISION_TOOLS, type ModelSpec, type ProviderPricing } from '../modelSpec';

/** Mistral, Qwen, DeepSeek, Moonshot and Zhipu: first-party APIs, USD per 1M tokens. */
export const OPEN_WEIGHT_PRICING: Record<
  'mistral' | 'qwen' | 'deepseek' | 'moonshot' | 'zhipu',
  ProviderPricing
> = {
  mistral: { asOf: '2025-10-15', source: 'mistral.ai/pricing (La Plateforme)' },
  qwen: {
    asOf: '2025-10-15',
    source: 'Alibaba Cloud Model Studio, international (Singapore) list price, lowest input-size tier',
  },
  deepseek: {
    asOf: '2025-09-29',
    source: 'api-docs.deepseek.com pricing (V3.2-Exp; cached = cache-hit input)',
  },
  moonshot: { asOf: '2025-11-06', source: 'platform.moonshot.ai pricing (cached = cache-hit input)' },
  zhipu: { asOf: '2025-10-01', source: 'docs.z.ai pricing (cached = cached input)' },
};

// Data table: one model per block, kept compact on purpose.
// prettier-ignore
export const OPEN_WEIGHT_MODELS: ModelSpec[] = [
  // Mistral. Newer models use the Tekken tokenizer; the family ratio is the conservative v1 one.
  {
    provider: 'mistral', model: 'mistral-large-latest', name: 'Mistral Large', family: 'mistral',
    context: 131_072, maxOutput: 32_768, caps: VISION_TOOLS, input: 2, output: 6,
    quality: 0.83, ttft: 0.6, tps: 45, openrouterId: 'mistralai/mistral-large-2411',
  },
  {
    provider: 'mistral', model: 'mistral-medium-latest', name: 'Mistral Medium 3.1', family: 'mistral',
    context: 131_072, maxOutput: 32_768, caps: VISION_TOOLS, input: 0.4, output: 2,
    quality: 0.85, ttft: 0.5, tps: 90, openrouterId: 'mistralai/mistral-medium-3.1',
  },
  {
    provider: 'mistral', model: 'mistral-small-latest', name: 'Mistral Small 3.2', family: 'mistral',
    context: 131_072, maxOutput: 32_768, caps: VISION_TOOLS, input: 0.1, output: 0.3,
    quality: 0.72, ttft: 0.4, tps: 130, openrouterId: 'mistralai/mistral-small-3.2-24b-instruct',
  },
  {
    provider: 'mistral', model: 'codestral-latest', name: 'Codestral', family: 'mistral',
    context: 256_000, maxOutput: 32_768, caps: TEXT_TOOLS, input: 0.3, output: 0.9,
    quality: 0.74, qualitySource: 'vendor', ttft: 0.4, tps: 150, openrouterId: 'mistralai/codestral-2508',
  },
  {
    provider: 'mistral', model: 'ministral-8b-latest', name: 'Ministral 8B', family: 'mistral',
    context: 131_072, maxOutput: 32_768, caps: TEXT_TOOLS, input: 0.1, output: 0.1,
    quality: 0.58, qualitySource: 'vendor', ttft: 0.3, tps: 180, openrouterId: 'mistralai/ministral-8b',
  },
  // Qwen via DashScope (OpenAI-compatible mode).
  {
    provider: 'qwen', model: 'qwen3-max', name: 'Qwen3 Max', family: 'qwen',
    context: 262_144, maxOutput: 65_536, caps: TEXT_TOOLS, input: 1.2, output: 6, cachedInput: 0.24,
    quality: 0.93, ttft: 1.5, tps: 35, openrouterId: 'qwen/qwen3-max',
  },
  {
    provider: 'qwen', model: 'qwen-plus', name: 'Qwen Plus', family: 'qwen',
    context: 1_000_000, maxOutput: 32_768, caps: REASONING_TEXT, input: 0.4, output: 1.2, cachedInput: 0.08,
    quality: 0.84, ttft: 1.0, tps: 60, openrouterId: 'qwen/qwen-plus',
  },
  {
    provider: 'qwen', model: 'qwen-flash', name: 'Qwen Flash', family: 'qwen',
    context: 1_000_000, maxOutput: 32_768, caps: REASONING_TEXT, input: 0.05, output: 0.4, cachedInput: 0.01,
    quality: 0.72, qualitySource: 'vendor', ttft: 0.6, tps: 120, perfSource: 'assumed',
  },
  {
    provider: 'qwen', model: 'qwen3-coder-plus', name: 'Qwen3 Coder Plus', family: 'qwen',
    context: 1_000_000, maxOutput: 65_536, caps: TEXT_TOOLS, input: 1, output: 5, cachedInput: 0.1,
    quality: 0.87, qualitySource: 'vendor', ttft: 1.2, tps: 70, openrouterId: 'qwen/qwen3-coder-plus',
  },
  {
    provider: 'qwen', model: 'qwen-vl-max', name: 'Qwen VL Max', family: 'qwen',
    context: 131_072, maxOutput: 8_192, caps: VISION_TOOLS, input: 0.8, output: 3.2,
    quality: 0.8, ttft: 1.2, tps: 40, openrouterId: 'qwen/qwen-vl-max', perfSource: 'assumed',
  },
  // DeepSeek V3.2-Exp behind both ids; the reasoner thinks before answering (slow first token).
  {
    provider: 'deepseek', model: 'deepseek-chat', name: 'DeepSeek V3.2 (chat)', family: 'deepseek',
    context: 131_072, maxOutput: 8_192, caps: TEXT_TOOLS, input: 0.28, output: 0.42, cachedInput: 0.028,
    quality: 0.88, ttft: 2.0, tps: 30, openrouterId: 'deepseek/deepseek-v3.2-exp',
  },
  {
    provider: 'deepseek', model: 'deepseek-reasoner', name: 'DeepSeek V3.2 (reasoner)', family: 'deepseek',
    context: 131_072, maxOutput: 65_536, caps: ['json', 'reasoning'], input: 0.28, output: 0.42, cachedInput: 0.028,
    quality: 0.91, ttft: 15.0, tps: 30,
  },
  // Moonshot Kimi.
  {
    provider: 'moonshot', model: 'kimi-k2-thinking', name: 'Kimi K2 Thinking', family: 'kimi',
    context: 262_144, maxOutput: 65_536, caps: REASONING_TEXT, input: 0.6, output: 2.5, cachedInput: 0.15,
    quality: 0.93, ttft: 10.0, tps: 40, openrouterId: 'moonshotai/kimi-k2-thinking',
  },
  {
    provider: 'moonshot', model: 'kimi-k2-0905-preview', name: 'Kimi K2 (0905)', family: 'kimi',
    context: 262_144, maxOutput: 65_536, caps: TEXT_TOOLS, input: 0.6, output: 2.5, cachedInput: 0.15,
    quality: 0.88, ttft: 0.8, tps: 45, openrouterId: 'moonshotai/kimi-k2-0905',
  },
  {
    provider: 'moonshot', model: 'kimi-k2-turbo-preview', name: 'Kimi K2 Turbo', family: 'kimi',
    context: 262_144, maxOutput: 65_536, caps: TEXT_TOOLS, input: 1.15, output: 8, cachedInput: 0.15,
    quality: 0.88, ttft: 0.6, tps: 100, perfSource: 'assumed',
  },
  // Zhipu GLM (Z.ai international).
  {
    provider: 'zhipu', model: 'glm-4.6', name: 'GLM-4.6', family: 'glm',
    context: 204_800, maxOutput: 131_072, caps: REASONING_TEXT, input: 0.6, output: 2.2, cachedInput: 0.11,
    quality: 0.89, ttft: 1.0, tps: 60, openrouterId: 'z-ai/glm-4.6',
  },
  {
    provider: 'zhipu', model: 'glm-4.5-air', name: 'GLM-4.5-Air', family: 'glm',
    context: 131_072, maxOutput: 98_304, caps: REASONING_TEXT, input: 0.2, output: 1.1, cachedInput: 0.03,
    quality: 0.8, ttft: 0.8, tps: 90, openrouterId: 'z-ai/glm-4.5-air',
  },
  {
    provider: 'zhipu', model: 'glm-4.5v', name: 'GLM-4.5V', family: 'glm',
    context: 65_536, maxOutput: 16_384, caps: ['vision', 'json', 'reasoning'], input: 0.6, output: 1.8, cachedInput: 0.11,
    quality: 0.76, qualitySource: 'vendor', ttft: 1.0, tps: 50, perfSource: 'assumed', openrouterId: 'z-ai/glm-4.5v',
  },
];
