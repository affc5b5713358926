import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  IsolatedCircuitError,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { CircuitStateName } from '../../../shared/contract/health';
import { isGenerationError, type ErrorKind } from '../generationError';
import type { CascadeSettings } from '../cascade/settings';

/** Failures that say the model's side is unwell. 400s, 413s, 401/403 and 429s never count. */
const SERVER_SIDE = new Set<ErrorKind>(['server', 'overloaded', 'timeout', 'network', 'stream_cut']);

export interface CircuitSnapshot {
  state: CircuitStateName;
  /** Epoch ms; null when closed. */
  openedAt: number | null;
  /** Epoch ms when an open circuit lets a probe through; null when closed or forced open. */
  probeAt: number | null;
  consecutiveServerFailures: number;
}

/** cockatiel's `toJSON()` form, which is what we persist. */
interface PolicyJson {
  ownState: { value: CircuitState; openedAt?: number; attemptNo?: number };
  breakerState: number;
}

interface ModelCircuit {
  policy: CircuitBreakerPolicy;
  breaker: ConsecutiveBreaker;
}

export const isCircuitRejection = (e: unknown): boolean =>
  e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError;

/**
 * One cockatiel breaker per model (ConsecutiveBreaker + halfOpenAfter): N server-side failures in a
 * row open it, it stays open for the recovery timeout, then one probe goes through. Its state is
 * cockatiel's own `toJSON()`, persisted by the caller after every change and restored at start.
 *
 * cockatiel reads `Date.now()` for the open period, so breaker time is the system clock (tests move
 * it with fake timers). Two choices are ours, not cockatiel's defaults: while a probe is in flight
 * other requests skip the model instead of queueing behind the probe (`admits`), and a probe the
 * caller cancelled counts as a failure, since it proved nothing (cockatiel would close the circuit).
 */
export class CircuitBreakers {
  private readonly circuits = new Map<string, ModelCircuit>();

  constructor(
    private readonly settings: () => CascadeSettings['breaker'],
    private readonly onChange: (modelKey: string, state: CircuitStateName) => void,
  ) {}

  /** Recreates a model's breaker from its persisted JSON (a bad or foreign value starts closed). */
  restore(modelKey: string, json: string | null): void {
    let initial: unknown;
    try {
      initial = json ? (JSON.parse(json) as PolicyJson) : undefined;
    } catch {
      initial = undefined;
    }
    this.circuits.set(modelKey, this.create(modelKey, isPolicyJson(initial) ? initial : undefined));
  }

  snapshot(modelKey: string): CircuitSnapshot {
    const c = this.circuits.get(modelKey);
    if (!c) return { state: 'closed', openedAt: null, probeAt: null, consecutiveServerFailures: 0 };
    const own = (c.policy.toJSON() as PolicyJson).ownState;
    const failures = c.breaker.state;
    switch (c.policy.state) {
      case CircuitState.Isolated:
        return { state: 'forced_open', openedAt: null, probeAt: null, consecutiveServerFailures: failures };
      case CircuitState.HalfOpen:
        return { state: 'half_open', openedAt: null, probeAt: null, consecutiveServerFailures: failures };
      case CircuitState.Open: {
        const openedAt = own.openedAt ?? 0;
        const probeAt = openedAt + this.settings().recoveryTimeoutMs;
        return { state: 'open', openedAt, probeAt, consecutiveServerFailures: failures };
      }
      default:
        return { state: 'closed', openedAt: null, probeAt: null, consecutiveServerFailures: failures };
    }
  }

  /** Closed, or open with the recovery time passed and no probe in flight yet. */
  admits(modelKey: string): boolean {
    const s = this.snapshot(modelKey);
    if (s.state === 'closed') return true;
    return s.state === 'open' && s.probeAt !== null && Date.now() >= s.probeAt;
  }

  /** Runs one call under the model's breaker; throws BrokenCircuitError/IsolatedCircuitError when open. */
  run<T>(modelKey: string, call: () => Promise<T>): Promise<T> {
    return this.circuit(modelKey).policy.execute(call);
  }

  reset(modelKey: string): void {
    this.circuits.set(modelKey, this.create(modelKey, undefined));
    this.onChange(modelKey, 'closed');
  }

  forceOpen(modelKey: string): void {
    this.circuit(modelKey).policy.isolate();
  }

  /** cockatiel's JSON of the model's breaker, for persistence; null when it was never used. */
  serialize(modelKey: string): string | null {
    const c = this.circuits.get(modelKey);
    return c ? JSON.stringify(c.policy.toJSON()) : null;
  }

  keys(): string[] {
    return [...this.circuits.keys()];
  }

  private circuit(modelKey: string): ModelCircuit {
    let c = this.circuits.get(modelKey);
    if (!c) this.circuits.set(modelKey, (c = this.create(modelKey, undefined)));
    return c;
  }

  private create(modelKey: string, initialState: PolicyJson | undefined): ModelCircuit {
    const { failureThreshold, recoveryTimeoutMs } = this.settings();
    const breaker = new ConsecutiveBreaker(failureThreshold);
    let policy: CircuitBreakerPolicy | null = null;
    const counts = (e: unknown): boolean => {
      if (!isGenerationError(e)) return false;
      if (e.kind === 'cancelled') return policy?.state === CircuitState.HalfOpen;
      return SERVER_SIDE.has(e.kind);
    };
    policy = circuitBreaker(handleWhen(counts), { halfOpenAfter: recoveryTimeoutMs, breaker, initialState });
    policy.onStateChange((s) => this.onChange(modelKey, stateName(s)));
    return { policy, breaker };
  }
}

function stateName(s: CircuitState): CircuitStateName {
  if (s === CircuitState.Open) return 'open';
  if (s === CircuitState.HalfOpen) return 'half_open';
  if (s === CircuitState.Isolated) return 'forced_open';
  return 'closed';
}

function isPolicyJson(v: unknown): v is PolicyJson {
  const o = v as PolicyJson | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.breakerState === 'number' &&
    typeof o.ownState === 'object' &&
    o.ownState !== null &&
    [CircuitState.Closed, CircuitState.Open, CircuitState.Isolated].includes(o.ownState.value)
  );
}
