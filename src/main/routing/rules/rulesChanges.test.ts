import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/tempDir';
import { defaultRules } from './defaultRules';
import { RulesStore, type RulesChange } from './rulesStore';

// What an open Rules screen learns from: every change of the rules in force, with who made it.
describe('changes of the rules in force', () => {
  let dir: ReturnType<typeof tempDir>;
  let shell: RulesStore;
  let changes: RulesChange[];
  beforeEach(() => {
    dir = tempDir();
    shell = new RulesStore(dir.path);
    changes = [];
    shell.onChange((c) => changes.push(c));
  });
  afterEach(() => {
    shell.close();
    dir.cleanup();
  });

  const withFastBelow = (n: number) => {
    const r = defaultRules();
    r.context_bands.fast_below = n;
    return r;
  };

  it('reports its own saves with who saved', () => {
    shell.save(withFastBelow(9_000), Date.now(), 'promoting the A/B arm "b"');
    expect(changes.map((c) => c.by)).toEqual(['promoting the A/B arm "b"']);
    expect(shell.lastChange?.by).toBe('promoting the A/B arm "b"');
  });

  it('a watching shell picks up rules saved by another process', async () => {
    shell.watch();
    const cli = new RulesStore(dir.path); // the CLI's `rules import`, another process on this data dir
    cli.save(withFastBelow(7_000));
    await vi.waitFor(() => expect(changes).toHaveLength(1), { timeout: 10_000, interval: 100 });
    expect(changes[0]!.by).toMatch(/another program/);
    expect(shell.current().context_bands.fast_below).toBe(7_000);

    cli.close();
  });
});
