import { describe, expect, it, vi } from 'vitest';
import { RoutingRequestSchema } from '../../shared/contract/routing';
import { simulatedRouting } from './test/simulatedRouting';

describe('routing service in a long-running shell', () => {
  const routing = simulatedRouting();

  it('loads the exact token counter in the background before a decision needs it', async () => {
    routing.service.prewarmExactCounts(0);
    expect(routing.service.engine.counter.isWarm()).toBe(false);
    await vi.waitFor(() => expect(routing.service.engine.counter.isWarm()).toBe(true), {
      timeout: 30_000,
      interval: 50,
    });
    // " hello" is one o200k token: 10,000 tokens sit on the fast band's limit, so this is counted.
    const prompt = `hello${' hello'.repeat(9_999)}`;
    const d = await routing.service.decide(RoutingRequestSchema.parse({ prompt, strategy: 'context_bands' }));
    expect(d.tokens.method).toBe('exact');
    expect(d.matched).toBe('balanced band');
  });
});
