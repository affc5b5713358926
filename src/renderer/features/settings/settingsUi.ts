import { create } from 'zustand';

/** UI-only state of the Settings screen (server state lives in React Query). */
interface SettingsUiState {
  /** "Not now" on the environment import offer, for this session. */
  envOfferDismissed: boolean;
  dismissEnvOffer(): void;
}

export const useSettingsUi = create<SettingsUiState>((set) => ({
  envOfferDismissed: false,
  dismissEnvOffer: () => set({ envOfferDismissed: true }),
}));
