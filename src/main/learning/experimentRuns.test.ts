import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutedGeneration } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { startFakeProviders, type FakeProviderServer } from '../execution/fake/server';
import { KEY } from '../execution/test/harness';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { createDispatcher } from '../rpc/dispatch';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { assignArm, assignmentPoint } from './experiments';

/** A/B arms through real runs: execution assigns the arm, routing uses its strategy, the ledger keeps it. */
let fake: FakeProviderServer;
let dir: ReturnType<typeof tempDir>;
let services: Services;
beforeAll(async () => (fake = await startFakeProviders()));
afterAll(() => fake.close());
beforeEach(async () => {
  dir = tempDir();
  services = await Services.create({
    dataDir: dir.path,
    shell: 'headless',
    secrets: new MemorySecretStore({ openai: KEY, anthropic: KEY }),
  });
});
afterEach(() => {
  services.close();
  dir.cleanup();
});

async function data<T>(route: string, input: unknown): Promise<T> {
  const r = (await createDispatcher(services)(route, input, { source: 'http' })) as Result<T>;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

describe('A/B experiment on live runs', () => {
  it('routes each request with its arm’s strategy and reports the arms from the ledger', async () => {
    await data('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai });
    await data('providers.update', { provider: 'anthropic', baseUrl: fake.baseUrls.anthropic });
    // Only the two keyed providers answer here (the fake server); no local model servers run.
    for (const local of ['ollama', 'lmstudio'])
      await data('providers.update', { provider: local, enabled: false });
    const arms = [
      { name: 'base', strategy: 'auto', share: 0.5 },
      { name: 'cheap', strategy: 'constraints', share: 0.5 },
    ] as const;
    await data('experiments.create', { name: 'exp-live', arms });

    const runs: RoutedGeneration[] = [];
    for (let i = 0; i < 12; i++) {
      runs.push(
        await data('execution.run', {
          requestId: `pg-live-${i}-abcd`,
          request: { prompt: `Name prime number ${i}` },
        }),
      );
    }
    // Each run used the strategy of the arm its id hashes to.
    runs.forEach((r, i) => {
      const arm = assignArm(arms, assignmentPoint('exp-live', `pg-live-${i}-abcd`));
      expect(r.route.strategy).toBe(arm.strategy);
    });
    // A request that names its strategy stays out of the experiment.
    const named = await data<RoutedGeneration>('execution.run', {
      request: { prompt: 'hi', strategy: 'use_case' },
    });
    expect(named.route.strategy).toBe('use_case');

    type Report = { arms: { arm: string; requests: number; spendUsd: number }[] };
    const report = await data<Report>('experiments.report', { name: 'exp-live' });
    const expected = (name: string) =>
      runs.filter((_, i) => assignArm(arms, assignmentPoint('exp-live', `pg-live-${i}-abcd`)).name === name)
        .length;
    expect(report.arms.map((a) => [a.arm, a.requests])).toEqual([
      ['base', expected('base')],
      ['cheap', expected('cheap')],
    ]);
    expect(report.arms.every((a) => a.requests === 0 || a.spendUsd > 0)).toBe(true);
  });
});
