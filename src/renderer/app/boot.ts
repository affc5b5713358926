import { createQueryClient } from './queryClient';
import { screenFromHash } from './navigation';
import { startScreen } from './startScreen';
import { pickTransport } from '../transport';

/**
 * What the app starts before React: the transport, the query cache, and the first screen's data
 * requests and code chunk (`startScreen`). `main.tsx` imports this module first, and React DOM is
 * not in the entry at all (`mountApp.tsx`, its own preloaded chunk; nothing here may import
 * react-dom): the requests leave as soon as this small entry is ready, and main's answer and the
 * chunk's download overlap React DOM's download, compilation and evaluation. Measured on the Costs screen over 1M requests (`npm run bench -- dashboard`): the timeline
 * request used to leave ~140 ms into the entry script's 190 ms evaluation (Chromium trace), and its
 * answer had become the last thing the chart's first paint waited for.
 */
export const transport = pickTransport();
export const queryClient = createQueryClient();
export const screenReady = startScreen(screenFromHash(window.location.hash), queryClient, transport.api);
