import { createContext, useContext, type ReactNode } from 'react';
import type { SwitchyardApi } from '../../shared/contract';
import type { Transport } from './index';

const TransportContext = createContext<Transport | null>(null);

export function TransportProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
  return <TransportContext.Provider value={transport}>{children}</TransportContext.Provider>;
}

export function useTransport(): Transport {
  const transport = useContext(TransportContext);
  if (!transport) throw new Error('useTransport must be used inside <TransportProvider>');
  return transport;
}

export const useApi = (): SwitchyardApi => useTransport().api;
