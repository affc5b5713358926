import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { screenFromHash } from './app/navigation';
import { createQueryClient } from './app/queryClient';
import { startScreen } from './app/startScreen';
import './app/app.css';
import { pickTransport } from './transport';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const transport = pickTransport();
const queryClient = createQueryClient();
const screenReady = startScreen(screenFromHash(window.location.hash), queryClient, transport.api);

// The first render waits for the screen's chunk (a loopback fetch): a Suspense fallback shown first
// would hold the screen back, as React reveals a boundary no sooner than 300 ms after its fallback
// appeared (measured on the Costs screen: the chart painted ~200 ms after its data was there).
void screenReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App transport={transport} queryClient={queryClient} />
    </StrictMode>,
  ),
);
