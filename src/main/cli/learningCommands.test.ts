import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { RULES_HISTORY_DIR } from '../routing/rules/rulesHistory';
import { tempDir } from '../test/tempDir';
import { runCli } from './program';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('switchyard experiments with rules-version arms', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  const cli = async (...args: string[]) => {
    const c = capture();
    const code = await runCli(['--data-dir', join(dir.path, 'data'), ...args], {
      io: c.io,
      secrets: new MemorySecretStore(),
    });
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  };

  it('creates an arm from a saved rules version (name=rules@<id>:share) and lists it that way', async () => {
    const yaml = join(dir.path, 'rules.yaml');
    expect((await cli('rules', 'export', '--out', yaml)).code).toBe(0);
    expect((await cli('rules', 'import', yaml)).code).toBe(0);
    const version = readdirSync(join(dir.path, 'data', RULES_HISTORY_DIR))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .at(-1)!
      .replace(/\.json$/, '');

    const created = await cli('experiments', 'create', 'cli-ab', 'a=auto:0.5', `b=rules@${version}:0.5`);
    expect(created).toMatchObject({ code: 0, out: 'started cli-ab' });
    const listed = await cli('experiments', 'list');
    expect(listed.out).toBe(`cli-ab  running  a=auto:0.5 b=rules@${version}:0.5`);
    const json = JSON.parse((await cli('--json', 'experiments', 'list')).out) as {
      experiments: { arms: { name: string; strategy: string | null; rulesVersion: string | null }[] }[];
    };
    expect(json.experiments[0]!.arms).toMatchObject([
      { name: 'a', strategy: 'auto', rulesVersion: null },
      { name: 'b', strategy: null, rulesVersion: version },
    ]);
  });

  it('says which arm is malformed (usage) and which version does not exist (NOT_FOUND)', async () => {
    const usage = await cli('experiments', 'create', 'bad', 'a=auto:0.5', 'b=rules@latest:0.5');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('name=rules@<version id>:share');
    const missing = await cli('experiments', 'create', 'gone', 'a=auto:0.5', 'b=rules@1700000000000-000:0.5');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('NOT_FOUND');
    expect((await cli('experiments', 'list')).out).toBe('No experiments.');
  });
});
