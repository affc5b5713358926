import { describe, expect, it } from 'vitest';
import type { RoutingRules } from '../../shared/contract/rules';
import { armFor, experimentFixture } from './testing/experimentFixture';

/**
 * Arms that are saved rules versions: each request is decided under its arm's version (real runs
 * against the fake provider server, a real SQLite ledger), and promoting an arm puts that version
 * in force.
 */
const t = experimentFixture({ fakeProviders: true });
const { call, data } = t;

const MINI = 'openai/gpt-5-mini';
const HAIKU = 'anthropic/claude-haiku-4-5';
const NANO = 'openai/gpt-5-nano';

/** Saves rules that send short prompts (the fast context band) to `first`, then `second`. */
async function saveFastBand(first: string, second: string): Promise<string> {
  const { rules } = await data('rules.get', {});
  const next: RoutingRules = {
    ...rules,
    defaults: { ...rules.defaults, strategy: 'context_bands' },
    context_bands: { ...rules.context_bands, fast: [first, second] },
  };
  await data('rules.save', { rules: next });
  const { versions } = await data('rules.versions', {});
  return versions.find((v) => v.current)!.id;
}

describe('A/B arms that are rules versions', () => {
  it('routes each request with its arm’s rules version, whatever is saved meanwhile', async () => {
    await t.useFakeProviders();
    const openaiFirst = await saveFastBand(MINI, HAIKU);
    const anthropicFirst = await saveFastBand(HAIKU, MINI);
    // The rules in force now name neither order: only arms decide under the two versions.
    await saveFastBand(NANO, HAIKU);
    const arms = [
      { name: 'openai-first', rulesVersion: openaiFirst, share: 0.5 },
      { name: 'anthropic-first', rulesVersion: anthropicFirst, share: 0.5 },
    ];
    const started = await data('experiments.create', { name: 'band-order', arms });
    expect(started.arms.map((a) => [a.name, a.strategy, a.rulesVersion])).toEqual([
      ['openai-first', null, openaiFirst],
      ['anthropic-first', null, anthropicFirst],
    ]);
    // More than the 20 versions the history keeps are saved while the experiment runs: the arms
    // keep the rules they started with.
    for (let i = 0; i < 21; i++) await saveFastBand(i % 2 ? NANO : HAIKU, i % 2 ? HAIKU : NANO);
    const listed = await data('rules.versions', {});
    expect(listed.versions.some((v) => v.id === openaiFirst)).toBe(false);

    const ids = Array.from({ length: 16 }, (_, i) => `pg-ver-${i}-abcd`);
    const runs = [];
    for (const requestId of ids)
      runs.push(await data('execution.run', { requestId, request: { prompt: 'Say hello' } }));
    const armOf = (id: string) => armFor('band-order', arms, id).name;
    runs.forEach((r, i) => {
      expect(r.route.strategy).toBe('context_bands');
      expect(r.modelKey).toBe(armOf(ids[i]!) === 'openai-first' ? MINI : HAIKU);
    });
    expect(new Set(runs.map((r) => r.modelKey)).size).toBe(2);

    // A request that names a strategy stays out of the experiment: the rules in force decide.
    const named = await data('execution.run', {
      request: { prompt: 'Say hello', strategy: 'context_bands' },
    });
    const inForce = (await data('rules.get', {})).rules.context_bands.fast[0];
    expect(named.modelKey).toBe(inForce);

    const report = await data('experiments.report', { name: 'band-order' });
    expect(report.arms.map((a) => [a.arm, a.rulesVersion, a.requests])).toEqual([
      ['openai-first', openaiFirst, ids.filter((id) => armOf(id) === 'openai-first').length],
      ['anthropic-first', anthropicFirst, ids.filter((id) => armOf(id) === 'anthropic-first').length],
    ]);

    // Promote: the arm's version becomes the rules in force, and routing follows it.
    const ended = await data('experiments.end', {
      name: 'band-order',
      promote: 'anthropic-first',
    });
    expect([ended.status, ended.promotedArm]).toEqual(['promoted', 'anthropic-first']);
    const promoted = await data('rules.get', {});
    expect(promoted.rules.context_bands.fast).toEqual([HAIKU, MINI]);
    expect(promoted.rules.defaults.strategy).toBe('context_bands');
    const after = await data('execution.run', {
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
    expect((await data('experiments.list', {})).experiments).toEqual([]);
    // Nothing half-made blocks the next experiment.
    const version = await saveFastBand(MINI, HAIKU);
    const ok = await data('experiments.create', {
      name: 'ghost',
      arms: [
        { name: 'a', strategy: 'auto', share: 0.5 },
        { name: 'b', rulesVersion: version, share: 0.5 },
      ],
    });
    expect(ok.status).toBe('running');
  });

  it('an arm whose copied rules no longer validate fails no request and cannot be promoted', async () => {
    await t.useFakeProviders();
    const version = await saveFastBand(MINI, HAIKU);
    await saveFastBand(HAIKU, MINI);
    const arms = [
      { name: 'control', strategy: 'context_bands' as const, share: 0.5 },
      { name: 'old-rules', rulesVersion: version, share: 0.5 },
    ];
    await data('experiments.create', { name: 'stale', arms });
    // As after an upgrade whose rules schema no longer reads the copy.
    t.services
      .database!.db.prepare(
        "UPDATE app_meta SET value = '{\"version\": 99}' WHERE key LIKE 'experiment_arm_rules:%'",
      )
      .run();
    const ids = Array.from({ length: 8 }, (_, i) => `pg-stale-${i}-abcd`);
    const stale = ids.filter((id) => armFor('stale', arms, id).name === 'old-rules');
    expect(stale.length).toBeGreaterThan(0);
    for (const requestId of stale) {
      const r = await data('execution.run', {
        requestId,
        request: { prompt: 'Say hello' },
      });
      expect(r.modelKey).toBe(HAIKU); // the rules in force
    }
    const report = await data('experiments.report', { name: 'stale' });
    expect(report.arms.find((a) => a.arm === 'old-rules')!.requests).toBe(0);

    const promote = await call('experiments.end', { name: 'stale', promote: 'old-rules' });
    expect(promote.ok ? null : promote.error.code).toBe('EXPERIMENT_INVALID');
    const [still] = (await data('experiments.list', {})).experiments;
    expect(still!.status).toBe('running');
    expect((await data('rules.get', {})).rules.context_bands.fast[0]).toBe(HAIKU);
  });
});
