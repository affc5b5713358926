import { startTransition, useEffect, useState } from 'react';
import { draftOf, useCompose, type ComposeDraft } from './composeStore';

export interface SettledDraft {
  revision: number;
  draft: ComposeDraft;
}

const snapshot = (): SettledDraft => {
  const state = useCompose.getState();
  return { revision: state.revision, draft: draftOf(state) };
};

export const PREVIEW_DEBOUNCE_MS = 300;

/**
 * The draft as it was when typing paused. It listens to the store outside React, so a keystroke
 * only restarts a timer: nothing that reads the settled draft re-renders while the user types, and
 * the render after the pause is a transition that a new keystroke interrupts.
 */
export function useSettledDraft(delayMs: number = PREVIEW_DEBOUNCE_MS): SettledDraft {
  const [settled, setSettled] = useState(snapshot);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useCompose.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(() => startTransition(() => setSettled(snapshot())), delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [delayMs]);
  return settled;
}
