import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SwitchyardError } from '../../../core/errors';
import { openLedgerFixture, type LedgerFixture } from '../../../ledger/testing/ledgerFixture';
import { startFakeProviders, type FakeProviderServer } from '../../fake/server';
import { unbudgeted } from '../../service/defaults';
import type { SpendGuard } from '../../service/ports';
import { upstreamCalls } from '../../test/harness';
import { heavyRig } from '../testing';
import { parseBatch } from './batchInput';

let fake: FakeProviderServer;
let fx: LedgerFixture;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fx = openLedgerFixture();
});
afterEach(() => {
  fx.close();
  fx.cleanup();
});

const jsonl = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({ id: `q${i + 1}`, prompt: `Question number ${i + 1}?` }),
  ).join('\n');

describe('batch input', () => {
  it('reads JSONL strings and objects, and CSV with a prompt column', () => {
    expect(parseBatch('jsonl', '"hello"\n\n{"prompt":"there","id":7,"use_case":"summarization"}\n')).toEqual([
      { id: '1', prompt: 'hello' },
      { id: '7', prompt: 'there', useCase: 'summarization' },
    ]);
    expect(parseBatch('csv', 'ID,Prompt\na,"one, with a comma"\nb,"two\nlines"\n')).toEqual([
      { id: 'a', prompt: 'one, with a comma' },
      { id: 'b', prompt: 'two\nlines' },
    ]);
  });

  it('names the bad line of a broken file', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return `${(e as SwitchyardError).code}: ${(e as SwitchyardError).message}`;
      }
      return 'no error';
    };
    expect(code(() => parseBatch('jsonl', '"ok"\n{"prompt": 3}\n'))).toMatch(/^BATCH_INPUT_INVALID: Line 2/);
    expect(code(() => parseBatch('jsonl', '"ok"\nnot json\n'))).toMatch(
      /^BATCH_INPUT_INVALID: Line 2 is not JSON/,
    );
    expect(code(() => parseBatch('csv', 'question\nhello\n'))).toMatch(/needs a "prompt" column/);
    expect(code(() => parseBatch('csv', 'prompt\n\n'))).toMatch(/no prompts/);
  });
});

describe('batch runs against the fake provider', () => {
  it('runs every row at most 3 at a time, records them under one parent, and exports model, cost and latency', async () => {
    const rig = heavyRig(fake, fx.ledger, fx.events);
    let peak = 0;
    fx.events.on('batch.progress', (p) => (peak = Math.max(peak, p.running)));
    const summary = await rig.batches.run(
      { batchId: 'batch_twelve', format: 'jsonl', text: jsonl(12), fileName: 'q.jsonl', concurrency: 3 },
      { source: 'ui' },
    );
    expect(summary).toMatchObject({ status: 'done', total: 12, succeeded: 12, failed: 0, skipped: 0 });
    expect(peak).toBe(3);
    expect(upstreamCalls(fake)).toHaveLength(12);
    const totals = rig.tasks.totals(summary.ledgerTaskId ?? -1);
    expect(totals).toMatchObject({ kind: 'batch', title: 'q.jsonl', requests: 12 });
    expect(totals.costUsd).toBeCloseTo(summary.costUsd, 9);

    const csv = parse(rig.batches.export('batch_twelve', 'csv').text, { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv).toHaveLength(12);
    expect(csv[0]).toMatchObject({
      id: 'q1',
      status: 'ok',
      model: 'openai/gpt-4o-mini',
      prompt: 'Question number 1?',
    });
    for (const r of csv) {
      expect(Number(r.cost_usd)).toBeGreaterThan(0);
      expect(Number(r.latency_ms)).toBeGreaterThanOrEqual(0);
    }
    const lines = rig.batches
      .export('batch_twelve', 'jsonl')
      .text.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(csv.map((r) => r.id));
    expect(lines[11]).toMatchObject({ model: 'openai/gpt-4o-mini', status: 'ok' });
    await rig.close();
  });

  it('stops when the budget refuses a row; the rows not started are skipped', async () => {
    let admitted = 0;
    const spend: SpendGuard = {
      admit: (r) => {
        if (++admitted > 4)
          throw new SwitchyardError('BUDGET_EXCEEDED', 'The daily budget of $1.00 would be exceeded.');
        return unbudgeted(r.chain[0]?.modelKey ?? '', 'test');
      },
      release: () => undefined,
    };
    const rig = heavyRig(fake, fx.ledger, fx.events, spend);
    const summary = await rig.batches.run(
      { batchId: 'batch_budget', format: 'jsonl', text: jsonl(20), fileName: 'q.jsonl', concurrency: 1 },
      { source: 'ui' },
    );
    expect(summary).toMatchObject({ status: 'budget_stopped', succeeded: 4, failed: 1, skipped: 15 });
    expect(summary.note).toMatch(/Stopped at row 5: The daily budget/);
    expect(upstreamCalls(fake)).toHaveLength(4);
    await rig.close();
  });

  it('pauses (rows in flight finish, none start) and resumes to the end', async () => {
    const rig = heavyRig(fake, fx.ledger, fx.events);
    let paused = false;
    fx.events.on('batch.progress', (p) => {
      if (!paused && p.done >= 2) {
        paused = true;
        rig.batches.pause('batch_pause');
      }
    });
    const run = rig.batches.run(
      { batchId: 'batch_pause', format: 'jsonl', text: jsonl(10), fileName: 'q.jsonl', concurrency: 2 },
      { source: 'ui' },
    );
    await vi.waitFor(() =>
      expect(paused && rig.batches.rows('batch_pause').rows.every((r) => r.status !== 'running')).toBe(true),
    );
    const held = rig.batches.rows('batch_pause');
    expect(held.summary.status).toBe('paused');
    const finished = held.summary.succeeded;
    expect(finished).toBeLessThan(10);
    expect(upstreamCalls(fake)).toHaveLength(finished);
    expect(rig.batches.resume('batch_pause')).toBe(true);
    expect(await run).toMatchObject({ status: 'done', succeeded: 10 });
    await rig.close();
  });
});
