import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors';
import { simulatedRouting } from '../test/simulatedRouting';
import { defaultRules } from './defaultRules';
import { checkRulesYaml } from './rulesDocument';
import { RULES_FILE, RulesStore } from './rulesStore';
import { rulesToYaml } from './rulesYaml';

describe('rules as YAML', () => {
  it('exports the classic shape and reads it back unchanged', () => {
    const yaml = rulesToYaml(defaultRules());
    expect(yaml).toContain('complexity_tiers:\n');
    expect(yaml).toMatch(
      / {2}simple:\n {4}complexity_range: \[ 0, 0\.3 \]\n {4}models:\n {6}- groq\/llama-3\.1-8b-instant/,
    );
    expect(yaml).toMatch(/budget_tiers:\n {2}ultra_economy:\n {4}max_cost_per_request: 0\.001/);
    const back = checkRulesYaml(yaml);
    expect(back).toMatchObject({ ok: true, warnings: [] });
    expect(back.ok && back.rules).toEqual(defaultRules());
  });

  it('takes left-out sections from the defaults', () => {
    const r = checkRulesYaml(
      'version: 1\ncontext_bands:\n' + sectionYaml('context_bands').replace('10000', '8000'),
    );
    expect(r.ok && r.rules.context_bands.fast_below).toBe(8000);
    expect(r.ok && r.rules.use_cases).toEqual(defaultRules().use_cases);
  });

  it('rejects a bad document with the path and line of every problem', () => {
    const yaml = [
      'version: 1', //                                  1
      'defaults:', //                                   2
      '  strategy: fastest', //                         3  not a strategy
      '  expected_output_tokens: 512', //               4
      '  max_fallbacks: 3', //                          5
      '  use_case_min_confidence: 0.5', //              6
      '  exact_count_margin: 0.1', //                   7
      '  temprature: 0.2', //                           8  misspelt key
      'complexity_tiers:', //                           9
      '  simple:', //                                  10
      '    complexity_range: [0, 0.3]', //             11
      '    models: [groq/llama-3.1-8b-instant]', //    12
      '    max_tokens: many', //                       13  not a number
      '    temperature: 0.3', //                       14
      '    min_quality: 0.5', //                       15
      '  hard:', //                                    16
      '    complexity_range: [0.4, 1]', //             17  gap 0.3–0.4
      '    models: [openai/gpt-5]', //                 18
      '    max_tokens: 4096', //                       19
      '    temperature: 0.3', //                       20
      '    min_quality: 0.9', //                       21
    ].join('\n');
    const r = checkRulesYaml(yaml);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.map((p) => [p.path, p.line]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['defaults.strategy', 3],
        ['defaults.temprature', 8],
        ['complexity_tiers.simple.max_tokens', 13],
      ]),
    );
    // The tier gap is a whole-document check, reported once the fields parse.
    const fixed = yaml.replace('fastest', 'auto').replace('  temprature: 0.2\n', '').replace('many', '1024');
    const gap = checkRulesYaml(fixed);
    expect(gap.ok ? [] : gap.problems).toEqual([
      {
        path: 'complexity_tiers.hard.complexity_range',
        line: 16,
        column: 23,
        message: 'starts at 0.4 but the previous tier ends at 0.3',
      },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const r = checkRulesYaml('version: 1\ndefaults:\n  strategy: [auto\n  max_fallbacks: 3\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('warns, with the line, about models the catalog does not have', () => {
    const yaml = rulesToYaml(defaultRules()).replace('groq/llama-3.1-8b-instant', 'groq/llama-9-imaginary');
    const r = checkRulesYaml(yaml, (k) => k !== 'groq/llama-9-imaginary');
    expect(r.ok).toBe(true);
    const line = yaml.split('\n').findIndex((l) => l.includes('llama-9-imaginary')) + 1;
    expect(r.ok && r.warnings[0]).toMatchObject({ path: 'complexity_tiers.simple.models.0', line });
  });
});

describe('rules stored in the data dir', () => {
  const routing = simulatedRouting();

  it('saves valid rules so the next start uses them', () => {
    const yaml = rulesToYaml(defaultRules()).replace('fast_below: 10000', 'fast_below: 12000');
    routing.service.saveRules({ yaml });
    const reopened = new RulesStore(routing.dataDir);
    expect(reopened.source).toBe('saved');
    expect(reopened.current().context_bands.fast_below).toBe(12000);
  });

  it('rejects an invalid import whole: VALIDATION_FAILED, nothing written, old rules in force', () => {
    routing.service.saveRules({
      yaml: rulesToYaml(defaultRules()).replace('max_fallbacks: 3', 'max_fallbacks: 2'),
    });
    const before = readFileSync(join(routing.dataDir, RULES_FILE), 'utf8');
    const bad = rulesToYaml(defaultRules())
      .replace('max_fallbacks: 3', 'max_fallbacks: 1')
      .replace('long_from: 50000', 'long_from: 5000');
    let error: unknown;
    try {
      routing.service.saveRules({ yaml: bad });
    } catch (e) {
      error = e;
    }
    expect(isSwitchyardError(error) && error.code).toBe('VALIDATION_FAILED');
    expect(isSwitchyardError(error) && error.details?.problems).toEqual([
      expect.objectContaining({ path: 'context_bands.long_from', message: 'must be above fast_below' }),
    ]);
    expect(readFileSync(join(routing.dataDir, RULES_FILE), 'utf8')).toBe(before);
    expect(routing.service.rules.current().defaults.max_fallbacks).toBe(2);
  });

  it('falls back to the defaults, and says why, when the saved file was broken by hand', () => {
    writeFileSync(join(routing.dataDir, RULES_FILE), '{"version": 1, "defaults": {"strategy": 7}}');
    const store = new RulesStore(routing.dataDir);
    expect(store.source).toBe('default');
    expect(store.loadProblem).toMatch(/invalid at defaults.strategy/);
    expect(existsSync(join(routing.dataDir, RULES_FILE))).toBe(true);
  });
});

function sectionYaml(section: 'context_bands'): string {
  const yaml = rulesToYaml(defaultRules());
  const start = yaml.indexOf(`${section}:\n`) + section.length + 2;
  const end = yaml.indexOf('\n# ', start) === -1 ? yaml.length : yaml.indexOf('\n# ', start);
  const body = yaml.slice(start, end);
  return body.slice(0, body.search(/\n\S/) + 1 || undefined);
}
