// First: starts the first screen's requests and chunk before react-dom's module is evaluated.
import { queryClient, screenReady, transport } from './app/boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

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
