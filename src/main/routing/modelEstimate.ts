import type { CatalogModel } from '../../shared/contract/catalog';
import { LOCAL_PROVIDERS } from '../../shared/providers';
import { inputTokensFor, type RequestTokens } from './tokens/requestTokens';

/** What one model would take for this request: tokens as it counts them, cost and latency. */
export interface ModelEstimate {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySeconds: number;
}

/**
 * Prompt processing runs far faster than generation: 20× the output speed is a middle value of
 * published prefill/decode ratios. Hosted models batch prefill on large GPUs, so they get at least
 * 3,000 tokens/s; local servers do not (a laptop really does take a minute over 50k tokens).
 */
const PREFILL_SPEEDUP = 20;
const HOSTED_PREFILL_FLOOR = 3_000;

export function estimateForModel(
  model: CatalogModel,
  tokens: RequestTokens,
  outputTokens: number,
): ModelEstimate {
  const inputTokens = inputTokensFor(tokens, model.family);
  const out = Math.min(outputTokens, model.maxOutputTokens);
  const p = model.price;
  const long = p.longContext && inputTokens > p.longContext.aboveInputTokens ? p.longContext : null;
  const costUsd =
    (inputTokens * (long?.inputPerMTok ?? p.inputPerMTok) + out * (long?.outputPerMTok ?? p.outputPerMTok)) /
      1e6 +
    p.perRequestUsd;
  const perf = model.performance;
  const prefill = perf.outputTokensPerSecond * PREFILL_SPEEDUP;
  const prefillRate = LOCAL_PROVIDERS.includes(model.provider)
    ? prefill
    : Math.max(HOSTED_PREFILL_FLOOR, prefill);
  const latencySeconds = perf.ttftSeconds + inputTokens / prefillRate + out / perf.outputTokensPerSecond;
  return { inputTokens, outputTokens: out, costUsd, latencySeconds };
}
