import { create } from 'zustand';
import type { RoutingRules } from '../../../shared/contract/rules';

interface RulesDraftState {
  /** The rules in force, as last loaded or saved. */
  saved: RoutingRules | null;
  /** What the person is editing; equal to `saved` until they change something. */
  draft: RoutingRules | null;
  /** Bumped on every change: queries (validation, preview) are keyed by it, not by the document. */
  revision: number;
  /** Takes new saved rules and drops the draft. */
  load(saved: RoutingRules): void;
  /** Takes new saved rules (changed elsewhere) and keeps the draft being edited. */
  rebase(saved: RoutingRules): void;
  /** Applies one change to a copy of the draft. */
  edit(change: (draft: RoutingRules) => void): void;
  /** Replaces the whole draft (a YAML import or a restored version before saving). */
  replace(rules: RoutingRules): void;
  revert(): void;
}

export const useRulesDraft = create<RulesDraftState>((set, get) => ({
  saved: null,
  draft: null,
  revision: 0,
  load: (saved) => set((s) => ({ saved, draft: structuredClone(saved), revision: s.revision + 1 })),
  rebase: (saved) => set({ saved }),
  edit: (change) => {
    const current = get().draft;
    if (!current) return;
    const next = structuredClone(current);
    change(next);
    set((s) => ({ draft: next, revision: s.revision + 1 }));
  },
  replace: (rules) => set((s) => ({ draft: structuredClone(rules), revision: s.revision + 1 })),
  revert: () => {
    const saved = get().saved;
    if (saved) set((s) => ({ draft: structuredClone(saved), revision: s.revision + 1 }));
  },
}));

/** Whether the draft differs from the saved rules (compared as JSON: both are plain data). */
export function isDirty(saved: RoutingRules | null, draft: RoutingRules | null): boolean {
  return saved !== null && draft !== null && JSON.stringify(saved) !== JSON.stringify(draft);
}
