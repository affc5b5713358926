import type { ProviderId } from '../../shared/providers';

/**
 * What routing reads from the rest of the app at decision time. Each interface is filled by the
 * room that owns the facts (secrets/providers, execution, budget); routing only asks questions,
 * so it stays pure and testable with plain objects.
 */
export type Verdict = { ok: true } | { ok: false; reason: string };

/** Whether a provider can be called now: a key in the keychain, a local server, or simulation. */
export interface ProviderAvailability {
  readonly simulated: boolean;
  check(provider: ProviderId): Verdict;
}

/** Per-model circuit breakers (the execution room). An open circuit means "do not send now". */
export interface CircuitView {
  check(modelKey: string): Verdict;
}

/** The budget policy (the budget room): may this model be used at this estimated cost? */
export interface BudgetPolicy {
  check(candidate: { modelKey: string; provider: ProviderId; estimatedCostUsd: number }): Verdict;
}

/** Observed latency per model (the execution room's health data); null when never measured. */
export interface LatencyView {
  observedSeconds(modelKey: string): number | null;
}

export interface LiveState {
  availability: ProviderAvailability;
  circuits: CircuitView;
  budget: BudgetPolicy;
  latency: LatencyView;
}

const OK: Verdict = { ok: true };

export const ALL_AVAILABLE: ProviderAvailability = { simulated: true, check: () => OK };
export const NO_OPEN_CIRCUITS: CircuitView = { check: () => OK };
export const UNLIMITED_BUDGET: BudgetPolicy = { check: () => OK };
export const NO_LATENCY_DATA: LatencyView = { observedSeconds: () => null };

/** Live state where everything is allowed: simulation, and tests of pure routing behaviour. */
export function openLiveState(overrides: Partial<LiveState> = {}): LiveState {
  return {
    availability: ALL_AVAILABLE,
    circuits: NO_OPEN_CIRCUITS,
    budget: UNLIMITED_BUDGET,
    latency: NO_LATENCY_DATA,
    ...overrides,
  };
}
