import type { RoutingRules } from '../../../shared/contract/rules';

const tier = (from: number, to: number, model: string) => ({
  complexity_range: [from, to] as [number, number],
  models: [model],
  max_tokens: 1024,
  temperature: 0.3,
  min_quality: 0.5,
});
const ruleFor = () => ({ primary: 'openai/gpt-5-mini', fallback: [], budget_tier: 'economy' as const });

/** A small valid rules document for the editor's tests (the renderer cannot import main's defaults). */
export function testRules(): RoutingRules {
  return {
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
      fast: ['groq/llama-3.3-70b-versatile'],
      balanced: ['deepseek/deepseek-chat'],
      long: ['google/gemini-2.5-pro'],
      vision: ['openai/gpt-4o'],
    },
    complexity_tiers: {
      simple: tier(0, 0.3, 'openai/gpt-5-nano'),
      medium: tier(0.3, 0.6, 'openai/gpt-5-mini'),
      complex: tier(0.6, 1, 'openai/gpt-5'),
    },
    local_fallback: { enabled: true, models: ['ollama/llama3.1:8b'] },
    use_cases: {
      classification: ruleFor(),
      code_generation: ruleFor(),
      conversation: ruleFor(),
      summarization: ruleFor(),
      analysis: ruleFor(),
      long_context: ruleFor(),
      web_research: ruleFor(),
      expert: ruleFor(),
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
}
