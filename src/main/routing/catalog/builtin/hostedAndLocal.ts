import { TEXT_TOOLS, VISION_TOOLS, REASONING_TEXT, type ModelSpec, type ProviderPricing } from '../modelSpec';

type Hosted =
  'groq' | 'perplexity' | 'openrouter' | 'huggingface' | 'github' | 'azure' | 'ollama' | 'lmstudio';

/** Inference hosts, aggregators and local servers. Aggregator prices are pass-through estimates. */
export const HOSTED_PRICING: Record<Hosted, ProviderPricing> = {
  groq: { asOf: '2025-11-01', source: 'groq.com/pricing (on-demand tier)' },
  perplexity: {
    asOf: '2025-10-01',
    source: 'docs.perplexity.ai pricing; per-request fee = low search-context size',
  },
  openrouter: {
    asOf: '2025-11-01',
    source: 'openrouter.ai/models list price (refresh with `catalog.refreshPreview`)',
  },
  huggingface: {
    asOf: '2025-10-01',
    source: 'estimate: Inference Providers pass the serving provider’s price through; it varies by route',
  },
  github: {
    asOf: '2025-10-01',
    source: 'GitHub Models paid usage (Azure list price); the free tier is rate-limited per day',
  },
  azure: { asOf: '2025-11-01', source: 'Azure OpenAI global standard deployment, same as OpenAI list price' },
  ollama: { asOf: '2025-11-01', source: 'local: no per-token price (electricity not counted)' },
  lmstudio: { asOf: '2025-11-01', source: 'local: no per-token price (electricity not counted)' },
};

