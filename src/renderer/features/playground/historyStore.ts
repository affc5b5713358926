import { create } from 'zustand';
import type { ComposeDraft } from './composeStore';
import type { Comparison } from './playgroundStore';
import { useRuns } from './runStore';

export interface HistoryEntry {
  id: string;
  at: number;
  kind: 'single' | 'compare';
  /** The prompt and options as they were run, to reopen. */
  draft: ComposeDraft;
  requestIds: string[];
  comparison: Comparison | null;
}

export const MAX_HISTORY = 20;

interface HistoryState {
  entries: HistoryEntry[];
  add(entry: HistoryEntry): void;
}

/**
 * The runs of this window, newest first, each with its prompt, options and results, so one can be
 * reopened. The oldest entries' run states are dropped with them.
 */
export const useHistory = create<HistoryState>((set) => ({
  entries: [],
  add: (entry) =>
    set((s) => {
      const entries = [entry, ...s.entries];
      const dropped = entries.splice(MAX_HISTORY);
      if (dropped.length > 0) useRuns.getState().forget(dropped.flatMap((e) => e.requestIds));
      return { entries };
    }),
}));
