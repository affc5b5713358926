import { describe, expect, it } from 'vitest';
import { GenerationError, type ErrorKind } from '../generationError';
import { fullJitterMs, nextStep } from './nextStep';
import { resolveCascadeSettings } from './settings';

const s = resolveCascadeSettings({});
const err = (
  kind: ErrorKind,
  extra: Partial<{ retryAfterMs: number; partialText: string; retryable: boolean }> = {},
) =>
  new GenerationError({
    kind,
    provider: 'openai',
    status: null,
    retryAfterMs: extra.retryAfterMs ?? null,
    retryable: extra.retryable ?? !['auth', 'bad_request', 'context_length', 'cancelled'].includes(kind),
    requestId: null,
    detail: null,
    providerMessage: null,
    partialText: extra.partialText ?? '',
  });
const ctx = (callsOnModel = 1, remainingMs = 100_000) => ({
  callsOnModel,
  remainingMs,
  settings: s,
  random: () => 0.5,
});

describe('nextStep', () => {
  it.each<[ErrorKind, string]>([
    ['context_length', 'next_model'],
    ['stream_cut', 'next_model'],
    ['auth', 'next_provider'],
    ['bad_request', 'stop'],
    ['cancelled', 'stop'],
    ['server', 'retry'],
    ['overloaded', 'retry'],
    ['network', 'retry'],
    ['timeout', 'retry'],
    ['rate_limit', 'retry'],
  ])('%s → %s on the first call', (kind, action) => {
    expect(nextStep(err(kind), ctx()).action).toBe(action);
  });

  it('5xx, 529, network and timeout get one retry; 429 two (three calls per model)', () => {
    for (const kind of ['server', 'overloaded', 'network', 'timeout'] as const) {
      expect(nextStep(err(kind), ctx(2)).action).toBe('next_model');
    }
    expect(nextStep(err('rate_limit'), ctx(2)).action).toBe('retry');
    expect(nextStep(err('rate_limit'), ctx(3)).action).toBe('next_model');
  });

  it('a timeout retries at once with 1.5× the deadline', () => {
    expect(nextStep(err('timeout'), ctx())).toMatchObject({
      action: 'retry',
      delayMs: 0,
      timeoutFactor: 1.5,
    });
  });

  it('Retry-After is honoured when it fits the time left, else backoff; a wait that does not fit falls back', () => {
    expect(nextStep(err('rate_limit', { retryAfterMs: 2_000 }), ctx(1, 10_000))).toMatchObject({
      delayMs: 2_000,
    });
    expect(nextStep(err('rate_limit', { retryAfterMs: 20_000 }), ctx(1, 10_000))).toMatchObject({
      delayMs: 500,
    });
    expect(nextStep(err('rate_limit'), ctx(1, 400)).action).toBe('next_model');
  });

  it('never retries once text was delivered: the partial answer is returned', () => {
    expect(nextStep(err('stream_cut', { partialText: 'Hello' }), ctx()).action).toBe('return_partial');
    expect(nextStep(err('cancelled', { partialText: 'Hello' }), ctx()).action).toBe('return_partial');
  });

  it('an exhausted quota (429, not retryable) goes to the next model', () => {
    expect(nextStep(err('rate_limit', { retryable: false }), ctx()).action).toBe('next_model');
  });

  it('full jitter stays below min(cap, base × factor^n)', () => {
    const b = s.backoff;
    expect(fullJitterMs(0, b, () => 0.999)).toBe(999);
    expect(fullJitterMs(3, b, () => 0.999)).toBe(7_992);
    expect(fullJitterMs(10, b, () => 0.999)).toBe(29_970);
    expect(fullJitterMs(2, b, () => 0)).toBe(0);
  });
});
