import { createQueryClient } from './queryClient';
import { screenFromHash } from './navigation';
import { startScreen } from './startScreen';
import { pickTransport } from '../transport';

/**
 * What the app starts before React: the transport, the query cache, and the first screen's data
 * requests and code chunk (`startScreen`). `main.tsx` imports this module first, so it runs before
 * react-dom's module is evaluated (modules run in import order, and nothing here imports
 * react-dom): main's answer and the chunk's download overlap that evaluation instead of following
 * it. Measured on the Costs screen over 1M requests (`npm run bench -- dashboard`): the timeline
 * request used to leave ~140 ms into the entry script's 190 ms evaluation (Chromium trace), and its
 * answer had become the last thing the chart's first paint waited for.
 */
export const transport = pickTransport();
export const queryClient = createQueryClient();
export const screenReady = startScreen(screenFromHash(window.location.hash), queryClient, transport.api);
