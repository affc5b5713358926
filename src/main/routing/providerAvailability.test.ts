import { describe, expect, it } from 'vitest';
import type { RouteOutput } from '../../shared/contract';
import { servicesFixture } from '../test/servicesFixture';

describe('provider availability in routing', () => {
  const t = servicesFixture({ keys: { openai: 'sk-test-availability-0001' } });
  const decide = (input: { prompt: string; model: string }) =>
    t.call<RouteOutput<'routing.decide'>>('routing.decide', input);

  it('a provider switched off in Settings is never routed to, and counts again once switched on', async () => {
    const pinned = { prompt: 'hello', model: 'openai/gpt-4o-mini' };
    const before = await decide(pinned);
    expect(before.ok && before.data.modelKey).toBe('openai/gpt-4o-mini');

    await t.data('providers.update', { provider: 'openai', enabled: false });
    const off = await decide(pinned);
    if (off.ok) {
      expect(off.data.provider).not.toBe('openai');
    } else {
      expect(off.error.code).toBe('NO_ELIGIBLE_MODEL');
      expect(JSON.stringify(off.error.details)).toContain('openai is disabled in Settings');
    }

    await t.data('providers.update', { provider: 'openai', enabled: true });
    const on = await decide(pinned);
    expect(on.ok && on.data.modelKey).toBe('openai/gpt-4o-mini');
  });
});
