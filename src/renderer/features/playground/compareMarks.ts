import type { RunState } from './runStore';

/** Indexes of the cheapest and the fastest answered runs; marked once at least two have answered. */
export function compareMarks(runs: readonly (RunState | undefined)[]): {
  cheapest: number[];
  fastest: number[];
} {
  const answered = runs
    .map((run, i) => ({ i, result: run?.status === 'done' && !run.result?.error ? run.result : null }))
    .filter((r) => r.result !== null);
  if (answered.length < 2) return { cheapest: [], fastest: [] };
  const priced = answered.filter((r) => r.result?.costUsd !== null);
  const minCost = Math.min(...priced.map((r) => r.result?.costUsd ?? Infinity));
  const minLatency = Math.min(...answered.map((r) => r.result?.latencyMs ?? Infinity));
  return {
    cheapest: priced.length >= 2 ? priced.filter((r) => r.result?.costUsd === minCost).map((r) => r.i) : [],
    fastest: answered.filter((r) => r.result?.latencyMs === minLatency).map((r) => r.i),
  };
}