// Data table: one model per block, kept compact on purpose.
// prettier-ignore
export const HOSTED_MODELS: ModelSpec[] = [
  // Groq: LPU inference, very fast output; same open weights as elsewhere.
  {
    provider: 'groq', model: 'llama-3.1-8b-instant', name: 'Llama 3.1 8B Instant (Groq)', family: 'llama',
    context: 131_072, maxOutput: 131_072, caps: TEXT_TOOLS, input: 0.05, output: 0.08,
    quality: 0.52, ttft: 0.2, tps: 750,
  },
  {
    provider: 'groq', model: 'llama-3.3-70b-versatile', name: 'Llama 3.3 70B (Groq)', family: 'llama',
    context: 131_072, maxOutput: 32_768, caps: TEXT_TOOLS, input: 0.59, output: 0.79,
    quality: 0.72, ttft: 0.3, tps: 280,
  },
  {
    provider: 'groq', model: 'openai/gpt-oss-120b', name: 'gpt-oss-120b (Groq)', family: 'o200k',
    context: 131_072, maxOutput: 65_536, caps: REASONING_TEXT, input: 0.15, output: 0.6,
    quality: 0.85, ttft: 0.4, tps: 500,
  },
  {
    provider: 'groq', model: 'openai/gpt-oss-20b', name: 'gpt-oss-20b (Groq)', family: 'o200k',
    context: 131_072, maxOutput: 65_536, caps: REASONING_TEXT, input: 0.075, output: 0.3,
    quality: 0.76, ttft: 0.3, tps: 1000,
  },
  {
    provider: 'groq', model: 'meta-llama/llama-4-scout-17b-16e-instruct', name: 'Llama 4 Scout (Groq)', family: 'llama',
    context: 131_072, maxOutput: 8_192, caps: VISION_TOOLS, input: 0.11, output: 0.34,
    quality: 0.68, ttft: 0.3, tps: 600,
  },
  {
    provider: 'groq', model: 'moonshotai/kimi-k2-instruct-0905', name: 'Kimi K2 (Groq)', family: 'kimi',
    context: 262_144, maxOutput: 16_384, caps: TEXT_TOOLS, input: 1, output: 3,
    quality: 0.88, ttft: 0.4, tps: 200,
  },
  // Perplexity: answers grounded in a live web search; a fee per request on top of tokens.
  {
    provider: 'perplexity', model: 'sonar', name: 'Sonar', family: 'llama',
    context: 127_072, maxOutput: 8_192, caps: ['json', 'web_search'], input: 1, output: 1, perRequestUsd: 0.005,
    quality: 0.7, ttft: 1.5, tps: 120,
  },
  {
    provider: 'perplexity', model: 'sonar-pro', name: 'Sonar Pro', family: 'other',
    context: 200_000, maxOutput: 8_192, caps: ['json', 'web_search'], input: 3, output: 15, perRequestUsd: 0.006,
    quality: 0.8, ttft: 2.0, tps: 80,
  },
  {
    provider: 'perplexity', model: 'sonar-reasoning-pro', name: 'Sonar Reasoning Pro', family: 'other',
    context: 127_072, maxOutput: 8_192, caps: ['json', 'web_search', 'reasoning'], input: 2, output: 8, perRequestUsd: 0.006,
    quality: 0.85, ttft: 4.0, tps: 80,
  },
  // OpenRouter: one key for hundreds of models; ids are OpenRouter's own.
  {
    provider: 'openrouter', model: 'anthropic/claude-sonnet-4.5', name: 'Claude Sonnet 4.5 (OpenRouter)', family: 'claude',
    context: 1_000_000, maxOutput: 64_000, caps: VISION_TOOLS, input: 3, output: 15, cachedInput: 0.3,
    quality: 0.97, ttft: 1.8, tps: 60, openrouterId: 'anthropic/claude-sonnet-4.5',
  },
  {
    provider: 'openrouter', model: 'openai/gpt-4o-mini', name: 'GPT-4o mini (OpenRouter)', family: 'o200k',
    context: 128_000, maxOutput: 16_384, caps: VISION_TOOLS, input: 0.15, output: 0.6, cachedInput: 0.075,
    quality: 0.74, ttft: 0.6, tps: 65, openrouterId: 'openai/gpt-4o-mini',
  },
  {
    provider: 'openrouter', model: 'google/gemini-2.5-flash', name: 'Gemini 2.5 Flash (OpenRouter)', family: 'gemini',
    context: 1_048_576, maxOutput: 65_535, caps: VISION_TOOLS, input: 0.3, output: 2.5, cachedInput: 0.075,
    quality: 0.9, ttft: 0.7, tps: 200, openrouterId: 'google/gemini-2.5-flash',
  },
  {
    provider: 'openrouter', model: 'deepseek/deepseek-v3.2-exp', name: 'DeepSeek V3.2 (OpenRouter)', family: 'deepseek',
    context: 163_840, maxOutput: 65_536, caps: TEXT_TOOLS, input: 0.27, output: 0.4,
    quality: 0.88, ttft: 1.5, tps: 35, openrouterId: 'deepseek/deepseek-v3.2-exp',
  },
  {
    provider: 'openrouter', model: 'meta-llama/llama-3.3-70b-instruct', name: 'Llama 3.3 70B (OpenRouter)', family: 'llama',
    context: 131_072, maxOutput: 16_384, caps: TEXT_TOOLS, input: 0.13, output: 0.38,
    quality: 0.72, ttft: 0.6, tps: 90, openrouterId: 'meta-llama/llama-3.3-70b-instruct',
  },
  {
    provider: 'openrouter', model: 'qwen/qwen3-235b-a22b-2507', name: 'Qwen3 235B (OpenRouter)', family: 'qwen',
    context: 262_144, maxOutput: 32_768, caps: TEXT_TOOLS, input: 0.08, output: 0.55,
    quality: 0.87, ttft: 0.8, tps: 60, openrouterId: 'qwen/qwen3-235b-a22b-2507',
  },
  {
    provider: 'openrouter', model: 'mistralai/mistral-nemo', name: 'Mistral Nemo (OpenRouter)', family: 'mistral',
    context: 131_072, maxOutput: 16_384, caps: TEXT_TOOLS, input: 0.02, output: 0.04,
    quality: 0.55, ttft: 0.5, tps: 100, openrouterId: 'mistralai/mistral-nemo',
  },
  // Hugging Face Inference Providers (router.huggingface.co): the same weights, routed to a host.
  {
    provider: 'huggingface', model: 'meta-llama/Llama-3.3-70B-Instruct', name: 'Llama 3.3 70B (HF)', family: 'llama',
    context: 131_072, maxOutput: 16_384, caps: TEXT_TOOLS, input: 0.6, output: 0.6,
    quality: 0.72, ttft: 0.8, tps: 80, perfSource: 'assumed',
  },
  {
    provider: 'huggingface', model: 'meta-llama/Llama-3.1-8B-Instruct', name: 'Llama 3.1 8B (HF)', family: 'llama',
    context: 131_072, maxOutput: 16_384, caps: TEXT_TOOLS, input: 0.1, output: 0.1,
    quality: 0.52, ttft: 0.5, tps: 150, perfSource: 'assumed',
  },
  {
    provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct', name: 'Qwen2.5 Coder 32B (HF)', family: 'qwen',
    context: 32_768, maxOutput: 8_192, caps: ['json'], input: 0.2, output: 0.2,
    quality: 0.66, qualitySource: 'vendor', ttft: 0.6, tps: 90, perfSource: 'assumed',
  },
  {
    provider: 'huggingface', model: 'deepseek-ai/DeepSeek-V3-0324', name: 'DeepSeek V3 0324 (HF)', family: 'deepseek',
    context: 131_072, maxOutput: 16_384, caps: TEXT_TOOLS, input: 0.9, output: 0.9,
    quality: 0.85, ttft: 1.0, tps: 50, perfSource: 'assumed',
  },
  // GitHub Models (models.github.ai): publisher/model ids.
  {
    provider: 'github', model: 'openai/gpt-4.1', name: 'GPT-4.1 (GitHub Models)', family: 'o200k',
    context: 1_047_576, maxOutput: 32_768, caps: VISION_TOOLS, input: 2, output: 8,
    quality: 0.87, ttft: 0.8, tps: 80,
  },
  {
    provider: 'github', model: 'openai/gpt-4o-mini', name: 'GPT-4o mini (GitHub Models)', family: 'o200k',
    context: 128_000, maxOutput: 16_384, caps: VISION_TOOLS, input: 0.15, output: 0.6,
    quality: 0.74, ttft: 0.7, tps: 65,
  },
  {
    provider: 'github', model: 'meta/Llama-3.3-70B-Instruct', name: 'Llama 3.3 70B (GitHub Models)', family: 'llama',
    context: 128_000, maxOutput: 4_096, caps: TEXT_TOOLS, input: 0.71, output: 0.71,
    quality: 0.72, ttft: 1.0, tps: 40, perfSource: 'assumed',
  },
  {
    provider: 'github', model: 'deepseek/DeepSeek-R1', name: 'DeepSeek R1 (GitHub Models)', family: 'deepseek',
    context: 128_000, maxOutput: 4_096, caps: ['reasoning'], input: 1.35, output: 5.4,
    quality: 0.88, ttft: 20.0, tps: 30, perfSource: 'assumed',
  },
  // Azure OpenAI: the model id is the deployment name; rename with a custom model if yours differs.
  {
    provider: 'azure', model: 'gpt-5', name: 'GPT-5 (Azure)', family: 'o200k',
    context: 400_000, maxOutput: 128_000, caps: VISION_TOOLS, input: 1.25, output: 10, cachedInput: 0.125,
    quality: 0.98, ttft: 6.0, tps: 70,
  },
  {
    provider: 'azure', model: 'gpt-4.1', name: 'GPT-4.1 (Azure)', family: 'o200k',
    context: 1_047_576, maxOutput: 32_768, caps: VISION_TOOLS, input: 2, output: 8, cachedInput: 0.5,
    quality: 0.87, ttft: 0.7, tps: 80,
  },
  {
    provider: 'azure', model: 'gpt-4o', name: 'GPT-4o (Azure)', family: 'o200k',
    context: 128_000, maxOutput: 16_384, caps: VISION_TOOLS, input: 2.5, output: 10, cachedInput: 1.25,
    quality: 0.85, ttft: 0.6, tps: 90,
  },
  {
    provider: 'azure', model: 'gpt-4o-mini', name: 'GPT-4o mini (Azure)', family: 'o200k',
    context: 128_000, maxOutput: 16_384, caps: VISION_TOOLS, input: 0.15, output: 0.6, cachedInput: 0.075,
    quality: 0.74, ttft: 0.6, tps: 70,
  },
  {
    provider: 'azure', model: 'o4-mini', name: 'o4-mini (Azure)', family: 'o200k',
    context: 200_000, maxOutput: 100_000, caps: VISION_TOOLS, input: 1.1, output: 4.4, cachedInput: 0.275,
    quality: 0.9, ttft: 5.0, tps: 100,
  },
  // Local servers: free per token, slower, and only as good as a small quantised model.
  {
    provider: 'ollama', model: 'llama3.1:8b', name: 'Llama 3.1 8B (Ollama)', family: 'llama',
    context: 131_072, maxOutput: 8_192, caps: TEXT_TOOLS, input: 0, output: 0,
    quality: 0.48, qualitySource: 'local', ttft: 0.5, tps: 35, perfSource: 'local',
  },
  {
    provider: 'ollama', model: 'qwen2.5-coder:7b', name: 'Qwen2.5 Coder 7B (Ollama)', family: 'qwen',
    context: 32_768, maxOutput: 8_192, caps: TEXT_TOOLS, input: 0, output: 0,
    quality: 0.5, qualitySource: 'local', ttft: 0.5, tps: 35, perfSource: 'local',
  },
  {
    provider: 'ollama', model: 'llama3.2-vision:11b', name: 'Llama 3.2 Vision 11B (Ollama)', family: 'llama',
    context: 131_072, maxOutput: 8_192, caps: ['vision'], input: 0, output: 0,
    quality: 0.45, qualitySource: 'local', ttft: 1.0, tps: 20, perfSource: 'local',
  },
  {
    provider: 'lmstudio', model: 'openai/gpt-oss-20b', name: 'gpt-oss-20b (LM Studio)', family: 'o200k',
    context: 131_072, maxOutput: 32_768, caps: REASONING_TEXT, input: 0, output: 0,
    quality: 0.68, qualitySource: 'local', ttft: 0.8, tps: 30, perfSource: 'local',
  },
  {
    provider: 'lmstudio', model: 'qwen/qwen3-8b', name: 'Qwen3 8B (LM Studio)', family: 'qwen',
    context: 32_768, maxOutput: 8_192, caps: TEXT_TOOLS, input: 0, output: 0,
    quality: 0.55, qualitySource: 'local', ttft: 0.5, tps: 35, perfSource: 'local',
  },
];
