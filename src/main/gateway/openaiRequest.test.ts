import { describe, expect, it } from 'vitest';
import { InvalidRequest, routingFromModel, toExecutionInput } from './openaiRequest';

const none = (): undefined => undefined;
const headers =
  (h: Record<string, string>) =>
  (n: string): string | undefined =>
    h[n];
const refused = (f: () => unknown): InvalidRequest => {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidRequest) return e;
    throw e;
  }
  throw new Error('expected an InvalidRequest');
};

describe('gateway request translation', () => {
  it('reads model as auto, a use case, a strategy or a pinned model', () => {
    expect(routingFromModel('auto')).toEqual({});
    expect(routingFromModel('switchyard/code_generation')).toEqual({ useCase: 'code_generation' });
    expect(routingFromModel('switchyard/constraints')).toEqual({ strategy: 'constraints' });
    expect(routingFromModel('openai/gpt-4o-mini')).toEqual({ model: 'openai/gpt-4o-mini' });
    expect(refused(() => routingFromModel('gpt-4o')).param).toBe('model');
    expect(refused(() => routingFromModel('switchyard/pinned')).param).toBe('model');
  });

  it('maps messages, parts, limits and headers onto the execution input', () => {
    const call = toExecutionInput(
      {
        model: 'auto',
        messages: [
          { role: 'developer', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            ],
          },
          { role: 'assistant', content: null },
        ],
        max_tokens: 100,
        max_completion_tokens: 50,
        temperature: 0.2,
        stream: true,
        stream_options: { include_usage: true },
        user: 'u1',
        top_p: 0.9,
      },
      headers({
        'x-switchyard-max-cost': '0.01',
        'x-switchyard-max-latency': '3',
        'x-switchyard-min-quality': '0.7',
        'x-switchyard-use-case': 'analysis',
      }),
      'gw_0123456789',
    );
    expect(call).toMatchObject({ stream: true, includeUsage: true });
    expect(call.input).toMatchObject({
      requestId: 'gw_0123456789',
      temperature: 0.2,
      stream: true,
      request: {
        useCase: 'analysis',
        maxOutputTokens: 50,
        constraints: { maxCostUsd: 0.01, maxLatencySeconds: 3, minQuality: 0.7 },
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', image: { detail: 'low', data: 'data:image/png;base64,AAAA' } },
              // Not fetched: a routing hint only.
              { type: 'image', image: { detail: 'auto' } },
            ],
          },
          { role: 'assistant', content: '' },
        ],
      },
    });
  });

  it('names the offending field or header', () => {
    const msg = { messages: [{ role: 'user', content: 'hi' }] };
    expect(
      refused(() => toExecutionInput({ model: 'auto', messages: [] }, none, 'gw_0123456789')).param,
    ).toBe('messages');
    expect(
      refused(() =>
        toExecutionInput({ model: 'auto', messages: [{ role: 'user', content: 5 }] }, none, 'gw_0123456789'),
      ).param,
    ).toBe('messages[0].content');
    expect(
      refused(() => toExecutionInput({ model: 'auto', ...msg, tools: [{}] }, none, 'gw_0123456789')).param,
    ).toBe('tools');
    expect(
      refused(() =>
        toExecutionInput(
          { model: 'auto', ...msg },
          headers({ 'x-switchyard-max-cost': 'cheap' }),
          'gw_0123456789',
        ),
      ).param,
    ).toBe('x-switchyard-max-cost');
    expect(
      refused(() =>
        toExecutionInput(
          { model: 'auto', ...msg },
          headers({ 'x-switchyard-use-case': 'poetry' }),
          'gw_0123456789',
        ),
      ).param,
    ).toBe('x-switchyard-use-case');
  });
});
