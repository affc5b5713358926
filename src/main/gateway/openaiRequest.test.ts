import { describe, expect, it } from 'vitest';
import { ExecutionRunInputSchema } from '../../shared/contract/execution';
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

  it('builds exactly what the execution contract would parse (the gateway parses once)', () => {
    const bodies: unknown[] = [
      { model: 'auto', messages: [{ role: 'user', content: 'hi' }] },
      {
        model: 'switchyard/code_generation',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'function', content: 'result', name: 'f' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lGOD==' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'high' } },
              { type: 'refusal', refusal: 'no' },
            ],
          },
          { role: 'assistant', content: null },
          { role: 'user', content: [] },
        ],
        temperature: 0,
        max_tokens: 7,
        stream: false,
      },
      { model: 'switchyard/constraints', messages: [{ role: 'user', content: 'x' }], temperature: null },
      { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream: true },
    ];
    const withHeaders = headers({
      'x-switchyard-max-cost': '0.5',
      'x-switchyard-min-quality': '0',
      'x-switchyard-use-case': 'analysis',
    });
    for (const body of bodies) {
      for (const read of [none, withHeaders]) {
        const { input } = toExecutionInput(body, read, 'gw_0123456789');
        expect(ExecutionRunInputSchema.parse(input)).toEqual(input);
      }
    }
  });
});
