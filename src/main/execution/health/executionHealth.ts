import type { RoutingStats } from '../../../shared/contract/execution';
import type { CircuitStateName, ModelHealth } from '../../../shared/contract/health';
import { parseModelKey, type ProviderId } from '../../../shared/providers';
import type { Clock } from '../clock';
import type { CascadeSettings } from '../cascade/settings';
import { ERROR_KINDS, type ErrorKind } from '../generationError';
import { CircuitBreakers, type CircuitSnapshot } from './circuitBreakers';
import { ClientRateLimiter } from './clientRateLimiter';
import type { HealthStore } from './healthStore';
import { ModelStats, type CallOutcome } from './modelStats';

export type UnavailableReason = 'circuit_open' | 'cooldown' | 'local_rate_limit';

export type Availability =
  | { available: true }
  | { available: false; reason: UnavailableReason; detail: string; retryAt: number | null };

/**
 * What routing asks before it picks a model: is its circuit closed (or ready for a probe), is it
 * out of a 429 cooldown, and does the client-side rate limit have room for a call of this size.
 */
export interface ModelAvailability {
  availability(modelKey: string, estimatedTokens?: number): Availability;
}

export interface ExecutionHealthDeps {
  store: HealthStore;
  clock: Clock;
  settings: () => CascadeSettings;
  onCircuitChange?: (modelKey: string, state: CircuitStateName) => void;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Per-model health: breakers, 429 cooldowns, client-side rate limits and call statistics, persisted
 * through a HealthStore after every change so a restart keeps open circuits open.
 */
export class ExecutionHealth implements ModelAvailability {
  readonly breakers: CircuitBreakers;
  readonly limiter: ClientRateLimiter;
  private readonly stats = new Map<string, ModelStats>();
  private readonly cooldowns = new Map<string, number>();
  private storeFailed = false;
  private readonly pending = new Set<string>();
  private pendingTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ExecutionHealthDeps) {
    this.breakers = new CircuitBreakers(
      () => deps.settings().breaker,
      (modelKey, state) => {
        this.persist(modelKey);
        deps.onCircuitChange?.(modelKey, state);
      },
    );
    this.limiter = new ClientRateLimiter(deps.clock, deps.settings);
    for (const r of this.safeLoad()) {
      this.stats.set(r.modelKey, new ModelStats(r.counters));
      if (r.cooldownUntil !== null) this.cooldowns.set(r.modelKey, r.cooldownUntil);
      if (r.circuit !== null) this.breakers.restore(r.modelKey, r.circuit);
    }
  }

  availability(modelKey: string, estimatedTokens = 0): Availability {
    const circuit = this.breakers.snapshot(modelKey);
    if (!this.breakers.admits(modelKey)) {
      const detail =
        circuit.state === 'forced_open'
          ? 'circuit held open by hand'
          : circuit.state === 'half_open'
            ? 'circuit half-open: a probe is in flight'
            : `circuit open after ${circuit.consecutiveServerFailures} server-side failures in a row`;
      return { available: false, reason: 'circuit_open', detail, retryAt: circuit.probeAt };
    }
    const until = this.cooldownUntil(modelKey);
    if (until !== null) {
      return { available: false, reason: 'cooldown', detail: 'cooling down after a 429', retryAt: until };
    }
    const rate = this.limiter.check(modelKey, estimatedTokens);
    if (!rate.ok) {
      const retryAt = this.deps.clock.now() + rate.waitMs;
      return { available: false, reason: 'local_rate_limit', detail: `client limit ${rate.limit}`, retryAt };
    }
    return { available: true };
  }

  cooldownUntil(modelKey: string): number | null {
    const until = this.cooldowns.get(modelKey);
    return until !== undefined && until > this.deps.clock.now() ? until : null;
  }

  /** A 429: keep the model out of routing for Retry-After, or the default cooldown. */
  coolDown(modelKey: string, retryAfterMs: number | null): void {
    const ms = retryAfterMs ?? this.deps.settings().rateLimitCooldownMs;
    const until = this.deps.clock.now() + ms;
    this.cooldowns.set(modelKey, Math.max(until, this.cooldowns.get(modelKey) ?? 0));
    this.persist(modelKey);
  }

  recordCall(modelKey: string, outcome: CallOutcome): void {
    this.statsOf(modelKey).record(outcome);
    const endedCooldown = outcome.ok && this.cooldowns.delete(modelKey);
    if (outcome.ok && !endedCooldown) this.persistSoon(modelKey);
    else this.persist(modelKey);
  }

  /**
   * A plain success changes only counters (no circuit, no cooldown), so it is written with the
   * others at most once a second instead of one SQLite commit per call (issue #10: that upsert
   * was ~4% of the gateway's CPU per request). Failures, circuit changes and cooldowns are still
   * written at once; `flush()` (on close) writes what is pending.
   */
  private persistSoon(modelKey: string): void {
    this.pending.add(modelKey);
    if (this.pendingTimer) return;
    this.pendingTimer = setTimeout(() => this.flush(), PERSIST_BATCH_MS);
    this.pendingTimer.unref();
  }

  /** Writes the counters of models whose successes are not saved yet. */
  flush(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    const keys = [...this.pending];
    this.pending.clear();
    for (const k of keys) this.persist(k);
  }

