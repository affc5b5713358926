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

/**
 * Every model's estimate for the last request shape, reused while the catalog and the request's
 * counts are unchanged: re-deciding the same prompt under another constraint (the playground) then
 * neither recomputes nor reallocates them. A table is never changed after it is built, so a
 * decision still holding one is unaffected by the next.
 */
export class EstimateTable {
  private last: {
    models: readonly CatalogModel[];
    tokens: RequestTokens;
    outputTokens: number;
    table: ReadonlyMap<string, ModelEstimate>;
  } | null = null;

  for(
    models: readonly CatalogModel[],
    tokens: RequestTokens,
    outputTokens: number,
  ): ReadonlyMap<string, ModelEstimate> {
    const last = this.last;
    if (
      last &&
      last.models === models &&
      last.outputTokens === outputTokens &&
      sameCounts(last.tokens, tokens)
    ) {
      return last.table;
    }
    const table = new Map<string, ModelEstimate>();
    for (const m of models) table.set(m.key, estimateForModel(m, tokens, outputTokens));
    this.last = { models, tokens, outputTokens, table };
    return table;
  }
}

/** Whether two requests count the same for every model (what `inputTokensFor` reads). */
function sameCounts(a: RequestTokens, b: RequestTokens): boolean {
  if (a.reference !== b.reference || a.cl100k !== b.cl100k || a.messageCount !== b.messageCount) return false;
  if (a.images.length !== b.images.length) return false;
  return a.images.every((img, i) => {
    const other = b.images[i];
    return (
      other !== undefined &&
      img.width === other.width &&
      img.height === other.height &&
      img.detail === other.detail
    );
  });
}
