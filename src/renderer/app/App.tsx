import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import type { Transport } from '../transport';
import { TransportProvider } from '../transport/TransportProvider';
import { AppHeader } from './AppHeader';
import { ScreenView } from './ScreenView';
import { SideNav } from './SideNav';

interface AppProps {
  transport: Transport;
  queryClient: QueryClient;
}

// The hash belongs to the router, so the skip link moves focus itself instead of following href.
function skipToContent(e: MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault();
  document.getElementById('main-content')?.focus();
}

export function App({ transport, queryClient }: AppProps) {
  return (
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <div className="app">
          <a className="skip-link" href="#main-content" onClick={skipToContent}>
            Skip to content
          </a>
          <AppHeader />
          <SideNav />
          <main className="app-main" id="main-content" tabIndex={-1}>
            <ScreenView />
          </main>
        </div>
      </QueryClientProvider>
    </TransportProvider>
  );
}
