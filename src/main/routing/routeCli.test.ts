import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingDecision } from '../../shared/contract/routing';
import { runCli, type CliDeps } from '../cli/program';
import { tempDir } from '../test/tempDir';
import { MemorySecretStore } from './test/memorySecrets';
import { longText } from './test/prompts';

function cli(dataDir: string, deps: CliDeps = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const run = (...argv: string[]) =>
    runCli(['--data-dir', dataDir, ...argv], {
      secrets: new MemorySecretStore(),
      ...deps,
      io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    });
  return { run, out, err, json: () => JSON.parse(out.join('\n')) as RoutingDecision };
}

describe('CLI route, end to end', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('--json prints the decision: a top-tier model for the CAP design prompt at min quality 0.95', async () => {
    const c = cli(dir.path);
    const prompt = 'Design a distributed cache system with CAP theorem considerations';
    expect(await c.run('--simulate', 'route', '--json', '--min-quality', '0.95', prompt)).toBe(0);
    const d = c.json();
    expect(d.estimate.quality).toBeGreaterThanOrEqual(0.95);
    expect(d.simulated).toBe(true);
    expect(d.fallbackChain.length).toBeGreaterThan(0);
  });

  it('reads the prompt from stdin with "-" and honours --max-cost', async () => {
    const c = cli(dir.path, { readStdin: async () => "Translate 'Hello' to French\n" });
    expect(await c.run('route', '--simulate', '--json', '--max-cost', '0.0001', '-')).toBe(0);
    expect(c.json().estimate.costUsd).toBeLessThanOrEqual(0.0001);
  });

  it('without --simulate only uses providers with a key in the keychain, or local ones', async () => {
    const c = cli(dir.path, { secrets: new MemorySecretStore({ deepseek: 'sk-test' }) });
    expect(await c.run('route', '--json', '--use-case', 'analysis', 'Compare two caching strategies')).toBe(
      0,
    );
    const d = c.json();
    expect(['deepseek', 'ollama', 'lmstudio']).toContain(d.provider);
    expect(d.alternatives).toContainEqual({
      modelKey: 'openai/gpt-5',
      status: 'rejected',
      reason: 'no openai key in the keychain',
    });
  });

  it('explains a decision in words, and lists every rejected model when none fits', async () => {
    const ok = cli(dir.path);
    expect(await ok.run('--simulate', 'route', '--image', '800x600', 'What is in this image?')).toBe(0);
    const text = ok.out.join('\n');
    expect(text).toMatch(/^→ \S+/);
    expect(text).toContain('    - groq/llama-3.1-8b-instant: lacks vision');
    const none = cli(dir.path);
    expect(
      await none.run('--simulate', 'route', '--min-quality', '0.99', '--max-cost', '0.0000001', 'Hi'),
    ).toBe(1);
    expect(none.err.at(-1)).toMatch(/^error NO_ELIGIBLE_MODEL: No model can serve this request/);
    expect(none.err).toContain('  groq/llama-3.1-8b-instant: quality 0.52 < min 0.99');
    expect(none.err.find((l) => l.startsWith('  anthropic/claude-opus-4-5: '))).toMatch(/> max cost/);
  });

  it('rules export and import round-trip, change routing, and reject a bad file with its lines', async () => {
    const file = join(dir.path, 'rules.yaml');
    expect(await cli(dir.path).run('rules', 'export', '--out', file)).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('fast_below: 10000', 'fast_below: 20000'));
    expect(await cli(dir.path).run('rules', 'import', file)).toBe(0);

    const c = cli(dir.path);
    expect(
      await c.run('--simulate', 'route', '--json', '--strategy', 'context_bands', longText(15_000)),
    ).toBe(0);
    expect(c.json().matched).toBe('fast band');

    writeFileSync(
      file,
      'version: 1\nbalancing:\n  mode: sideways\n  weights: {}\n  quality_tolerance: 0.03\n  cost_tolerance: 1.5\n',
    );
    const bad = cli(dir.path);
    expect(await bad.run('rules', 'import', file)).toBe(1);
    expect(bad.err[0]).toMatch(/rules\.yaml:3:9: balancing\.mode: Invalid option/);
    const after = cli(dir.path);
    expect(await after.run('rules', 'export')).toBe(0);
    expect(after.out.join('\n')).toContain('fast_below: 20000');
  });
});
