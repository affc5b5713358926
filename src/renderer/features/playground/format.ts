import type { StrategyName } from '../../../shared/contract/routing';

const cents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const fractions = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 2,
  maximumFractionDigits: 8,
});

/** Costs span from millionths of a dollar to dollars; show enough digits that small ones are not "$0.00". */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.000_000_01) return '< $0.00000001';
  return usd >= 0.01 ? cents.format(usd) : fractions.format(usd);
}

export function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

export const formatMs = (ms: number): string => formatSeconds(ms / 1000);

const tokenFormat = new Intl.NumberFormat('en-US');
export const formatTokens = (n: number): string => tokenFormat.format(n);

/** Quality and confidence are 0–1 scores. */
/** File sizes as people read them: 812 B, 34 KB, 1.2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const formatScore = (score: number): string => score.toFixed(2);

export const STRATEGY_LABEL: Record<StrategyName, string> = {
  auto: 'Auto',
  context_bands: 'Context-size bands',
  complexity_tiers: 'Complexity tiers',
  use_case: 'Use-case rules',
  constraints: 'Cheapest meeting constraints',
  load_balanced: 'Load balanced',
  pinned: 'Pinned model',
  learned: 'Learned from votes',
};

// The renderer imports the contract as types only (zod stays out of the bundle), so the lists come
// from the label map above, which the compiler keeps complete.
export const STRATEGY_OPTIONS = Object.keys(STRATEGY_LABEL) as StrategyName[];
