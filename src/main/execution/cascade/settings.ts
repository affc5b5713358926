import type { CascadeRules } from '../../../shared/contract/execution';
import type { ErrorKind } from '../generationError';

export type RetriedKind = Extract<ErrorKind, 'rate_limit' | 'server' | 'overloaded' | 'network' | 'timeout'>;

export interface RateLimit {
  rpm: number | null;
  tpm: number | null;
}

/** The cascade's settings with every default filled in; the rules document holds only changes. */
export interface CascadeSettings {
  maxAttempts: number;
  totalTimeoutMs: number;
  attemptTimeoutMs: number;
  firstTokenTimeoutMs: number;
  timeoutRetryFactor: number;
  maxAttemptsPerModel: number;
  retries: Record<RetriedKind, number>;
  backoff: { baseMs: number; factor: number; capMs: number };
  rateLimitCooldownMs: number;
  breaker: { failureThreshold: number; recoveryTimeoutMs: number };
  cache: { enabled: boolean; ttlMs: number; maxEntries: number };
  /** Keyed by provider id or `<provider>/<model>`. */
  clientRateLimits: Record<string, RateLimit>;
  rateLimitMaxWaitMs: number;
}

/**
 * The numbers: at most 6 calls per request; 429 honours Retry-After or backs off with full
 * jitter (1 s, ×2, capped at 30 s) for at most 3 calls per model; 5xx, 529 and network errors get
 * one retry; a timeout one retry at 1.5× the deadline; breakers open after 5 server-side failures
 * in a row for 60 s; the cache keeps 128 answers for 300 s.
 */
export const DEFAULT_CASCADE_SETTINGS: CascadeSettings = {
  maxAttempts: 6,
  totalTimeoutMs: 180_000,
  attemptTimeoutMs: 60_000,
  firstTokenTimeoutMs: 30_000,
  timeoutRetryFactor: 1.5,
  maxAttemptsPerModel: 3,
  retries: { rate_limit: 2, server: 1, overloaded: 1, network: 1, timeout: 1 },
  backoff: { baseMs: 1_000, factor: 2, capMs: 30_000 },
  rateLimitCooldownMs: 10_000,
  breaker: { failureThreshold: 5, recoveryTimeoutMs: 60_000 },
  cache: { enabled: true, ttlMs: 300_000, maxEntries: 128 },
  clientRateLimits: {},
  rateLimitMaxWaitMs: 2_000,
};

/** The rules' `cascade` section (already validated by the contract) over the defaults. */
export function resolveCascadeSettings(rules: CascadeRules | undefined): CascadeSettings {
  const d = DEFAULT_CASCADE_SETTINGS;
  const r = rules ?? {};
  return {
    maxAttempts: r.max_attempts ?? d.maxAttempts,
    totalTimeoutMs: r.total_timeout_ms ?? d.totalTimeoutMs,
    attemptTimeoutMs: r.attempt_timeout_ms ?? d.attemptTimeoutMs,
    firstTokenTimeoutMs: r.first_token_timeout_ms ?? d.firstTokenTimeoutMs,
    timeoutRetryFactor: r.timeout_retry_factor ?? d.timeoutRetryFactor,
    maxAttemptsPerModel: r.max_attempts_per_model ?? d.maxAttemptsPerModel,
    retries: { ...d.retries, ...definedOnly(r.retries) },
    backoff: {
      baseMs: r.backoff?.base_ms ?? d.backoff.baseMs,
      factor: r.backoff?.factor ?? d.backoff.factor,
      capMs: r.backoff?.cap_ms ?? d.backoff.capMs,
    },
    rateLimitCooldownMs: r.rate_limit_cooldown_ms ?? d.rateLimitCooldownMs,
    breaker: {
      failureThreshold: r.breaker?.failure_threshold ?? d.breaker.failureThreshold,
      recoveryTimeoutMs: r.breaker?.recovery_timeout_ms ?? d.breaker.recoveryTimeoutMs,
    },
    cache: {
      enabled: r.cache?.enabled ?? d.cache.enabled,
      ttlMs: r.cache?.ttl_ms ?? d.cache.ttlMs,
      maxEntries: r.cache?.max_entries ?? d.cache.maxEntries,
    },
    clientRateLimits: Object.fromEntries(
      Object.entries(r.client_rate_limits ?? {}).map(([k, v]) => [
        k,
        { rpm: v.rpm ?? null, tpm: v.tpm ?? null },
      ]),
    ),
    rateLimitMaxWaitMs: r.rate_limit_max_wait_ms ?? d.rateLimitMaxWaitMs,
  };
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
