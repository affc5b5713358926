// The Electron transport of the contract: one request channel into the shared dispatcher, one event
// channel out. Every call's sender is checked (security checklist #17) and nothing ever throws into
// ipcMain.handle, because an invoke rejection reaches the page as a bare message string.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { isRouteName } from '../../shared/contract';
import { fail, type Result } from '../../shared/errors';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../../preload/ipcChannels';
import { createDispatcher } from '../rpc/dispatch';
import type { Services } from '../services';
import { isOwnUrl, senderRefusal, type RendererSource } from './origin';
import type { AppWindows } from './window';

function refusal(event: IpcMainInvokeEvent, windows: AppWindows, source: RendererSource): string | null {
  const frame = event.senderFrame;
  return senderRefusal(
    {
      frameUrl: frame && !frame.isDestroyed() ? frame.url : null,
      isMainFrame: frame !== null && frame.parent === null && frame === event.sender.mainFrame,
      isOwnWindow: windows.owns(event.sender),
    },
    source,
  );
}

/** Wires IPC for the windows in `windows`; returns a function that unwires it (on quit). */
export function wireIpc(services: Services, windows: AppWindows, source: RendererSource): () => void {
  const dispatch = createDispatcher(services);

  ipcMain.handle(REQUEST_CHANNEL, async (event, route: unknown, input: unknown): Promise<Result<unknown>> => {
    try {
      const why = refusal(event, windows, source);
      if (why !== null) {
        console.warn(`[switchyard] refused an IPC call: ${why}.`);
        return fail({ code: 'FORBIDDEN_SENDER', message: `This page may not call Switchyard: ${why}.` });
      }
      if (typeof route !== 'string' || !isRouteName(route)) {
        return fail({ code: 'UNKNOWN_ROUTE', message: `There is no route named "${String(route)}".` });
      }
      return await dispatch(route, input, { source: 'ui' });
    } catch (e) {
      // dispatch never throws; this guards the sender checks against a destroyed frame.
      console.error('[switchyard] IPC request failed:', e);
      return fail({ code: 'INTERNAL', message: 'Internal error; see the log for details.' });
    }
  });

  // Events go only to our windows, and only while they show our own page.
  const offEvents = services.events.onAny((name, payload) => {
    for (const win of windows.all()) {
      const contents = win.webContents;
      if (contents.isDestroyed() || !isOwnUrl(contents.getURL(), source)) continue;
      try {
        contents.send(EVENT_CHANNEL, name, payload);
      } catch (e) {
        console.error(`[switchyard] could not deliver ${name}:`, e);
      }
    }
  });

  return () => {
    offEvents();
    ipcMain.removeHandler(REQUEST_CHANNEL);
  };
}
