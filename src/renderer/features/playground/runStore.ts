import { create } from 'zustand';
import type { Attempt, RoutedGeneration } from '../../../shared/contract/execution';
import type { RoutingRequest } from '../../../shared/contract/routing';
import type { ContractError } from '../../../shared/errors';

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** One execution.run as the UI follows it: events while it streams, then its RoutedGeneration. */
export interface RunState {
  requestId: string;
  status: RunStatus;
  /** The text so far (from execution.delta), replaced by the final output when the run ends. */
  text: string;
  /** The model being called now (execution.started, then the next one after each failed attempt). */
  modelKey: string | null;
  simulated: boolean | null;
  /** Failed or skipped attempts as they happen; the result's full list replaces them. */
  attempts: Attempt[];
  result: RoutedGeneration | null;
  error: ContractError | null;
  startedAt: number;
  cancelRequested: boolean;
  /** What was sent, so a cached answer can be run again for real. */
  request: RoutingRequest | null;
}

interface RunsState {
  runs: Record<string, RunState>;
  begin(requestId: string, request?: RoutingRequest): void;
  started(requestId: string, modelKey: string, simulated: boolean): void;
  appendText(chunks: Map<string, string>): void;
  attempt(requestId: string, attempt: Attempt): void;
  finish(requestId: string, result: RoutedGeneration): void;
  fail(requestId: string, error: ContractError): void;
  markCancelling(requestId: string): void;
  forget(requestIds: readonly string[]): void;
}

const update = (s: RunsState, id: string, patch: (r: RunState) => Partial<RunState>) => {
  const run = s.runs[id];
  return run ? { runs: { ...s.runs, [id]: { ...run, ...patch(run) } } } : s;
};

/** Runs in flight and finished, by request id; the single run and each compare column point here. */
export const useRuns = create<RunsState>((set) => ({
  runs: {},
  begin: (requestId, request) =>
    set((s) => ({
      runs: {
        ...s.runs,
        [requestId]: {
          requestId,
          status: 'running',
          text: '',
          modelKey: null,
          simulated: null,
          attempts: [],
          result: null,
          error: null,
          startedAt: Date.now(),
          cancelRequested: false,
          request: request ?? null,
        },
      },
    })),
  started: (id, modelKey, simulated) => set((s) => update(s, id, () => ({ modelKey, simulated }))),
  appendText: (chunks) =>
    set((s) => {
      const runs = { ...s.runs };
      for (const [id, text] of chunks) {
        const run = runs[id];
        if (run?.status === 'running') runs[id] = { ...run, text: run.text + text };
      }
      return { runs };
    }),
  attempt: (id, attempt) => set((s) => update(s, id, (r) => ({ attempts: [...r.attempts, attempt] }))),
  finish: (id, result) =>
    set((s) =>
      update(s, id, (r) => ({
        status:
          result.error?.code === 'CANCELLED' || (r.cancelRequested && result.partial) ? 'cancelled' : 'done',
        text: result.output,
        modelKey: result.modelKey,
        simulated: result.simulated,
        attempts: result.attempts,
        result,
      })),
    ),
  fail: (id, error) =>
    set((s) =>
      update(s, id, (r) => ({
        status: error.code === 'CANCELLED' ? 'cancelled' : 'failed',
        error,
        // A cascade that ran out of models lists every attempt in the error's details.
        attempts: Array.isArray(error.details?.attempts) ? (error.details.attempts as Attempt[]) : r.attempts,
      })),
    ),
  markCancelling: (id) => set((s) => update(s, id, () => ({ cancelRequested: true }))),
  forget: (ids) =>
    set((s) => {
      const runs = { ...s.runs };
      for (const id of ids) delete runs[id];
      return { runs };
    }),
}));

export const useRun = (requestId: string | null): RunState | undefined =>
  useRuns((s) => (requestId ? s.runs[requestId] : undefined));

/**
 * How many of this window's runs have ended. A run's ledger row is committed before its end is
 * announced, so a new count means the ledger's reads (requests, today's totals) are stale.
 */
export const useSettledRunCount = (): number =>
  useRuns((s) => Object.values(s.runs).filter((r) => r.status !== 'running').length);
