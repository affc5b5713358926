import { describe, expect, it } from 'vitest';
import { classifyFailure, type FailureContext } from './classifyFailure';

/** Cases the fake does not inject, classified from the shapes the SDKs hand over. */
const ctx: FailureContext = {
  provider: 'anthropic',
  secrets: ['sk-ant-secret-value-123456'],
  abortCause: null,
  timeoutMs: null,
  stream: { responseStarted: true },
  partialText: 'Half an ans',
};

const apiCallError = (statusCode: number, body: object, headers: Record<string, string> = {}) =>
  Object.assign(new Error('provider said no'), {
    name: 'AI_APICallError',
    statusCode,
    responseHeaders: headers,
    responseBody: JSON.stringify(body),
  });

describe('classifyFailure', () => {
  it('reads an Anthropic overloaded error sent inside a running stream', () => {
    const e = classifyFailure({ type: 'overloaded_error', message: 'Overloaded' }, ctx);
    expect([e.kind, e.status, e.providerMessage, e.partialText]).toEqual([
      'overloaded',
      null,
      'Overloaded',
      'Half an ans',
    ]);
    // Text already reached the caller, so the cascade must not retry silently.
    expect(e.retryable).toBe(false);
  });

  it('treats an exhausted quota as a rate limit that waiting will not fix', () => {
    const e = classifyFailure(
      apiCallError(429, {
        error: { message: 'You exceeded your current quota', code: 'insufficient_quota' },
      }),
      { ...ctx, partialText: '', stream: null },
    );
    expect([e.kind, e.retryable]).toEqual(['rate_limit', false]);
  });

  it('treats gateway timeouts as timeouts and other 4xx as bad requests that name the reason', () => {
    const base = { ...ctx, partialText: '', stream: null };
    expect(classifyFailure(apiCallError(504, { error: { message: 'upstream timed out' } }), base).kind).toBe(
      'timeout',
    );
    const e = classifyFailure(apiCallError(404, { error: { message: 'model: claude-9 not found' } }), base);
    expect(e.kind).toBe('bad_request');
    expect(e.message).toBe(
      'HTTP 404: bad request: model: claude-9 not found (not retryable, provider: anthropic)',
    );
  });

  it('scrubs the key from a provider message and keeps the request id', () => {
    const e = classifyFailure(
      apiCallError(
        400,
        { error: { message: 'bad header x-api-key: sk-ant-secret-value-123456' } },
        { 'request-id': 'req_9' },
      ),
      { ...ctx, partialText: '', stream: null },
    );
    expect(e.message).not.toContain('secret-value');
    expect(e.requestId).toBe('req_9');
  });
});
