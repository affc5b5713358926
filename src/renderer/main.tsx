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
startScreen(screenFromHash(window.location.hash), queryClient, transport.api);

createRoot(root).render(
  <StrictMode>
    <App transport={transport} queryClient={queryClient} />
  </StrictMode>,
);
