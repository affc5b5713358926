import { create } from 'zustand';
import { DEFAULT_SCREEN, isScreen, type Screen } from './screens';

/** `#/costs` → 'costs'; anything unknown opens the default screen. */
export function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isScreen(name) ? name : DEFAULT_SCREEN;
}

export const hrefFor = (screen: Screen): string => `#/${screen}`;

interface NavigationState {
  screen: Screen;
  navigate(screen: Screen): void;
}

/**
 * The current screen, mirrored from location.hash so links, Back/Forward and reloads all agree.
 * The hash is the source of truth; the store only follows it.
 */
export const useNavigation = create<NavigationState>(() => ({
  screen: screenFromHash(window.location.hash),
  navigate(screen) {
    window.location.hash = hrefFor(screen);
  },
}));

window.addEventListener('hashchange', () => {
  useNavigation.setState({ screen: screenFromHash(window.location.hash) });
});
