import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../shared/providers';
import { fakeConnection } from '../fake/connections';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import type { ChatMessage, StreamEvent } from '../types';
import { ProviderAdapter } from './adapter';

// A real 2×2 PNG: what a user would attach, small enough to read in a failure message.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/xkgFAAb8gP91pbyKwAAAABJRU5ErkJggg==';
const PNG_BYTES = Buffer.from(PNG_BASE64, 'base64');
const PNG_SHA = createHash('sha256').update(PNG_BYTES).digest('hex').slice(0, 12);

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const messages: ChatMessage[] = [
  { role: 'system', content: 'Describe images briefly.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image', image: PNG_BASE64, mediaType: 'image/png' },
    ],
  },
];

/** One case per wire format the fake speaks, plus OpenAI-dialect SDKs that take images. */
const CASES: Array<{ provider: ProviderId; model: string; wire: string }> = [
  { provider: 'openai', model: 'gpt-4o-mini', wire: 'openai' },
  { provider: 'anthropic', model: 'claude-haiku-4-5', wire: 'anthropic' },
  { provider: 'google', model: 'gemini-2.5-flash', wire: 'gemini' },
  { provider: 'mistral', model: 'pixtral-12b-2409', wire: 'openai' },
  { provider: 'xai', model: 'grok-4', wire: 'openai' },
];

describe.each(CASES)(
  'an image through the $provider SDK reaches the fake intact',
  ({ provider, model, wire }) => {
    const adapter = () => new ProviderAdapter(fakeConnection(fake, provider, 'sk-images-test-key-7Hq2'));
    const seen = `[saw image image/png ${PNG_BYTES.length} bytes sha256:${PNG_SHA}]`;

    it('in a JSON call: the provider acknowledges the exact bytes and bills the image', async () => {
      const withImage = await adapter().generate({ model, messages });
      expect(withImage.text).toContain(seen);
      expect(withImage.text).toContain('What is in this picture?');
      const entry = fake.log.list().at(-1);
      expect(entry).toMatchObject({
        wire,
        model,
        images: [{ mediaType: 'image/png', bytes: PNG_BYTES.length, sha256: PNG_SHA }],
      });

      const textOnly = await adapter().generate({
        model,
        messages: [messages[0]!, { role: 'user', content: 'What is in this picture?' }],
      });
      expect(textOnly.text).not.toContain('[saw image');
      expect(withImage.usage.inputTokens! - textOnly.usage.inputTokens!).toBeGreaterThanOrEqual(85);
    });

    it('in a stream', async () => {
      let text = '';
      for await (const ev of adapter().stream({ model, messages }) as AsyncIterable<StreamEvent>) {
        if (ev.type === 'delta') text += ev.text;
      }
      expect(text).toContain(seen);
      expect(fake.log.list().at(-1)?.images).toHaveLength(1);
    });
  },
);

describe('the fake refuses a broken image the way a provider would', () => {
  it.each([
    [
      'openai',
      '/v1/chat/completions',
      {
        model: 'gpt-4o',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,not*base64!' } }],
          },
        ],
      },
    ],
    [
      'anthropic',
      '/v1/messages',
      {
        model: 'claude-haiku-4-5',
        max_tokens: 50,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'not*base64!' } },
            ],
          },
        ],
      },
    ],
    [
      'gemini',
      '/v1beta/models/gemini-2.5-flash:generateContent',
      {
        contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'not*base64!' } }] }],
      },
    ],
  ])('%s: 400 for image data that is not base64', async (_wire, path, body) => {
    const res = await fetch(`${fake.origin}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer k',
        'x-api-key': 'k',
        'x-goog-api-key': 'k',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not valid base64');
  });
});
