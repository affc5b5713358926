import type { CatalogModel } from '../../shared/contract/catalog';
import type { StrategyName } from '../../shared/contract/routing';
import type { RoutingRules } from '../../shared/contract/rules';
import { formatInt } from './eligibility';
import type { ExactTokenCounter } from './tokens/exactTokenCounter';
import { inputTokensFor, type PreparedRequest, type RequestTokens } from './tokens/requestTokens';
import { exactEncodingOf } from './tokens/tokenFamilies';
import { textHash } from './tokens/textScan';

export interface Closeness {
  /** Why an exact count is needed (empty when the estimate is safe to decide on). */
  reasons: string[];
  /** Whether a cl100k model's window is the close one. */
  cl100k: boolean;
}

/**
 * Whether the estimate is within `exact_count_margin` of a number the decision turns on: a band
 * boundary the strategy uses, the long-context cue, the chunking threshold, or the context window
 * of an OpenAI-encoded model. Only then is the slow exact count worth its wait.
 */
export function closeThresholds(
  tokens: RequestTokens,
  outputTokens: number,
  strategy: StrategyName,
  rules: RoutingRules,
  models: readonly CatalogModel[],
): Closeness {
  const margin = rules.defaults.exact_count_margin;
  const t = tokens.reference;
  const near = (limit: number): boolean => Math.abs(t - limit) <= margin * limit;
  const reasons: string[] = [];
  const thresholds: [number, string][] = [
    [rules.chunking.max_input_tokens, 'chunking threshold'],
    [rules.context_bands.long_from, 'long-context threshold'],
  ];
  if (strategy === 'context_bands') thresholds.push([rules.context_bands.fast_below, 'fast band limit']);
  for (const [limit, name] of thresholds) {
    if (near(limit))
      reasons.push(
        `~${formatInt(t)} tokens is within ${margin * 100}% of the ${formatInt(limit)}-token ${name}`,
      );
  }
  let cl100k = false;
  let windows = 0;
  for (const m of models) {
    // Only OpenAI encodings can be counted exactly; other families' counts are ratio estimates
    // (set on the high side) whether the o200k count is exact or not, so counting buys nothing.
    if (m.disabled || !exactEncodingOf(m.family)) continue;
    const needed = inputTokensFor(tokens, m.family) + Math.min(outputTokens, m.maxOutputTokens);
    if (Math.abs(needed - m.contextWindow) <= margin * m.contextWindow) {
      windows++;
      if (m.family === 'cl100k') cl100k = true;
    }
  }
  if (windows > 0)
    reasons.push(`the request is within ${margin * 100}% of ${windows} model context window(s)`);
  return { reasons, cl100k };
}

/** Replaces the estimate with exact counts (off-thread); on failure keeps the estimate and says why. */
export async function countExactly(
  tokens: RequestTokens,
  prepared: PreparedRequest,
  counter: ExactTokenCounter,
  cl100k: boolean,
): Promise<{ tokens: RequestTokens; failure: string | null }> {
  const texts = prepared.texts.map((text) => ({ text, hash: textHash(text) }));
  try {
    const [o200k, cl] = await Promise.all([
      counter.count(texts, 'o200k_base'),
      cl100k ? counter.count(texts, 'cl100k_base') : Promise.resolve(null),
    ]);
    const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
    return {
      tokens: { ...tokens, reference: sum(o200k), cl100k: cl ? sum(cl) : null, method: 'exact' },
      failure: null,
    };
  } catch (e) {
    return { tokens, failure: (e as Error).message };
  }
}
