import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { createDispatcher } from '../rpc/dispatch';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { MemorySecretStore } from './test/memorySecrets';

describe('provider availability in routing', () => {
  let dir: ReturnType<typeof tempDir>;
  let services: Services;
  beforeEach(async () => {
    dir = tempDir();
    services = await Services.create({
      dataDir: dir.path,
      shell: 'headless',
      secrets: new MemorySecretStore({ openai: 'sk-test-availability-0001' }),
    });
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });
  const call = (route: string, input: unknown) =>
    createDispatcher(services)(route, input, { source: 'http' }) as Promise<Result<Record<string, unknown>>>;

  it('a provider switched off in Settings is never routed to, and counts again once switched on', async () => {
    const pinned = { prompt: 'hello', model: 'openai/gpt-4o-mini' };
    const before = await call('routing.decide', pinned);
    expect(before.ok && before.data.modelKey).toBe('openai/gpt-4o-mini');

    expect((await call('providers.update', { provider: 'openai', enabled: false })).ok).toBe(true);
    const off = await call('routing.decide', pinned);
    if (off.ok) {
      expect(off.data.provider).not.toBe('openai');
    } else {
      expect(off.error.code).toBe('NO_ELIGIBLE_MODEL');
      expect(JSON.stringify(off.error.details)).toContain('openai is disabled in Settings');
    }

    expect((await call('providers.update', { provider: 'openai', enabled: true })).ok).toBe(true);
    const on = await call('routing.decide', pinned);
    expect(on.ok && on.data.modelKey).toBe('openai/gpt-4o-mini');
  });
});
