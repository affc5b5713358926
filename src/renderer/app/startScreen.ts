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
 * answer and the chunk's download overlap instead of following each other (request → render →
 * effect → request). Resolves when the chunk has arrived (or failed: the screen then says why).
 */
export function startScreen(screen: Screen, queryClient: QueryClient, api: SwitchyardApi): Promise<void> {
  FIRST_DATA[screen]?.(queryClient, api);
  return loadScreen(screen).catch(() => {});
}
