import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { startFakeProviders, type FakeProviderServer } from '../execution/fake/server';
import { KEY, upstreamCalls } from '../execution/test/harness';
import { startHeadless, type HeadlessServer } from '../headless/server';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { createDispatcher } from '../rpc/dispatch';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';

/**
 * The gateway says when an answer came from a cache, in JSON and in a stream: a real headless
 * server on a temp data dir (SQLite ledger with stored prompts), openai pointed at the fake.
 */
let fake: FakeProviderServer;
let dir: ReturnType<typeof tempDir>;
let services: Services;
let server: HeadlessServer;

const call = async (route: string, input: unknown): Promise<unknown> => {
  const r = (await createDispatcher(services)(route, input, { source: 'http' })) as Result<unknown>;
  if (!r.ok) throw new Error(`${route}: ${r.error.code} ${r.error.message}`);
  return r.data;
};
const complete = (content: string, extra: Record<string, unknown> = {}) =>
  fetch(`${server.gatewayBaseUrl}/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${services.accessToken.current}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content }], ...extra }),
  });

beforeAll(async () => {
  fake = await startFakeProviders();
  dir = tempDir();
  services = await Services.create({
    dataDir: join(dir.path, 'data'),
    shell: 'headless',
    secrets: new MemorySecretStore({ openai: KEY }),
  });
  await call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai });
  await call('ledger.updateSettings', { storePrompts: true });
  await call('execution.updateSimilarCache', { enabled: true });
  server = await startHeadless({ services, host: '127.0.0.1', port: 0, rendererDir: join(dir.path, 'ui') });
});

afterAll(async () => {
  await server.close();
  services.close();
  await fake.close();
  dir.cleanup();
});

describe('gateway cache headers', () => {
  it('marks a similar answer in JSON and in a stream; a fresh answer carries no cache header', async () => {
    const fresh = await complete('Which planet is known as the red planet? One word.');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-switchyard-cache')).toBeNull();
    const source = (await call('ledger.requests', { limit: 1 })) as { requests: { id: number }[] };
    const sourceId = String(source.requests[0]!.id);

    const json = await complete('which planet is known as the red planet? One word!');
    expect(json.headers.get('x-switchyard-cache')).toBe('similar');
    expect(Number(json.headers.get('x-switchyard-similarity'))).toBeGreaterThanOrEqual(0.85);
    expect(json.headers.get('x-switchyard-similar-to')).toBe(sourceId);
    expect(json.headers.get('x-switchyard-cost-usd')).toBe('0');

    const stream = await complete('Which planet is known as the red planet? One word', { stream: true });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('x-switchyard-cache')).toBe('similar');
    expect(stream.headers.get('x-switchyard-similar-to')).toBe(sourceId);
    expect(await stream.text()).toContain('[DONE]');
    expect(upstreamCalls(fake)).toHaveLength(1);
  });
});
