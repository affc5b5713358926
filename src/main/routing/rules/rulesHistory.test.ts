import { describe, expect, it } from 'vitest';
import { RoutingRequestSchema } from '../../../shared/contract/routing';
import { simulatedRouting } from '../test/simulatedRouting';
import { defaultRules } from './defaultRules';
import { RULES_HISTORY_LIMIT } from './rulesHistory';
import { RulesStore } from './rulesStore';

describe('rule versions and draft previews', () => {
  const routing = simulatedRouting();

  const withFastBelow = (n: number) => {
    const r = defaultRules();
    r.context_bands.fast_below = n;
    return r;
  };

  it('keeps the last 20 saved versions, newest first, the first save keeping what it replaced', () => {
    routing.service.saveRules({ rules: withFastBelow(11_000) });
    const first = routing.service.rulesVersions();
    expect(first.map((v) => v.summary)).toEqual([
      'strategy auto; bands 11k/50k; tiers 0.3/0.6/0.85',
      'strategy auto; bands 10k/50k; tiers 0.3/0.6/0.85',
    ]);
    expect(first.map((v) => v.current)).toEqual([true, false]);
    for (let i = 1; i <= 25; i += 1) routing.service.saveRules({ rules: withFastBelow(11_000 + i * 100) });
    const versions = routing.service.rulesVersions();
    expect(versions).toHaveLength(RULES_HISTORY_LIMIT);
    expect(versions[0]?.summary).toContain('bands 13.5k/50k');
    expect(new Set(versions.map((v) => v.id)).size).toBe(RULES_HISTORY_LIMIT);
  });

  it('restores an older version as the rules in force, across a restart', () => {
    routing.service.saveRules({ rules: withFastBelow(12_000) });
    routing.service.saveRules({ rules: withFastBelow(14_000) });
    const older = routing.service.rulesVersions().find((v) => v.summary.includes('12k'));
    routing.service.restoreRules(older!.id);
    expect(routing.service.rules.current().context_bands.fast_below).toBe(12_000);
    expect(new RulesStore(routing.dataDir).current().context_bands.fast_below).toBe(12_000);
    expect(routing.service.rulesVersions()[0]).toMatchObject({ current: true });
    expect(() => routing.service.restoreRules('1700000000000-000')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('previews a decision under draft rules without changing the rules in force', async () => {
    const request = RoutingRequestSchema.parse({ prompt: 'hello there', strategy: 'context_bands' });
    const draft = withFastBelow(1);
    const saved = await routing.service.decide(request);
    const previewed = await routing.service.decideWithDraft(request, draft);
    expect(saved.matched).toBe('fast band');
    expect(previewed.matched).toBe('balanced band');
    expect(routing.service.rules.current().context_bands.fast_below).toBe(10_000);
    const inverted = withFastBelow(60_000);
    await expect(routing.service.decideWithDraft(request, inverted)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: [expect.objectContaining({ path: 'context_bands.long_from' })] },
    });
  });
});
