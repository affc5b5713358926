import type { QueryClient } from '@tanstack/react-query';
import type { SwitchyardApi } from '../../shared/contract';
import { prefetchCosts } from '../features/costs/prefetch';
import { loadScreen } from './ScreenView';
import type { Screen } from './screens';

/**
 * What a screen needs for its first paint, asked for before React renders anything; the promise
 * settles when what the screen shows first (the Costs screen's spend chart) has been answered.
 */
const FIRST_DATA: Partial<Record<Screen, (queryClient: QueryClient, api: SwitchyardApi) => Promise<void>>> = {
  costs: prefetchCosts,
};

/**
 * How long the first render waits for the first data once the chunk is there. Rendering before it
 * costs a whole frame of the app without its data (layout and paint of a page in a fresh renderer:
 * ~100 ms in a Chromium trace of the Costs screen), which then sits between the data's arrival and
 * the frame that shows it; main answers the timeline of a 1M-request ledger in ~25 ms. A slow answer
 * still gets the app painted, with its loading state, after this.
 */
const FIRST_DATA_WAIT_MS = 250;

/**
 * Starts the screen the app opens on: its data requests and its code chunk at once, so main's
 * answer and the chunk's download overlap instead of following each other (request → render →
 * effect → request). Resolves when the chunk has arrived (or failed: the screen then says why) and
 * the first data has been answered, or FIRST_DATA_WAIT_MS after the chunk if it has not.
 */
export function startScreen(screen: Screen, queryClient: QueryClient, api: SwitchyardApi): Promise<void> {
  const data = FIRST_DATA[screen]?.(queryClient, api);
  const chunk = loadScreen(screen).catch(() => {});
  if (!data) return chunk;
  return chunk.then(() =>
    Promise.race([data, new Promise<void>((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS))]),
  );
}
