import type { AbortCause } from './classifyFailure';

/**
 * The signal an SDK call runs under: the caller's cancel plus our deadlines, remembering which
 * one fired, since "the user cancelled" and "the provider was too slow" lead to different actions.
 */
export class CallScope {
  private readonly controller = new AbortController();
  private readonly startedAt = performance.now();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The caller's signal this scope listens to (itself the listener: `handleEvent`, no closure per call). */
  private caller: AbortSignal | null = null;
  abortCause: AbortCause | null = null;
  firedTimeoutMs: number | null = null;

  constructor(callerSignal?: AbortSignal, timeoutMs?: number) {
    if (callerSignal?.aborted) this.abort('cancelled');
    else if (callerSignal) {
      callerSignal.addEventListener('abort', this, { once: true });
      this.caller = callerSignal;
    }
    if (timeoutMs !== undefined) this.deadline(timeoutMs);
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.abort('cancelled');
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts with `timeout` after `ms` unless the returned function is called first. */
  deadline(ms: number): () => void {
    const timer = setTimeout(() => {
      this.firedTimeoutMs = ms;
      this.abort('timeout');
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  abort(cause: AbortCause): void {
    if (this.abortCause !== null) return;
    this.abortCause = cause;
    this.controller.abort();
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.caller?.removeEventListener('abort', this);
    this.caller = null;
  }
}
