import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../shared/providers';
import { fakeConnection } from '../fake/connections';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import type { ChatMessage, GenerationResult, StreamEvent } from '../types';
import { ProviderAdapter } from './adapter';

/**
 * The fake's fidelity test: each provider's real SDK, through our adapter, must accept the fake's
 * answers as it accepts the real service's, with usage, finish reason and request id intact.
 */
let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const KEY = 'sk-fidelity-test-key-5f2a9c';
const messages: ChatMessage[] = [
  { role: 'system', content: 'Answer briefly.' },
  { role: 'user', content: 'Which route is cheapest?' },
];

/** Own packages for the three native wire formats and three OpenAI-dialect SDKs. */
const CASES: Array<{ provider: ProviderId; model: string }> = [
  { provider: 'openai', model: 'gpt-4o-mini' },
  { provider: 'anthropic', model: 'claude-haiku-4-5' },
  { provider: 'google', model: 'gemini-2.5-flash' },
  { provider: 'deepseek', model: 'deepseek-chat' },
  { provider: 'mistral', model: 'mistral-small-latest' },
  { provider: 'groq', model: 'llama-3.3-70b-versatile' },
  { provider: 'qwen', model: 'qwen-plus' },
];

async function collect(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ deltas: string[]; result: GenerationResult }> {
  const deltas: string[] = [];
  let result: GenerationResult | undefined;
  for await (const ev of stream) {
    if (ev.type === 'delta') deltas.push(ev.text);
    else result = ev.result;
  }
  if (!result) throw new Error('stream ended without a result');
  return { deltas, result };
}

const lastLogged = () => fake.log.list().at(-1);

describe.each(CASES)('$provider through its SDK against the fake', ({ provider, model }) => {
  const adapter = () => new ProviderAdapter(fakeConnection(fake, provider, KEY));

  it('returns a JSON answer with usage, finish reason and the provider request id', async () => {
    const r = await adapter().generate({ model, messages });
    expect(r.text).toContain('Which route is cheapest?');
    expect(r.finishReason).toBe('stop');
    expect(r.usage.inputTokens).toBeGreaterThan(10);
    expect(r.usage.outputTokens).toBeGreaterThan(10);
    expect(r.requestId).toBe(lastLogged()?.requestId);
    expect(r.provider).toBe(provider);
    expect(r.totalMs).toBeGreaterThanOrEqual(0);
  });

  it('streams the same answer in deltas and ends with usage, finish reason and request id', async () => {
    const json = await adapter().generate({ model, messages });
    const { deltas, result } = await collect(adapter().stream({ model, messages }));
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(json.text);
    expect(result.text).toBe(json.text);
    expect(result.usage.inputTokens).toBe(json.usage.inputTokens);
    expect(result.usage.outputTokens).toBe(json.usage.outputTokens);
    expect(result.finishReason).toBe('stop');
    expect(result.requestId).toBe(lastLogged()?.requestId);
    expect(result.timeToFirstTokenMs).toBeLessThanOrEqual(result.totalMs);
  });

  it('reports a capped answer as finish reason length', async () => {
    const r = await adapter().generate({
      model,
      messages: [{ role: 'user', content: 'Write at length [[words:400]]' }],
      maxOutputTokens: 16,
    });
    expect(r.finishReason).toBe('length');
    expect(r.usage.outputTokens).toBeLessThanOrEqual(16);
  });
});

describe('timing and the prompt cache', () => {
  it('measures time to first token separately from the total on a slow stream', async () => {
    const a = new ProviderAdapter(fakeConnection(fake, 'anthropic', KEY));
    const { result } = await collect(
      a.stream({
        model: 'claude-haiku-4-5',
        messages,
        headers: { 'x-fake-fault': 'first-token-delay=120;chunk-delay=15' },
      }),
    );
    expect(result.timeToFirstTokenMs).toBeGreaterThanOrEqual(110);
    expect(result.totalMs - result.timeToFirstTokenMs).toBeGreaterThanOrEqual(100);
  });

  it('passes on cached input tokens where the provider reports them and null where it does not', async () => {
    const long: ChatMessage[] = [{ role: 'user', content: 'policy '.repeat(800) }];
    const openai = new ProviderAdapter(fakeConnection(fake, 'openai', KEY));
    await openai.generate({ model: 'gpt-4o-mini', messages: long });
    expect(
      (await openai.generate({ model: 'gpt-4o-mini', messages: long })).usage.cachedInputTokens,
    ).toBeGreaterThan(1000);
    // Gemini omits cachedContentTokenCount when nothing was cached.
    const gemini = new ProviderAdapter(fakeConnection(fake, 'google', KEY));
    expect(
      (await gemini.generate({ model: 'gemini-2.5-flash', messages })).usage.cachedInputTokens,
    ).toBeNull();
  });
});

describe('listModels, the "test connection" call', () => {
  it.each<[ProviderId, string]>([
    ['openai', 'gpt-4o-mini'],
    ['anthropic', 'claude-haiku-4-5'],
    ['google', 'gemini-2.5-flash'],
    ['ollama', 'gpt-4o-mini'],
  ])('lists %s models in that provider’s dialect', async (provider, expected) => {
    const ids = await new ProviderAdapter(fakeConnection(fake, provider, KEY)).listModels();
    expect(ids).toContain(expected);
  });

  it('says there is no list where the provider has none', async () => {
    expect(await new ProviderAdapter(fakeConnection(fake, 'perplexity', KEY)).listModels()).toBeNull();
    expect(fake.log.list()).toHaveLength(0);
  });
});
