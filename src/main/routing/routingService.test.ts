import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoutingRequestSchema } from '../../shared/contract/routing';
import { tempDir } from '../test/tempDir';
import { RoutingService } from './routingService';
import { MemorySecretStore } from './test/memorySecrets';

describe('routing service in a long-running shell', () => {
  let dir: ReturnType<typeof tempDir>;
  let service: RoutingService;
  beforeEach(() => {
    dir = tempDir();
    service = new RoutingService({
      dataDir: dir.path,
      database: null,
      secrets: new MemorySecretStore(),
      simulate: true,
    });
  });
  afterEach(async () => {
    await service.close();
    dir.cleanup();
  });

  it('loads the exact token counter in the background before a decision needs it', async () => {
    service.prewarmExactCounts(0);
    expect(service.engine.counter.isWarm()).toBe(false);
    await vi.waitFor(() => expect(service.engine.counter.isWarm()).toBe(true), {
      timeout: 30_000,
      interval: 50,
    });
    // " hello" is one o200k token: 10,000 tokens sit on the fast band's limit, so this is counted.
    const prompt = `hello${' hello'.repeat(9_999)}`;
    const d = await service.decide(RoutingRequestSchema.parse({ prompt, strategy: 'context_bands' }));
    expect(d.tokens.method).toBe('exact');
    expect(d.matched).toBe('balanced band');
  });
});
