import { describe, expect, it } from 'vitest';
import { parseRetryAfterHeader, retryAfterMs } from './retryAfter';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('Retry-After', () => {
  it('reads delay-seconds, including fractions', () => {
    expect(parseRetryAfterHeader('2', NOW)).toBe(2000);
    expect(parseRetryAfterHeader('0.5', NOW)).toBe(500);
  });

  it('reads an HTTP date relative to now, and a past date as "retry now"', () => {
    expect(parseRetryAfterHeader('Sun, 01 Mar 2026 12:00:07 GMT', NOW)).toBe(7000);
    expect(parseRetryAfterHeader('Sun, 01 Mar 2026 11:59:00 GMT', NOW)).toBe(0);
  });

  it('ignores values that are neither', () => {
    expect(parseRetryAfterHeader('soon', NOW)).toBeNull();
    expect(retryAfterMs({ 'retry-after': 'soon' }, undefined, NOW)).toBeNull();
    expect(retryAfterMs(undefined, undefined, NOW)).toBeNull();
  });

  it("prefers OpenAI's retry-after-ms over the seconds header", () => {
    expect(retryAfterMs({ 'retry-after-ms': '1250', 'retry-after': '2' }, undefined, NOW)).toBe(1250);
  });

  it("falls back to Gemini's RetryInfo in the error body", () => {
    const body = {
      error: {
        code: 429,
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3.5s' }],
      },
    };
    expect(retryAfterMs({}, body, NOW)).toBe(3500);
  });

  it('caps absurd waits at one day', () => {
    expect(parseRetryAfterHeader('99999999', NOW)).toBe(24 * 60 * 60 * 1000);
  });
});
