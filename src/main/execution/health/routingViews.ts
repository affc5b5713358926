import type { CircuitView, LatencyView } from '../../routing/liveState';
import type { ExecutionHealth } from './executionHealth';

/**
 * Routing's eligibility questions, answered from execution health: a model with an open circuit,
 * in a 429 cooldown, or saturated under its client-side rate limit is "not now".
 */
export const circuitView = (health: ExecutionHealth): CircuitView => ({
  check: (modelKey) => {
    const a = health.availability(modelKey);
    return a.available ? { ok: true } : { ok: false, reason: a.detail };
  },
});

/** Observed median latency of successful calls in the last hour, for latency constraints. */
export const latencyView = (health: ExecutionHealth): LatencyView => ({
  observedSeconds: (modelKey) => {
    const ms = health.medianLatencyMs(modelKey);
    return ms === null ? null : ms / 1000;
  },
});
