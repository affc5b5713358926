import type { StrategyName } from '../../../shared/contract';

/** Strategies an A/B arm can test (`pinned` needs a model per request). */
export type ArmStrategy = Exclude<StrategyName, 'pinned'>;
export const ARM_STRATEGY_LABEL: Record<ArmStrategy, string> = {
  auto: 'Auto',
  context_bands: 'Context bands',
  complexity_tiers: 'Complexity tiers',
  use_case: 'Use case',
  constraints: 'Constraints',
  load_balanced: 'Load balanced',
  learned: 'Learned',
};
export const ARM_STRATEGIES = Object.keys(ARM_STRATEGY_LABEL) as ArmStrategy[];

/** Dollars as people read a bill: cents from $1 up, more decimals below (LLM calls are cheap). */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  const digits = abs === 0 || abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
  return `$${abs.toFixed(digits)}`;
}

export const formatPercent = (fraction: number | null): string =>
  fraction === null ? '—' : `${(fraction * 100).toFixed(1)} %`;

export const formatMs = (ms: number | null): string =>
  ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;

/** A 95 % interval of a rate, in percent. */
export const formatRateCi = (ci: [number, number] | null): string =>
  ci ? `${(ci[0] * 100).toFixed(0)}–${(ci[1] * 100).toFixed(0)} %` : '';

export const formatDateTime = (iso: string): string => new Date(iso).toLocaleString();

export const formatShortDateTime = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** The willingness-to-pay slider is logarithmic: $0.0001 … $1 per request in 80 steps. */
export const WTP_MIN_LOG = -4;
export const WTP_MAX_LOG = 0;
export const WTP_STEPS = 80;
export const wtpFromStep = (step: number): number =>
  Number((10 ** (WTP_MIN_LOG + ((WTP_MAX_LOG - WTP_MIN_LOG) * step) / WTP_STEPS)).toPrecision(2));
export const stepFromWtp = (usd: number): number =>
  Math.round(
    ((Math.log10(Math.min(Math.max(usd, 10 ** WTP_MIN_LOG), 10 ** WTP_MAX_LOG)) - WTP_MIN_LOG) /
      (WTP_MAX_LOG - WTP_MIN_LOG)) *
      WTP_STEPS,
  );
