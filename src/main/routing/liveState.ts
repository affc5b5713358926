import type { ProviderId } from '../../shared/providers';
import type { PromptVector } from '../learning/embeddings/promptEmbedder';
import type { QualityPrediction } from '../learning/qualityModel';

export type LearnedPrediction = QualityPrediction & {
  trainedOn: number;
  /**
   * How the nearest past prompts were found, said in the decision's reasons: by embeddings, or
   * why not ("embeddings unavailable (…): matched on text features"); null with embeddings off.
   */
  neighboursBy: string | null;
};

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
  /**
   * The policy for one decision, read once: `check` runs for every model of every decision, so
   * what does not change within a decision (which budgets exist) is not read again per model.
   */
  forDecision?(): BudgetPolicy;
}

/** Observed latency per model (the execution room's health data); null when never measured. */
export interface LatencyView {
  observedSeconds(modelKey: string): number | null;
}

/** What the learning room predicts for a prompt; `predict` is null until a model is trained. */
export interface LearnedView {
  /** `embedding`: the prompt's vector fetched before the decision (see `embedding`), if any. */
  predict(text: string, embedding?: PromptVector | null): LearnedPrediction | null;
  /**
   * The prompt's embedding, fetched before a decision (so `predict` stays synchronous): `fetch`
   * makes at most one call with a short timeout; `cached` only reads stored vectors (the typing
   * previews). Absent: embeddings are not wired in (tests of pure routing).
   */
  embedding?(text: string, mode: 'fetch' | 'cached'): Promise<PromptVector>;
  /** USD per request the user would pay for a sure answer over a useless one (the slider). */
  willingnessToPayUsd(): number;
  /** Quality adjustments from the playground's votes, per model key (rating-based, −0.2…+0.2). */
  voteAdjustment(modelKey: string, useCase: string | null): number;
}

export interface LiveState {
  availability: ProviderAvailability;
  circuits: CircuitView;
  budget: BudgetPolicy;
  latency: LatencyView;
  /** The learned strategy's predictor (the learning room); absent → "learned" ranks like auto. */
  learned?: LearnedView;
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
