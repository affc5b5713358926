import { describe, expect, it } from 'vitest';
import type { UseCase } from '../../shared/contract';
import { okAttempt, okRequest, PRICES } from '../ledger/testing/ledgerFixture';
import { armLabel, assignArm, assignmentPoint } from './experiments';
import { experimentFixture } from './testing/experimentFixture';

const MINI = 'openai/gpt-4o-mini';
const SONNET = 'anthropic/claude-sonnet-4-5';
const FLASH = 'google/gemini-2.5-flash';

describe('learning routes on real Services', () => {
  const t = experimentFixture({ source: 'ui' });
  const { call, data } = t;

  let n = 0;
  const vote = (
    winner: string,
    loser: string,
    useCase: UseCase | null,
    verdict: 'winner' | 'tie' = 'winner',
  ) =>
    data('votes.record', {
      comparisonId: `cmp-test-${String(n++).padStart(4, '0')}`,
      verdict,
      winner: verdict === 'winner' ? 0 : undefined,
      useCase,
      candidates: [winner, loser].map((m, i) => ({
        target: m,
        modelKey: m,
        requestId: `pg-run-${n}-${i}-xx`,
        costUsd: 0.001,
        latencyMs: 900,
        simulated: true,
      })),
    });
  const rank = (b: { entries: { modelKey: string }[] }) => b.entries.map((e) => e.modelKey);

  it('votes shift the Bradley–Terry ratings, per use case, and the learned quality with them', async () => {
    for (let i = 0; i < 3; i++) await vote(SONNET, MINI, 'code_generation');
    await vote(MINI, FLASH, 'code_generation');
    let code = await data('learning.leaderboard', { useCase: 'code_generation' });
    expect(rank(code)).toEqual([SONNET, MINI, FLASH]);
    const sonnetBefore = code.entries[0]!;
    expect(sonnetBefore.qualityAdjustment).toBeGreaterThan(0);
    expect(code.entries[2]!.qualityAdjustment).toBeLessThan(0);

    // Mini starts winning code comparisons against Sonnet: the order turns over.
    for (let i = 0; i < 8; i++) await vote(MINI, SONNET, 'code_generation');
    code = await data('learning.leaderboard', { useCase: 'code_generation' });
    expect(rank(code)[0]).toBe(MINI);
    expect(code.entries.find((e) => e.modelKey === SONNET)!.rating).toBeLessThan(sonnetBefore.rating);
    expect(t.services.learning.view.voteAdjustment(MINI, 'code_generation')).toBeGreaterThan(0);

    // Other use cases keep their own ratings; a tie moves nobody apart.
    await vote(FLASH, MINI, 'summarization', 'tie');
    const summ = await data('learning.leaderboard', { useCase: 'summarization' });
    expect(summ.entries.map((e) => e.rating)).toEqual([1000, 1000]);
    const all = await data('learning.leaderboard', { useCase: null });
    expect(all.entries).toHaveLength(3);
  });

  it('A/B assignment is stable per request id and keeps the shares over 10k requests', () => {
    const arms = [
      { name: 'a', share: 0.5 },
      { name: 'b', share: 0.3 },
      { name: 'c', share: 0.2 },
    ];
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const id = `req-${i}`;
      const arm = assignArm(arms, assignmentPoint('exp1', id)).name;
      expect(assignArm(arms, assignmentPoint('exp1', id)).name).toBe(arm);
      counts.set(arm, (counts.get(arm) ?? 0) + 1);
    }
    // 3 standard deviations of a binomial at n = 10k is under 1.5 percentage points.
    for (const a of arms) expect(Math.abs(counts.get(a.name)! / 10_000 - a.share)).toBeLessThan(0.015);
    // Another experiment reshuffles: the same requests do not all land in the same arms again.
    const same = Array.from({ length: 1000 }, (_, i) => `req-${i}`).filter(
      (id) => assignArm(arms, assignmentPoint('exp1', id)) === assignArm(arms, assignmentPoint('exp2', id)),
    );
    expect(same.length).toBeLessThan(700);
  });

  it('runs an experiment: report per arm with intervals, bad shares refused, promote sets the default', async () => {
    const bad = await call('experiments.create', {
      name: 'bad',
      arms: [
        { name: 'a', strategy: 'auto', share: 0.5 },
        { name: 'b', strategy: 'constraints', share: 0.6 },
      ],
    });
    expect(!bad.ok && bad.error.code).toBe('EXPERIMENT_INVALID');
    expect((await data('experiments.list', {})).experiments).toHaveLength(0);

    await data('experiments.create', {
      name: 'cost-test',
      arms: [
        { name: 'auto', strategy: 'auto', share: 0.5 },
        { name: 'cheap', strategy: 'constraints', share: 0.5 },
      ],
    });
    const second = await call('experiments.create', {
      name: 'other',
      arms: [
        { name: 'a', strategy: 'auto', share: 0.5 },
        { name: 'b', strategy: 'learned', share: 0.5 },
      ],
    });
    expect(!second.ok && second.error.code).toBe('CONFLICT');

    // Requests recorded with their arm, as execution records them.
    const ledger = t.services.requireLedger();
    for (let i = 0; i < 20; i++) {
      const arm = t.services.learning.experiments!.assign(`pg-req-${i}`)!;
      const cheap = arm.arm === 'cheap';
      const attempt = okAttempt(
        'openai',
        'gpt-4o-mini',
        cheap ? PRICES.mini : PRICES.sonnet,
        1000,
        500,
        cheap ? 600 : 1200,
      );
      await ledger.record(
        okRequest(attempt, { arm: armLabel('cost-test', arm.arm), fallbackUsed: i % 5 === 0 }),
      );
    }
    const report = await data('experiments.report', { name: 'cost-test' });
    const [auto, cheap] = report.arms;
    expect(auto!.requests + cheap!.requests).toBe(20);
    expect(cheap!.spendUsd / cheap!.requests).toBeLessThan(auto!.spendUsd / auto!.requests);
    expect(cheap!.meanLatencyMs).toBe(600);
    expect(cheap!.fallbackRateCi![0]).toBeGreaterThanOrEqual(0);
    expect(cheap!.fallbackRateCi![1]).toBeLessThanOrEqual(1);

    const ended = await data('experiments.end', { name: 'cost-test', promote: 'cheap' });
    expect(ended.status).toBe('promoted');
    expect(t.services.routing.rules.current().defaults.strategy).toBe('constraints');
    expect(t.services.learning.experiments!.assign('pg-req-1')).toBeNull();
    const again = await call('experiments.end', { name: 'cost-test', promote: null });
    expect(!again.ok && again.error.code).toBe('EXPERIMENT_INVALID');
  });
});
