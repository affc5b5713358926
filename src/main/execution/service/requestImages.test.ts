import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../shared/contract';
import { servicesFixture } from '../../test/servicesFixture';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { KEY, upstreamCalls } from '../test/harness';

/**
 * An attached image through the contract on the real Services: routing picks a vision model, the
 * provider SDK sends the bytes to the fake, which acknowledges them; the ledger keeps the text only.
 */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/xkgFAAb8gP91pbyKwAAAABJRU5ErkJggg==';
const PNG_DATA_URL = `data:image/png;base64,${PNG_BASE64}`;
const PNG_LEN = Buffer.from(PNG_BASE64, 'base64').length;
const PNG_SHA = createHash('sha256').update(Buffer.from(PNG_BASE64, 'base64')).digest('hex').slice(0, 12);

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
const t = servicesFixture({ keys: { openai: KEY } });
const { call, data } = t;
beforeEach(async () => {
  fake.reset();
  await data('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai });
  await data('ledger.updateSettings', { storePrompts: true });
});

const ledgerRows = () =>
  (t.services.database!.db.prepare('SELECT COUNT(*) AS n FROM ledger_requests').get() as { n: number }).n;

describe('images in execution.run', () => {
  it('a chat message with an image goes to a vision model, which receives the exact bytes', async () => {
    const request: RouteInput<'routing.decide'> = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What colour is this square?' },
            { type: 'image', image: { width: 2, height: 2, data: PNG_DATA_URL } },
          ],
        },
      ],
      constraints: { preferredProviders: ['openai'] },
    };
    const decision = await data('routing.decide', request);
    expect(decision).toMatchObject({ provider: 'openai', vision: true });
    const r = await data('execution.run', { request, stream: true });

    expect(r.output).toContain(`[saw image image/png ${PNG_LEN} bytes sha256:${PNG_SHA}]`);
    const [upstream] = upstreamCalls(fake);
    expect(upstream?.images).toEqual([{ mediaType: 'image/png', bytes: PNG_LEN, sha256: PNG_SHA }]);

    // The ledger keeps the prompt's text and that an image was attached, never the image.
    const { requests } = await data('ledger.requests', { limit: 5 });
    const stored = await data('ledger.request', { id: requests[0]!.id });
    expect(stored.prompt).toEqual([{ role: 'user', content: 'What colour is this square?', images: 1 }]);
    const raw = t.services.database!.db.prepare('SELECT * FROM ledger_requests').all();
    expect(JSON.stringify(raw)).not.toContain(PNG_BASE64.slice(0, 40));
  });

  it('images attached to a plain prompt are sent too', async () => {
    const r = await data('execution.run', {
      request: { prompt: 'Describe it', images: [{ data: PNG_DATA_URL }], model: 'openai/gpt-4o-mini' },
    });
    expect(r.output).toContain(`sha256:${PNG_SHA}`);
  });

  it('an image over 1 MB is refused with PAYLOAD_TOO_LARGE before any call or ledger row', async () => {
    const big = `data:image/jpeg;base64,${Buffer.alloc(1024 * 1024 + 3).toString('base64')}`;
    const r = await call('execution.run', {
      request: { prompt: 'Too big', images: [{ data: big }], model: 'openai/gpt-4o-mini' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.error.message).toMatch(/Image 1 is 1\.0 MB; images up to 1\.0 MB can be sent/);
    expect(upstreamCalls(fake)).toHaveLength(0);
    expect(ledgerRows()).toBe(0);
  });

  it('a data URL that is not an image is a validation error naming the expected form', async () => {
    const r = await call('execution.run', {
      request: { prompt: 'x', images: [{ data: 'data:text/html;base64,PGI+aGk8L2I+' }] },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    if (!r.ok) expect(r.error.message).toContain('base64 data URL of a PNG, JPEG, GIF or WebP image');
  });

  it('an image in an assistant message is refused rather than silently dropped', async () => {
    const r = await call('execution.run', {
      request: {
        messages: [
          { role: 'assistant', content: [{ type: 'image', image: { data: PNG_DATA_URL } }] },
          { role: 'user', content: 'And now?' },
        ],
      },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(upstreamCalls(fake)).toHaveLength(0);
  });
});
