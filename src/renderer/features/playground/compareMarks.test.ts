import { describe, expect, it } from 'vitest';
import { compareMarks } from './compareMarks';
import type { RunState } from './runStore';
import { makeGeneration } from './testData';

const run = (costUsd: number | null, latencyMs: number, status: RunState['status'] = 'done'): RunState => ({
  requestId: 'pg-x',
  status,
  text: '',
  modelKey: null,
  simulated: null,
  attempts: [],
  result: makeGeneration({ costUsd, latencyMs }),
  error: null,
  startedAt: 0,
  cancelRequested: false,
  request: null,
});

describe('compareMarks', () => {
  it('marks the cheapest and the fastest answered runs, ties included', () => {
    expect(compareMarks([run(0.002, 900), run(0.001, 400), run(0.001, 1200)])).toEqual({
      cheapest: [1, 2],
      fastest: [1],
    });
  });

  it('ignores failed or running columns and marks nothing with fewer than two answers', () => {
    expect(compareMarks([run(0.001, 100, 'failed'), run(0.002, 200), run(null, 50, 'running')])).toEqual({
      cheapest: [],
      fastest: [],
    });
  });

  it('an unpriced answer can be fastest but not cheapest', () => {
    expect(compareMarks([run(null, 100), run(0.002, 200), run(0.003, 300)])).toEqual({
      cheapest: [1],
      fastest: [0],
    });
  });
});
