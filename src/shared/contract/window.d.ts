import type { SwitchyardApi } from './index';

// What the Electron preload exposes. Absent in a plain browser (headless shell), where the
// renderer's transport falls back to HTTP; so it is optional on purpose.
declare global {
  interface Window {
    switchyard?: SwitchyardApi;
  }
}

export {};
