import { RoutingRulesSchema, type RoutingRules } from '../../../shared/contract/rules';

/**
 * The rules Switchyard ships with. Lists are ordered best-first and mix providers, so the fallback
 * chain survives one provider being down or keyless. Thresholds are the issue's: context bands at
 * 10k/50k tokens, complexity tiers at 0.3/0.6/0.85, chunking above 30k tokens, 3 files or 200
 * expected lines of code.
 */
const DEFAULTS: RoutingRules = {
  version: 1,
  defaults: {
    strategy: 'auto',
    expected_output_tokens: 512,
    max_fallbacks: 3,
    use_case_min_confidence: 0.5,
    exact_count_margin: 0.1,
  },
  context_bands: {
    fast_below: 10_000,
    long_from: 50_000,
    fast: [
      'groq/llama-3.3-70b-versatile',
      'groq/openai/gpt-oss-120b',
      'google/gemini-2.5-flash-lite',
      'openai/gpt-5-mini',
    ],
    balanced: [
      'deepseek/deepseek-chat',
      'qwen/qwen-plus',
      'openai/gpt-4.1-mini',
      'mistral/mistral-medium-latest',
    ],
    long: [
      'google/gemini-2.5-pro',
      'google/gemini-2.5-flash',
      'openai/gpt-4.1',
      'anthropic/claude-sonnet-4-5',
    ],
    vision: [
      'openai/gpt-4o',
      'google/gemini-2.5-flash',
      'anthropic/claude-sonnet-4-5',
      'ollama/llama3.2-vision:11b',
    ],
  },
  complexity_tiers: {
    simple: {
      complexity_range: [0, 0.3],
      models: [
        'groq/llama-3.1-8b-instant',
        'openai/gpt-5-nano',
        'google/gemini-2.5-flash-lite',
        'mistral/ministral-8b-latest',
      ],
      max_tokens: 1024,
      temperature: 0.3,
      min_quality: 0.5,
      max_cost_per_request: 0.005,
    },
    medium: {
      complexity_range: [0.3, 0.6],
      models: [
        'openai/gpt-5-mini',
        'google/gemini-2.5-flash',
        'deepseek/deepseek-chat',
        'anthropic/claude-haiku-4-5',
      ],
      max_tokens: 2048,
      temperature: 0.5,
      min_quality: 0.75,
      max_cost_per_request: 0.05,
    },
    complex: {
      complexity_range: [0.6, 0.85],
      models: [
        'anthropic/claude-sonnet-4-5',
        'openai/gpt-5',
        'google/gemini-2.5-pro',
        'deepseek/deepseek-reasoner',
      ],
      max_tokens: 4096,
      temperature: 0.4,
      min_quality: 0.88,
      max_cost_per_request: 0.5,
    },
    breakthrough: {
      complexity_range: [0.85, 1],
      models: ['anthropic/claude-opus-4-5', 'google/gemini-3-pro-preview', 'openai/gpt-5', 'openai/o3'],
      max_tokens: 8192,
      temperature: 0.2,
      min_quality: 0.94,
    },
  },
  local_fallback: {
    enabled: true,
    models: ['ollama/llama3.1:8b', 'lmstudio/openai/gpt-oss-20b', 'ollama/qwen2.5-coder:7b'],
  },
  use_cases: {
    classification: {
      primary: 'groq/llama-3.1-8b-instant',
      fallback: ['openai/gpt-5-nano', 'google/gemini-2.5-flash-lite', 'mistral/ministral-8b-latest'],
      budget_tier: 'ultra_economy',
      max_tokens: 64,
      temperature: 0,
    },
    code_generation: {
      primary: 'anthropic/claude-sonnet-4-5',
      fallback: ['openai/gpt-5', 'qwen/qwen3-coder-plus', 'xai/grok-code-fast-1', 'deepseek/deepseek-chat'],
      budget_tier: 'standard',
      temperature: 0.2,
    },
    conversation: {
      primary: 'openai/gpt-5-mini',
      fallback: ['google/gemini-2.5-flash', 'anthropic/claude-haiku-4-5', 'groq/llama-3.3-70b-versatile'],
      budget_tier: 'economy',
      temperature: 0.7,
    },
    summarization: {
      primary: 'google/gemini-2.5-flash',
      fallback: ['openai/gpt-4.1-mini', 'anthropic/claude-haiku-4-5', 'deepseek/deepseek-chat'],
      budget_tier: 'economy',
      temperature: 0.3,
    },
    analysis: {
      primary: 'openai/gpt-5',
      fallback: ['anthropic/claude-sonnet-4-5', 'google/gemini-2.5-pro', 'deepseek/deepseek-reasoner'],
      budget_tier: 'standard',
      temperature: 0.4,
    },
    long_context: {
      primary: 'google/gemini-2.5-pro',
      fallback: [
        'google/gemini-2.5-flash',
        'openai/gpt-4.1',
        'xai/grok-4-fast-non-reasoning',
        'anthropic/claude-sonnet-4-5',
      ],
      budget_tier: 'premium',
      temperature: 0.3,
    },
    web_research: {
      primary: 'perplexity/sonar-pro',
      fallback: ['perplexity/sonar', 'perplexity/sonar-reasoning-pro', 'google/gemini-2.5-flash'],
      budget_tier: 'standard',
      temperature: 0.3,
    },
    expert: {
      primary: 'anthropic/claude-opus-4-5',
      fallback: ['openai/gpt-5', 'google/gemini-3-pro-preview', 'google/gemini-2.5-pro', 'openai/o3'],
      budget_tier: 'premium',
      temperature: 0.2,
    },
  },
  budget_tiers: {
    ultra_economy: { max_cost_per_request: 0.001 },
    economy: { max_cost_per_request: 0.01 },
    standard: { max_cost_per_request: 0.05 },
    premium: { max_cost_per_request: 0.5 },
    enterprise: { max_cost_per_request: 2 },
  },
  balancing: { mode: 'none', weights: {}, quality_tolerance: 0.03, cost_tolerance: 1.5 },
  chunking: { max_input_tokens: 30_000, max_input_files: 3, max_code_lines: 200 },
  cascade: {},
};

/** A fresh copy of the default rules (validated once, so a bad edit here fails every test). */
export function defaultRules(): RoutingRules {
  return RoutingRulesSchema.parse(structuredClone(DEFAULTS));
}
