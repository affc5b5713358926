import type { GenerationError } from '../generationError';
import type { CascadeSettings, RetriedKind } from './settings';

/** What the cascade does after a failed call. */
export type NextStep =
  | { action: 'retry'; delayMs: number; timeoutFactor: number; why: string }
  | { action: 'next_model'; why: string }
  /** The provider refused the key: every model of that provider is skipped. */
  | { action: 'next_provider'; why: string }
  /** The request itself is wrong, or the caller cancelled: no other model would help. */
  | { action: 'stop'; why: string }
  /** Text already reached the caller: return it with the error, never retry silently. */
  | { action: 'return_partial'; why: string };

export interface StepContext {
  /** Calls made to this model in this request, the failed one included. */
  callsOnModel: number;
  /** Time left in the request's budget. */
  remainingMs: number;
  settings: CascadeSettings;
  random: () => number;
}

const RETRIED = new Set<string>(['rate_limit', 'server', 'overloaded', 'network', 'timeout']);

/** Full jitter (AWS): a uniform draw below the exponential ceiling, so retries of many clients spread out. */
export function fullJitterMs(
  retryIndex: number,
  s: CascadeSettings['backoff'],
  random: () => number,
): number {
  const ceiling = Math.min(s.capMs, s.baseMs * s.factor ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** The rules per failure class, as one pure function. */
export function nextStep(e: GenerationError, ctx: StepContext): NextStep {
  // Text the caller already has is returned with its error, a cancel included.
  if (e.partialText !== '') return { action: 'return_partial', why: 'text was already delivered' };
  if (e.kind === 'cancelled') return { action: 'stop', why: 'cancelled by the caller' };
  switch (e.kind) {
    case 'auth':
      return { action: 'next_provider', why: 'the provider refused the key' };
    case 'bad_request':
      return { action: 'stop', why: 'the request was rejected as invalid; another model would not help' };
    case 'context_length':
      return { action: 'next_model', why: 'the prompt does not fit this model' };
    case 'stream_cut':
      return { action: 'next_model', why: 'the stream failed before its first token' };
  }
  if (!RETRIED.has(e.kind) || !e.retryable) return { action: 'next_model', why: 'not retryable' };
  const kind = e.kind as RetriedKind;
  const { settings, callsOnModel } = ctx;
  const retriesDone = callsOnModel - 1;
  if (retriesDone >= settings.retries[kind] || callsOnModel >= settings.maxAttemptsPerModel) {
    return { action: 'next_model', why: `${kind}: retries on this model used up` };
  }
  if (kind === 'timeout') {
    const timeoutFactor = settings.timeoutRetryFactor;
    return {
      action: 'retry',
      delayMs: 0,
      timeoutFactor,
      why: `timeout: retry with ${timeoutFactor}× the deadline`,
    };
  }
  const retryAfter = kind === 'rate_limit' ? e.retryAfterMs : null;
  const delayMs =
    retryAfter !== null && retryAfter < ctx.remainingMs
      ? retryAfter
      : fullJitterMs(retriesDone, settings.backoff, ctx.random);
  if (delayMs >= ctx.remainingMs) {
    return { action: 'next_model', why: `${kind}: waiting ${delayMs} ms would exceed the time budget` };
  }
  const how = retryAfter !== null && delayMs === retryAfter ? 'Retry-After' : 'backoff';
  return { action: 'retry', delayMs, timeoutFactor: 1, why: `${kind}: ${how} ${delayMs} ms` };
}