  reset(modelKey: string): ModelHealth {
    this.cooldowns.delete(modelKey);
    this.statsOf(modelKey).resetStreak();
    this.breakers.reset(modelKey);
    return this.view(modelKey);
  }

  forceOpen(modelKey: string): ModelHealth {
    this.statsOf(modelKey);
    this.breakers.forceOpen(modelKey);
    return this.view(modelKey);
  }

  /** Median latency of successful calls in the last hour; null without any. */
  medianLatencyMs(modelKey: string): number | null {
    return this.stats.get(modelKey)?.windows(this.deps.clock.now()).p50LatencyMs ?? null;
  }

  /** Models with a history or a breaker, by key. */
  knownModels(): string[] {
    return [...new Set([...this.stats.keys(), ...this.breakers.keys()])].sort();
  }

  view(modelKey: string): ModelHealth {
    const now = this.deps.clock.now();
    const c = this.statsOf(modelKey).counters;
    const circuit = this.breakers.snapshot(modelKey);
    const availability = this.availability(modelKey);
    return {
      modelKey,
      provider: providerOf(modelKey),
      circuit: {
        state: shownState(circuit, now),
        openedAt: iso(circuit.openedAt),
        probeAt: iso(circuit.probeAt),
        consecutiveServerFailures: circuit.consecutiveServerFailures,
      },
      cooldownUntil: iso(this.cooldownUntil(modelKey)),
      available: availability.available,
      unavailableReason: availability.available ? null : availability.detail,
      totalAttempts: c.attempts,
      totalSuccesses: c.successes,
      totalFailures: c.failures,
      consecutiveFailures: c.consecutiveFailures,
      lastSuccessAt: iso(c.lastSuccessAt),
      lastFailureAt: iso(c.lastFailureAt),
      lastErrorKind: c.lastErrorKind,
      lastErrorMessage: c.lastErrorMessage,
      ...this.statsOf(modelKey).windows(now),
    };
  }

  routingStats(): Omit<RoutingStats, 'cacheHits' | 'similarHits' | 'sharedFlights'> {
    const byProvider = new Map<ProviderId, { attempts: number; successes: number; failures: number }>();
    const byFailureKind = Object.fromEntries(ERROR_KINDS.map((k) => [k, 0])) as Record<ErrorKind, number>;
    let since: number | null = null;
    const total = { attempts: 0, successes: 0, failures: 0 };
    for (const [key, s] of this.stats) {
      const c = s.counters;
      if (c.attempts === 0) continue;
      const p = byProvider.get(providerOf(key)) ?? { attempts: 0, successes: 0, failures: 0 };
      for (const t of [p, total]) {
        t.attempts += c.attempts;
        t.successes += c.successes;
        t.failures += c.failures;
      }
      byProvider.set(providerOf(key), p);
      for (const [kind, n] of Object.entries(c.failuresByKind)) byFailureKind[kind as ErrorKind] += n ?? 0;
      if (c.firstAt !== null && (since === null || c.firstAt < since)) since = c.firstAt;
    }
    const openCircuits = this.breakers
      .keys()
      .map((modelKey) => ({ modelKey, snap: this.breakers.snapshot(modelKey) }))
      .filter(({ snap }) => snap.state !== 'closed')
      .map(({ modelKey, snap }) => ({
        modelKey,
        state: shownState(snap, this.deps.clock.now()) as 'open' | 'half_open' | 'forced_open',
        probeAt: iso(snap.probeAt),
      }));
    return {
      since: iso(since),
      ...total,
      successRate: rate(total),
      byProvider: [...byProvider].map(([provider, t]) => ({ provider, ...t, successRate: rate(t) })),
      byFailureKind,
      openCircuits,
    };
  }

  private statsOf(modelKey: string): ModelStats {
    let s = this.stats.get(modelKey);
    if (!s) this.stats.set(modelKey, (s = new ModelStats()));
    return s;
  }

  private persist(modelKey: string): void {
    this.pending.delete(modelKey);
    try {
      this.deps.store.save({
        modelKey,
        counters: this.statsOf(modelKey).counters,
        cooldownUntil: this.cooldowns.get(modelKey) ?? null,
        circuit: this.breakers.serialize(modelKey),
      });
      this.storeFailed = false;
    } catch (e) {
      // Health is advisory: a locked or read-only database must not fail the user's request.
      if (!this.storeFailed)
        console.error('[switchyard] model health could not be saved:', (e as Error).message);
      this.storeFailed = true;
    }
  }

  private safeLoad() {
    try {
      return this.deps.store.load();
    } catch (e) {
      console.error('[switchyard] model health could not be loaded:', (e as Error).message);
      return [];
    }
  }
}

const PERSIST_BATCH_MS = 1_000;

/**
 * cockatiel moves an open breaker to half-open only when the next call arrives; people (and the
 * standard breaker vocabulary) call it half-open as soon as the recovery time has passed and the
 * next call would be let through as a probe. `probeAt` still says when that began.
 */
function shownState(c: CircuitSnapshot, now: number): CircuitStateName {
  return c.state === 'open' && c.probeAt !== null && now >= c.probeAt ? 'half_open' : c.state;
}

const providerOf = (modelKey: string): ProviderId => parseModelKey(modelKey)?.provider ?? 'custom';

function rate(t: { successes: number; failures: number }): number | null {
  const n = t.successes + t.failures;
  return n === 0 ? null : t.successes / n;
}
