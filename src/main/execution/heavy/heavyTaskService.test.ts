import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRules } from '../../routing/rules/defaultRules';
import { openLedgerFixture, type LedgerFixture } from '../../ledger/testing/ledgerFixture';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { fault, upstreamCalls } from '../test/harness';
import { mergeSections } from './merge';
import { analyzeStep } from './stepAnalysis';
import { heavyRig, step } from './testing';

let fake: FakeProviderServer;
let fx: LedgerFixture;
let rig: ReturnType<typeof heavyRig>;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fx = openLedgerFixture();
  rig = heavyRig(fake, fx.ledger, fx.events);
});
afterEach(async () => {
  await rig.close();
  fx.close();
  fx.cleanup();
});

/** ~10k tokens of source (about 4 characters a token). */
const bigFile = (name: string) => `// ${name}\n` + `export const value_${name} = 'x';\n`.repeat(1_250);

const fourFiles = step({
  description: 'Review each module for error handling gaps and list concrete fixes.',
  type: 'analysis',
  inputFiles: ['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((f) => ({ path: `src/${f}`, content: bigFile(f) })),
});

const sectioned = step({
  description: 'Write a command line inventory tool.',
  type: 'code_generation',
  language: 'python',
  expectedLines: 600,
  targetFile: 'inventory.py',
});

describe('analysis', () => {
  it('splits by the rules: tokens, files and expected lines, each with its reason', () => {
    const rules = defaultRules().chunking;
    const a = analyzeStep(fourFiles, rules);
    expect(a.shouldSplit).toBe(true);
    expect(a.estimatedTokens).toBeGreaterThan(30_000);
    expect(a.reasons.join(' | ')).toMatch(/input tokens is more than the 30,000-token limit.*4 input files/);
    expect(a.strategy).toBe('by_file');
    expect(a.chunks.map((c) => c.name)).toEqual(['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts']);

    expect(analyzeStep(sectioned, rules)).toMatchObject({ shouldSplit: true, strategy: 'by_section' });
    expect(analyzeStep(sectioned, rules).chunks.map((c) => c.name)).toEqual([
      'imports', 'constants', 'types', 'utilities', 'classes', 'functions', 'main',
    ]); // prettier-ignore
    const small = step({ description: 'Write a helper.', expectedLines: 150 });
    expect(analyzeStep(small, rules)).toMatchObject({ shouldSplit: false, strategy: null, reasons: [] });
    // Thresholds are the user's: raise the line limit and the 600-line file is one call.
    expect(analyzeStep(sectioned, { ...rules, max_code_lines: 1_000 }).shouldSplit).toBe(false);
  });

  it('reads components from the description and orders TypeScript sections its own way', () => {
    const rules = defaultRules().chunking;
    const c = analyzeStep(
      step({
        description: 'Build the service:\n- parser\n- cache layer\n- http api',
        expectedLines: 900,
        language: 'ts',
      }),
      rules,
    );
    expect(c).toMatchObject({ strategy: 'by_component' });
    expect(c.chunks.map((x) => x.name)).toEqual(['parser', 'cache layer', 'http api']);
    const ts = analyzeStep(
      step({ description: 'A big module.', expectedLines: 900, language: 'typescript' }),
      rules,
    );
    expect(ts.chunks.map((x) => x.name)).toEqual([
      'imports',
      'types',
      'constants',
      'helpers',
      'classes',
      'functions',
      'exports',
    ]);
  });
});

describe('merging', () => {
  it('hoists imports to the top once and keeps the sections in order', () => {
    const merged = mergeSections(
      [
        '```python\nimport os\nfrom typing import List\n```',
        'import os\nMAX = 3',
        'from typing import List\n\ndef run() -> List[int]:\n    return [MAX]',
      ],
      'python',
    );
    expect(merged).toBe(
      'import os\nfrom typing import List\n\nMAX = 3\n\ndef run() -> List[int]:\n    return [MAX]\n',
    );
  });
});

describe('running a heavy step against the fake provider', () => {
  it('splits a 40k-token, 4-file step by file, merges a file map, and records one parent with every chunk', async () => {
    const seen: string[] = [];
    const result = await rig.tasks.run('task_four_files', fourFiles, {
      source: 'ui',
      onProgress: (current, total, name) => seen.push(`${current}/${total} ${name}`),
    });
    expect(result.status).toBe('done');
    expect(result.strategy).toBe('by_file');
    expect(result.files.map((f) => f.path)).toEqual([
      'src/a.ts.analysis.md', 'src/b.ts.analysis.md', 'src/c.ts.analysis.md', 'src/d.ts.analysis.md',
    ]); // prettier-ignore
    for (const f of result.files) expect(f.content.trim().length).toBeGreaterThan(0);
    expect(upstreamCalls(fake)).toHaveLength(4);
    expect(seen).toContain('4/4 src/d.ts');

    const totals = rig.tasks.totals(result.ledgerTaskId ?? -1);
    expect(totals).toMatchObject({ kind: 'step', strategy: 'by_file', requests: 4, attempts: 4 });
    expect(totals.chunks.map((c) => c.chunk)).toEqual(['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts']);
    const chunkSum = result.chunks.reduce((s, c) => s + c.costUsd, 0);
    expect(totals.costUsd).toBeGreaterThan(0);
    expect(totals.costUsd).toBeCloseTo(chunkSum, 9);
    expect(result.costUsd).toBe(totals.costUsd);
    // The parent's total is what the ledger's own request rows add up to.
    const all = fx.ledger.db
      .prepare('SELECT SUM(cost_nanos) AS n, COUNT(*) AS c FROM ledger_requests')
      .get() as {
      n: number;
      c: number;
    };
    expect(all.c).toBe(4);
    expect(totals.costUsd).toBeCloseTo(all.n / 1e9, 9);
  });

  it('generates a large file section by section and retries a failing section alone', async () => {
    const result = await rig.tasks.run('task_sections', sectioned, {
      source: 'ui',
      onProgress: (current, _total, name) => {
        // The third section's calls fail twice with a 500: the cascade retries once, gives up,
        // and the task runs that section again by itself.
        if (name === 'types' && current === 2) fault(fake, 'status=500', 'gpt-4o-mini', 2);
      },
    });
    expect(result.status).toBe('done');
    expect(result.chunks.map((c) => [c.name, c.status, c.tries])).toEqual([
      ['imports', 'done', 1], ['constants', 'done', 1], ['types', 'done', 2], ['utilities', 'done', 1],
      ['classes', 'done', 1], ['functions', 'done', 1], ['main', 'done', 1],
    ]); // prettier-ignore
    expect(upstreamCalls(fake)).toHaveLength(9);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]?.path).toBe('inventory.py');
    for (const c of result.chunks) expect(result.files[0]?.content).toContain(c.output.trim().split(' ')[0]);

    const totals = rig.tasks.totals(result.ledgerTaskId ?? -1);
    expect(totals.requests).toBe(8); // seven sections, plus the failed run of "types"
    expect(totals.attempts).toBe(9);
    expect(totals.chunks.find((c) => c.chunk === 'types')).toMatchObject({ requests: 2, attempts: 3 });
    // The failed run is billed too (the ledger's estimate for calls without usage): the parent's
    // total is every linked row, which here is every row of the ledger.
    const all = fx.ledger.db.prepare('SELECT SUM(cost_nanos) AS n FROM ledger_requests').get() as {
      n: number;
    };
    expect(totals.costUsd).toBeCloseTo(all.n / 1e9, 9);
    expect(totals.costUsd).toBeGreaterThanOrEqual(result.chunks.reduce((s, c) => s + c.costUsd, 0));
    expect(result.costUsd).toBe(totals.costUsd);
  });

  it('cancelled midway, keeps the finished sections and their cost', async () => {
    let cancelled = false;
    const run = rig.tasks.run('task_cancel', sectioned, {
      source: 'ui',
      onProgress: (current, _total, name) => {
        if (name !== 'utilities' || current !== 3 || cancelled) return;
        cancelled = true;
        fault(fake, 'hang', 'gpt-4o-mini', 1);
        // Cancel once the hanging call has reached the provider.
        const poll = setInterval(() => {
          if (upstreamCalls(fake).length < 4) return;
          clearInterval(poll);
          rig.tasks.cancel('task_cancel');
        }, 5);
      },
    });
    const result = await run;
    expect(result.status).toBe('cancelled');
    expect(result.chunks.map((c) => c.status)).toEqual([
      'done', 'done', 'done', 'cancelled', 'cancelled', 'cancelled', 'cancelled',
    ]); // prettier-ignore
    // The hanging call was closed, not left to run.
    await vi.waitFor(() => expect(upstreamCalls(fake).at(-1)?.aborted).toBe(true));
    const file = result.files[0]?.content ?? '';
    for (const c of result.chunks.slice(0, 3)) expect(file).toContain(c.output.trim());
    const totals = rig.tasks.totals(result.ledgerTaskId ?? -1);
    expect(totals.chunks.map((c) => c.chunk)).toEqual(['imports', 'constants', 'types', 'utilities']);
    expect(totals.costUsd).toBeGreaterThan(0);
  });
});
