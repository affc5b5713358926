import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient } from './app/queryClient';
import './app/app.css';
import { pickTransport } from './transport';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App transport={pickTransport()} queryClient={createQueryClient()} />
  </StrictMode>,
);
