import type { SwitchyardApi } from '../../shared/contract';
import { createHttpApi } from './httpApi';

export type TransportKind = 'desktop' | 'browser';

export interface Transport {
  kind: TransportKind;
  api: SwitchyardApi;
}

/**
 * The only place that knows there are two shells: Electron's preload exposes the contract client
 * as `window.switchyard`; without it we are in a browser talking to the headless shell over HTTP.
 */
export function pickTransport(win: Pick<Window, 'switchyard'> = window): Transport {
  if (win.switchyard) return { kind: 'desktop', api: win.switchyard };
  return { kind: 'browser', api: createHttpApi() };
}

export const TRANSPORT_LABEL: Record<TransportKind, string> = {
  desktop: 'Desktop',
  browser: 'Browser',
};

export { createHttpApi } from './httpApi';
export { ContractRequestError, isContractRequestError, unwrap } from './unwrap';
