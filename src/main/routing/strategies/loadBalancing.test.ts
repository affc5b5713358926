import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../catalog/modelCatalog';
import { NO_LATENCY_DATA } from '../liveState';
import type { ModelEstimate } from '../modelEstimate';
import { BalancerState, equivalentPool, type RankedCandidate } from './loadBalancing';

const catalog = new ModelCatalog(null);
const candidate = (key: string, costUsd = 0.001, latencySeconds = 1): RankedCandidate => ({
  model: catalog.get(key)!,
  estimate: { inputTokens: 10, outputTokens: 10, costUsd, latencySeconds } satisfies ModelEstimate,
});
const pool = [candidate('openai/gpt-4.1'), candidate('azure/gpt-4.1'), candidate('github/openai/gpt-4.1')];

describe('load balancing among equivalent candidates', () => {
  it('round-robin takes each in turn', () => {
    const state = new BalancerState();
    const picks = Array.from({ length: 6 }, () => state.pick(pool, 'round_robin', {}, NO_LATENCY_DATA).index);
    expect(picks).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('weighted spreads picks in proportion to the weights, interleaved', () => {
    const state = new BalancerState();
    const weights = { 'openai/gpt-4.1': 3, 'azure/gpt-4.1': 1, 'github/openai/gpt-4.1': 0.0001 };
    const picks = Array.from(
      { length: 8 },
      () => state.pick(pool, 'weighted', weights, NO_LATENCY_DATA).index,
    );
    expect(picks.filter((i) => i === 0)).toHaveLength(6);
    expect(picks.filter((i) => i === 1)).toHaveLength(2);
    expect(picks.slice(0, 4)).not.toEqual([0, 0, 0, 1]); // smooth: not three in a row then one
  });

  it('least-latency prefers observed latency over the catalog estimate', () => {
    const state = new BalancerState();
    const observed = { observedSeconds: (k: string) => (k === 'github/openai/gpt-4.1' ? 0.2 : null) };
    expect(state.pick(pool, 'least_latency', {}, observed).index).toBe(2);
  });

  it('never balances towards a much worse or much dearer model', () => {
    const mixed = [
      candidate('openai/gpt-5', 0.01),
      candidate('google/gemini-2.5-pro', 0.012),
      candidate('openai/gpt-4o-mini', 0.0001),
      candidate('anthropic/claude-opus-4-1', 0.1),
    ];
    const equivalent = equivalentPool(mixed, {
      mode: 'round_robin',
      weights: {},
      quality_tolerance: 0.03,
      cost_tolerance: 1.5,
    });
    expect(equivalent.map((c) => c.model.key)).toEqual(['openai/gpt-5', 'google/gemini-2.5-pro']);
  });
});
