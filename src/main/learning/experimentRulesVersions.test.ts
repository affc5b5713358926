import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutedGeneration } from '../../shared/contract';
import type { Experiment } from '../../shared/contract/learning';
import type { RoutingRules, RulesVersion } from '../../shared/contract/rules';
import type { Result } from '../../shared/errors';
import { startFakeProviders, type FakeProviderServer } from '../execution/fake/server';
import { KEY } from '../execution/test/harness';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { createDispatcher } from '../rpc/dispatch';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { assignArm, assignmentPoint } from './experiments';

/**
 * Arms that are saved rules versions: each request is decided under its arm's version (real runs
 * against the fake provider server, a real SQLite ledger), and promoting an arm puts that version
 * in force.
 */
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

async function call<T>(route: string, input: unknown): Promise<Result<T>> {
  return (await createDispatcher(services)(route, input, { source: 'http' })) as Result<T>;
}
async function data<T>(route: string, input: unknown): Promise<T> {
  const r = await call<T>(route, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

const MINI = 'openai/gpt-5-mini';
const HAIKU = 'anthropic/claude-haiku-4-5';
const NANO = 'openai/gpt-5-nano';

/** Saves rules that send short prompts (the fast context band) to `first`, then `second`. */
async function saveFastBand(first: string, second: string): Promise<string> {
  const { rules } = await data<{ rules: RoutingRules }>('rules.get', {});
  const next: RoutingRules = {
    ...rules,
    defaults: { ...rules.defaults, strategy: 'context_bands' },
    context_bands: { ...rules.context_bands, fast: [first, second] },
  };
  await data('rules.save', { rules: next });
  const { versions } = await data<{ versions: RulesVersion[] }>('rules.versions', {});
  return versions.find((v) => v.current)!.id;
}

async function setUpProviders(): Promise<void> {
  await data('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai });
  await data('providers.update', { provider: 'anthropic', baseUrl: fake.baseUrls.anthropic });
  for (const local of ['ollama', 'lmstudio'])
    await data('providers.update', { provider: local, enabled: false });
}

describe('A/B arms that are rules versions', () => {
  it('routes each request with its arm’s rules version, whatever is saved meanwhile', async () => {
    await setUpProviders();
    const openaiFirst = await saveFastBand(MINI, HAIKU);
    const anthropicFirst = await saveFastBand(HAIKU, MINI);
    // The rules in force now name neither order: only arms decide under the two versions.
    await saveFastBand(NANO, HAIKU);
    const arms = [
      { name: 'openai-first', rulesVersion: openaiFirst, share: 0.5 },
      { name: 'anthropic-first', rulesVersion: anthropicFirst, share: 0.5 },
    ];
    const started = await data<Experiment>('experiments.create', { name: 'band-order', arms });
    expect(started.arms.map((a) => [a.name, a.strategy, a.rulesVersion])).toEqual([
      ['openai-first', null, openaiFirst],
      ['anthropic-first', null, anthropicFirst],
    ]);
    // More than the 20 versions the history keeps are saved while the experiment runs: the arms
    // keep the rules they started with.
    for (let i = 0; i < 21; i++) await saveFastBand(i % 2 ? NANO : HAIKU, i % 2 ? HAIKU : NANO);
    const listed = await data<{ versions: RulesVersion[] }>('rules.versions', {});
    expect(listed.versions.some((v) => v.id === openaiFirst)).toBe(false);

    const ids = Array.from({ length: 16 }, (_, i) => `pg-ver-${i}-abcd`);
    const runs: RoutedGeneration[] = [];
    for (const requestId of ids)
      runs.push(await data('execution.run', { requestId, request: { prompt: 'Say hello' } }));
    const armOf = (id: string) => assignArm(arms, assignmentPoint('band-order', id)).name;
    runs.forEach((r, i) => {
      expect(r.route.strategy).toBe('context_bands');
      expect(r.modelKey).toBe(armOf(ids[i]!) === 'openai-first' ? MINI : HAIKU);
    });
    expect(new Set(runs.map((r) => r.modelKey)).size).toBe(2);

    // A request that names a strategy stays out of the experiment: the rules in force decide.
    const named = await data<RoutedGeneration>('execution.run', {
      request: { prompt: 'Say hello', strategy: 'context_bands' },
    });
    const inForce = (await data<{ rules: RoutingRules }>('rules.get', {})).rules.context_bands.fast[0];
    expect(named.modelKey).toBe(inForce);

    type Report = { arms: { arm: string; rulesVersion: string | null; requests: number }[] };
    const report = await data<Report>('experiments.report', { name: 'band-order' });
    expect(report.arms.map((a) => [a.arm, a.rulesVersion, a.requests])).toEqual([
      ['openai-first', openaiFirst, ids.filter((id) => armOf(id) === 'openai-first').length],
      ['anthropic-first', anthropicFirst, ids.filter((id) => armOf(id) === 'anthropic-first').length],
    ]);

    // Promote: the arm's version becomes the rules in force, and routing follows it.
    const ended = await data<Experiment>('experiments.end', {
      name: 'band-order',
      promote: 'anthropic-first',
    });
    expect([ended.status, ended.promotedArm]).toEqual(['promoted', 'anthropic-first']);
    const promoted = await data<{ rules: RoutingRules; source: string }>('rules.get', {});
    expect(promoted.rules.context_bands.fast).toEqual([HAIKU, MINI]);
    expect(promoted.rules.defaults.strategy).toBe('context_bands');
    const after = await data<RoutedGeneration>('execution.run', {
      requestId: ids.find((id) => armOf(id) === 'openai-first'),
      request: { prompt: 'Say hello again' },
    });
    expect(after.modelKey).toBe(HAIKU);
  });

  it('refuses an arm whose rules version does not exist, or that names a strategy too, storing nothing', async () => {
    const missing = await call('experiments.create', {
      name: 'ghost',
      arms: [
        { name: 'a', strategy: 'auto', share: 0.5 },
        { name: 'b', rulesVersion: '1700000000000-000', share: 0.5 },
      ],
    });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const both = await call('experiments.create', {
      name: 'both',
      arms: [
        { name: 'a', strategy: 'auto', share: 0.5 },
        { name: 'b', strategy: 'auto', rulesVersion: '1700000000000-000', share: 0.5 },
      ],
    });
    expect(both.ok ? null : both.error.code).toBe('VALIDATION_FAILED');
    const neither = await call('experiments.create', {
      name: 'neither',
      arms: [
        { name: 'a', strategy: 'auto', share: 0.5 },
        { name: 'b', share: 0.5 },
      ],
    });
    expect(neither.ok ? null : neither.error.code).toBe('VALIDATION_FAILED');
    expect((await data<{ experiments: unknown[] }>('experiments.list', {})).experiments).toEqual([]);
    // Nothing half-made blocks the next experiment.
    const version = await saveFastBand(MINI, HAIKU);
    const ok = await data<Experiment>('experiments.create', {
      name: 'ghost',
      arms: [
        { name: 'a', strategy: 'auto', share: 0.5 },
        { name: 'b', rulesVersion: version, share: 0.5 },
      ],
    });
    expect(ok.status).toBe('running');
  });

  it('an arm whose copied rules no longer validate fails no request and cannot be promoted', async () => {
    await setUpProviders();
    const version = await saveFastBand(MINI, HAIKU);
    await saveFastBand(HAIKU, MINI);
    const arms = [
      { name: 'control', strategy: 'context_bands', share: 0.5 },
      { name: 'old-rules', rulesVersion: version, share: 0.5 },
    ];
    await data('experiments.create', { name: 'stale', arms });
    // As after an upgrade whose rules schema no longer reads the copy.
    services
      .database!.db.prepare(
        "UPDATE app_meta SET value = '{\"version\": 99}' WHERE key LIKE 'experiment_arm_rules:%'",
      )
      .run();
    const ids = Array.from({ length: 8 }, (_, i) => `pg-stale-${i}-abcd`);
    const stale = ids.filter((id) => assignArm(arms, assignmentPoint('stale', id)).name === 'old-rules');
    expect(stale.length).toBeGreaterThan(0);
    for (const requestId of stale) {
      const r = await data<RoutedGeneration>('execution.run', {
        requestId,
        request: { prompt: 'Say hello' },
      });
      expect(r.modelKey).toBe(HAIKU); // the rules in force
    }
    type Report = { arms: { arm: string; requests: number }[] };
    const report = await data<Report>('experiments.report', { name: 'stale' });
    expect(report.arms.find((a) => a.arm === 'old-rules')!.requests).toBe(0);

    const promote = await call('experiments.end', { name: 'stale', promote: 'old-rules' });
    expect(promote.ok ? null : promote.error.code).toBe('EXPERIMENT_INVALID');
    const [still] = (await data<{ experiments: Experiment[] }>('experiments.list', {})).experiments;
    expect(still!.status).toBe('running');
    expect((await data<{ rules: RoutingRules }>('rules.get', {})).rules.context_bands.fast[0]).toBe(HAIKU);
  });
});
