import type { QueryClient } from '@tanstack/react-query';
import type { SwitchyardApi } from '../../shared/contract';
import { prefetchCosts } from '../features/costs/prefetch';
import { loadScreen } from './ScreenView';
import type { Screen } from './screens';

/** What a screen needs for its first paint, asked for before React renders anything. */
const FIRST_DATA: Partial<Record<Screen, (queryClient: QueryClient, api: SwitchyardApi) => void>> = {
  costs: prefetchCosts,
};

/**
 * Starts the screen the app opens on: its data requests and its code chunk at once, so main's
 * answer, the chunk's download and React's first render of the frame overlap instead of following
 * each other (request → render → effect → request).
 */
export function startScreen(screen: Screen, queryClient: QueryClient, api: SwitchyardApi): void {
  FIRST_DATA[screen]?.(queryClient, api);
  // A chunk that cannot be fetched fails again when the screen renders, which shows why.
  loadScreen(screen).catch(() => {});
}
