import { render } from '@testing-library/react';
import type { SwitchyardApi } from '../../shared/contract';
import { App } from '../app/App';
import { createQueryClient } from '../app/queryClient';
import type { TransportKind } from '../transport';

/** The real app frame and query client over a fake transport. */
export function renderApp(api: SwitchyardApi, kind: TransportKind = 'desktop') {
  const queryClient = createQueryClient();
  const view = render(<App transport={{ kind, api }} queryClient={queryClient} />);
  return { ...view, queryClient };
}
