import { create } from 'zustand';

export type PlaygroundTab = 'prompt' | 'task' | 'batch';

interface TabsState {
  tab: PlaygroundTab;
  setTab(tab: PlaygroundTab): void;
}

/** Which part of the playground is shown: the prompt playground, a large task, or a batch. */
export const usePlaygroundTab = create<TabsState>((set) => ({
  tab: 'prompt',
  setTab: (tab) => set({ tab }),
}));
