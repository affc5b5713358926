import { create } from 'zustand';

export type PlaygroundMode = 'single' | 'compare';

/** Something a compare column runs the prompt on. */
export type CompareTarget = { kind: 'routed' } | { kind: 'model'; modelKey: string; label?: string };

export const MIN_TARGETS = 2;
export const MAX_TARGETS = 6;

export interface Comparison {
  id: string;
  targets: CompareTarget[];
  /** One run per target, same order. */
  requestIds: string[];
  /** Kept with the comparison so its vote knows what was asked. */
  useCase: string | null;
}

interface PlaygroundView {
  mode: PlaygroundMode;
  singleRunId: string | null;
  targets: CompareTarget[];
  comparison: Comparison | null;
  setMode(mode: PlaygroundMode): void;
  setSingleRun(requestId: string | null): void;
  setTargets(targets: CompareTarget[]): void;
  setComparison(comparison: Comparison | null): void;
}

export const targetKey = (t: CompareTarget): string => (t.kind === 'routed' ? 'routed' : t.modelKey);

/** What the playground shows (not what it asks main): the mode, the current run and comparison. */
export const usePlaygroundView = create<PlaygroundView>((set) => ({
  mode: 'single',
  singleRunId: null,
  targets: [{ kind: 'routed' }],
  comparison: null,
  setMode: (mode) => set({ mode }),
  setSingleRun: (singleRunId) => set({ singleRunId }),
  setTargets: (targets) => set({ targets: targets.slice(0, MAX_TARGETS) }),
  setComparison: (comparison) => set({ comparison }),
}));
