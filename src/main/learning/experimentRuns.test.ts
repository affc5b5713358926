import { describe, expect, it } from 'vitest';
import { armFor, experimentFixture } from './testing/experimentFixture';

/** A/B arms through real runs: execution assigns the arm, routing uses its strategy, the ledger keeps it. */
const t = experimentFixture({ fakeProviders: true });

describe('A/B experiment on live runs', () => {
  it('routes each request with its arm’s strategy and reports the arms from the ledger', async () => {
    await t.useFakeProviders();
    const arms = [
      { name: 'base', strategy: 'auto', share: 0.5 },
      { name: 'cheap', strategy: 'constraints', share: 0.5 },
    ] as const;
    await t.data('experiments.create', { name: 'exp-live', arms: [...arms] });

    const ids = Array.from({ length: 12 }, (_, i) => `pg-live-${i}-abcd`);
    const runs = [];
    for (const [i, requestId] of ids.entries())
      runs.push(await t.data('execution.run', { requestId, request: { prompt: `Name prime number ${i}` } }));
    // Each run used the strategy of the arm its id hashes to.
    runs.forEach((r, i) => expect(r.route.strategy).toBe(armFor('exp-live', arms, ids[i]!).strategy));
    // A request that names its strategy stays out of the experiment.
    const named = await t.data('execution.run', { request: { prompt: 'hi', strategy: 'use_case' } });
    expect(named.route.strategy).toBe('use_case');

    const report = await t.data('experiments.report', { name: 'exp-live' });
    const expected = (name: string) => ids.filter((id) => armFor('exp-live', arms, id).name === name).length;
    expect(report.arms.map((a) => [a.arm, a.requests])).toEqual([
      ['base', expected('base')],
      ['cheap', expected('cheap')],
    ]);
    expect(report.arms.every((a) => a.requests === 0 || a.spendUsd > 0)).toBe(true);
  });
});
