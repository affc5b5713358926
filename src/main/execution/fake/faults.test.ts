import { describe, expect, it } from 'vitest';
import { describeFault, FaultQueue, FaultSyntaxError, parseFaultHeader } from './faults';

describe('fault header', () => {
  it('parses every key of the documented grammar', () => {
    const spec = parseFaultHeader(
      'status=429; retry-after=Wed, 21 Oct 2026 07:28:00 GMT; latency=5; first-token-delay=10; chunk-delay=2; cut-after=3; malformed; hang; body=%7B%22a%22%3A1%7D; error=rate_limit',
    );
    expect(spec).toEqual({
      status: 429,
      retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT',
      latencyMs: 5,
      firstTokenDelayMs: 10,
      chunkDelayMs: 2,
      cutAfter: 3,
      malformed: true,
      hang: true,
      body: '{"a":1}',
      error: 'rate_limit',
    });
  });

  it('round-trips through describeFault', () => {
    const header = 'status=503;retry-after=2;cut-after=1';
    expect(parseFaultHeader(describeFault(parseFaultHeader(header)))).toEqual(parseFaultHeader(header));
  });

  it('rejects typos and bad values instead of silently ignoring them', () => {
    expect(() => parseFaultHeader('stauts=429')).toThrow(FaultSyntaxError);
    expect(() => parseFaultHeader('status=200')).toThrow(FaultSyntaxError);
    expect(() => parseFaultHeader('error=meltdown')).toThrow(FaultSyntaxError);
    expect(() => parseFaultHeader('latency')).toThrow(FaultSyntaxError);
  });
});

describe('FaultQueue', () => {
  it('hands a fault to the next N matching requests only', () => {
    const q = new FaultQueue();
    q.add({ status: 500 }, { wire: 'openai', model: 'a' }, 2);
    expect(q.take('anthropic', 'a')).toBeNull();
    expect(q.take('openai', 'b')).toBeNull();
    expect(q.take('openai', 'a')).toEqual({ status: 500 });
    expect(q.take('openai', 'a')).toEqual({ status: 500 });
    expect(q.take('openai', 'a')).toBeNull();
    expect(q.list()).toEqual([]);
  });

  it('serves faults first in, first out', () => {
    const q = new FaultQueue();
    q.add({ status: 429 }, {}, 1);
    q.add({ status: 500 }, {}, 1);
    expect(q.take('gemini', null)?.status).toBe(429);
    expect(q.take('gemini', null)?.status).toBe(500);
  });
});
