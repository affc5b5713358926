import type { ModelPrice } from '../../../shared/contract/catalog';
import { roughTokenCount } from '../../ledger/streamSpend';
import { costNanos, nanosToUsd, unitPricesFor } from '../../ledger/money';
import type { AttemptTrace } from '../cascade/cascadeError';
import type { PriceBook } from './ports';

export interface Usage {
  promptTokens: number | null;
  completionTokens: number | null;
  cachedInputTokens: number | null;
  source: 'reported' | 'estimated' | 'none';
}

/**
 * An attempt's usage: as reported; else, when text reached the caller (a cut or cancelled
 * stream), our own counts, because the provider billed those tokens even if it never said so.
 */
export function usageOf(t: AttemptTrace, estimatedInputTokens: number): Usage {
  const u = t.usage;
  if (u.inputTokens !== null || u.outputTokens !== null) {
    return {
      promptTokens: u.inputTokens,
      completionTokens: u.outputTokens,
      cachedInputTokens: u.cachedInputTokens,
      source: 'reported',
    };
  }
  if (t.deliveredText === '')
    return { promptTokens: null, completionTokens: null, cachedInputTokens: null, source: 'none' };
  return {
    promptTokens: estimatedInputTokens,
    completionTokens: roughTokenCount(t.deliveredText),
    cachedInputTokens: null,
    source: 'estimated',
  };
}

/** Dollars for one attempt's usage at the model's catalog price (the ledger's exact nano arithmetic). */
export function usageCostUsd(price: ModelPrice | null, u: Usage): number | null {
  if (u.source === 'none') return 0;
  if (price === null) return null;
  const input = u.promptTokens ?? 0;
  const nanos = costNanos(
    {
      inputTokens: input,
      outputTokens: u.completionTokens ?? 0,
      cachedInputTokens: u.cachedInputTokens ?? 0,
    },
    unitPricesFor(price, input),
  );
  return nanosToUsd(nanos);
}

/** What every call of a request cost together; null when a billed call's model has no price. */
export function requestCostUsd(
  traces: readonly AttemptTrace[],
  prices: PriceBook,
  estimatedInputTokens: number,
): number | null {
  let total = 0;
  for (const t of traces) {
    if (t.attempt.outcome === 'skipped') continue;
    const c = usageCostUsd(prices.price(t.attempt.modelKey), usageOf(t, estimatedInputTokens));
    if (c === null) return null;
    total += c;
  }
  return total;
}
