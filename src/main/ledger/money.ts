import type { ModelPrice } from '../../shared/contract/catalog';

/**
 * Money in the ledger is integer nano-USD ("nanos"): sums stay exact in SQLite's 64-bit integers,
 * and one token of the cheapest priced model (a few cents per 1M tokens) still costs whole nanos.
 * Unit prices are integer micro-USD per 1M tokens, so a catalog price like $0.0375/M is exact.
 * Floats appear only at the edges (catalog input, contract output for display).
 */
export const NANOS_PER_USD = 1_000_000_000;

export const usdToNanos = (usd: number): number => Math.round(usd * NANOS_PER_USD);
export const nanosToUsd = (nanos: number): number => nanos / NANOS_PER_USD;

/** USD per 1M tokens → integer micro-USD per 1M tokens. */
export const toMicroPerMTok = (usdPerMTok: number): number => Math.round(usdPerMTok * 1_000_000);

/** The prices one call was billed at, as stored on its ledger row. */
export interface UnitPrices {
  /** micro-USD per 1M input tokens. */
  input: number;
  /** micro-USD per 1M output tokens. */
  output: number;
  /** micro-USD per 1M cached input tokens; null when the model has no cache discount. */
  cachedInput: number | null;
  /** Fixed fee per request in nanos (Perplexity's search fee); usually 0. */
  requestFeeNanos: number;
}

export const FREE_PRICES: UnitPrices = { input: 0, output: 0, cachedInput: null, requestFeeNanos: 0 };

/** The catalog price that applies to a call of this size (the long-context tier above its threshold). */
export function unitPricesFor(price: ModelPrice, inputTokens: number): UnitPrices {
  const long =
    price.longContext && inputTokens > price.longContext.aboveInputTokens ? price.longContext : null;
  return {
    input: toMicroPerMTok(long?.inputPerMTok ?? price.inputPerMTok),
    output: toMicroPerMTok(long?.outputPerMTok ?? price.outputPerMTok),
    cachedInput: price.cachedInputPerMTok === null ? null : toMicroPerMTok(price.cachedInputPerMTok),
    requestFeeNanos: usdToNanos(price.perRequestUsd),
  };
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache; part of inputTokens. */
  cachedInputTokens: number;
}

/**
 * tokens × (µUSD per 1M tokens) = 1e-12 USD units, so dividing by 1000 gives nanos. Rounded once,
 * at the end, so a request's cost does not depend on how its tokens were split.
 */
export function costNanos(usage: TokenUsage, prices: UnitPrices): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const cachedPrice = prices.cachedInput ?? prices.input;
  const picoUsd =
    (usage.inputTokens - cached) * prices.input + cached * cachedPrice + usage.outputTokens * prices.output;
  return Math.round(picoUsd / 1000) + prices.requestFeeNanos;
}

/** Exact decimal text of a nano amount (CSV, CLI): no float rounding on the way out. */
export function formatNanosUsd(nanos: number, decimals = 9): string {
  const sign = nanos < 0 ? '-' : '';
  const abs = Math.abs(Math.round(nanos));
  const whole = Math.floor(abs / NANOS_PER_USD);
  const frac = String(abs % NANOS_PER_USD).padStart(9, '0');
  if (decimals <= 0) return `${sign}${whole}`;
  return `${sign}${whole}.${frac.slice(0, Math.min(9, decimals))}`;
}

/** Money for people: cents above a dollar, up to six decimals below it ($0.015, $0.000125). */
export function formatUsd(nanos: number): string {
  const usd = nanos / NANOS_PER_USD;
  if (Math.abs(usd) >= 1) return `$${usd.toFixed(2)}`;
  return `$${usd.toFixed(6).replace(/(\.\d{2,}?)0+$/, '$1')}`;
}
