import type { ErrorKind } from '../generationError';

/** A model's lifetime counters; persisted, so they survive a restart. */
export interface ModelCounters {
  attempts: number;
  successes: number;
  failures: number;
  failuresByKind: Partial<Record<ErrorKind, number>>;
  consecutiveFailures: number;
  /** Epoch ms. */
  firstAt: number | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastErrorKind: ErrorKind | null;
  lastErrorMessage: string | null;
}

export const emptyCounters = (): ModelCounters => ({
  attempts: 0,
  successes: 0,
  failures: 0,
  failuresByKind: {},
  consecutiveFailures: 0,
  firstAt: null,
  lastSuccessAt: null,
  lastFailureAt: null,
  lastErrorKind: null,
  lastErrorMessage: null,
});

/** One finished call to a model (cancelled calls are not recorded: they say nothing about it). */
export interface CallOutcome {
  at: number;
  ok: boolean;
  latencyMs: number;
  kind: ErrorKind | null;
  message: string | null;
}

export interface WindowFigures {
  successRate5m: number | null;
  successRate1h: number | null;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  calls1h: number;
}

const FIVE_MINUTES = 5 * 60_000;
const ONE_HOUR = 60 * 60_000;
/** Enough for a busy hour of one model; the oldest samples go first beyond it. */
const MAX_SAMPLES = 20_000;

interface Sample {
  at: number;
  ok: boolean;
  latencyMs: number;
}

/**
 * Per-model counters plus the last hour of calls for success rates and latency percentiles. The
 * windows live in memory only: after a restart they start empty, the counters do not.
 */
export class ModelStats {
  readonly counters: ModelCounters;
  private samples: Sample[] = [];

  constructor(counters: ModelCounters = emptyCounters()) {
    this.counters = counters;
  }

  record(o: CallOutcome): void {
    const c = this.counters;
    c.attempts += 1;
    c.firstAt ??= o.at;
    if (o.ok) {
      c.successes += 1;
      c.consecutiveFailures = 0;
      c.lastSuccessAt = o.at;
    } else {
      c.failures += 1;
      c.consecutiveFailures += 1;
      c.lastFailureAt = o.at;
      c.lastErrorKind = o.kind;
      c.lastErrorMessage = o.message;
      if (o.kind) c.failuresByKind[o.kind] = (c.failuresByKind[o.kind] ?? 0) + 1;
    }
    this.samples.push({ at: o.at, ok: o.ok, latencyMs: o.latencyMs });
    this.prune(o.at);
  }

  resetStreak(): void {
    this.counters.consecutiveFailures = 0;
  }

  windows(now: number): WindowFigures {
    this.prune(now);
    const lastHour = this.samples;
    const last5 = lastHour.filter((s) => s.at >= now - FIVE_MINUTES);
    const latencies = lastHour
      .filter((s) => s.ok)
      .map((s) => s.latencyMs)
      .sort((a, b) => a - b);
    return {
      successRate5m: successRate(last5),
      successRate1h: successRate(lastHour),
      p50LatencyMs: percentile(latencies, 0.5),
      p95LatencyMs: percentile(latencies, 0.95),
      calls1h: lastHour.length,
    };
  }

  private prune(now: number): void {
    const from = now - ONE_HOUR;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop]!.at < from) drop++;
    if (this.samples.length - drop > MAX_SAMPLES) drop = this.samples.length - MAX_SAMPLES;
    if (drop > 0) this.samples.splice(0, drop);
  }
}

function successRate(samples: readonly Sample[]): number | null {
  if (samples.length === 0) return null;
  return samples.filter((s) => s.ok).length / samples.length;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}
