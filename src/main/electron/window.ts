// The app's windows. webPreferences are spelled out even where they equal Electron's defaults, so a
// reviewer (and docs/SECURITY.md) can see every security-relevant choice in one place.
import { BrowserWindow, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventNames, routeNames } from '../../shared/contract';
import { EVENTS_SWITCH, ROUTES_SWITCH, encodeNames } from '../../preload/ipcChannels';
import type { RendererSource } from './origin';

export interface WindowOptions {
  source: RendererSource;
  /** out/preload/index.cjs */
  preloadPath: string;
  /** Window icon for Linux in development; packaged builds take theirs from electron-builder. */
  iconPath?: string;
}

/** The set of windows this shell created: IPC and events are only for these. */
export class AppWindows {
  private readonly open = new Set<BrowserWindow>();

  constructor(private readonly options: WindowOptions) {}

  all(): BrowserWindow[] {
    return [...this.open].filter((w) => !w.isDestroyed());
  }

  owns(contents: WebContents): boolean {
    const win = BrowserWindow.fromWebContents(contents);
    return win !== null && this.open.has(win) && win.webContents === contents;
  }

  /** Brings an existing window forward (second launch, dock click) or opens the first one. */
  focusOrCreate(): BrowserWindow {
    const existing = this.all()[0];
    if (!existing) return this.create();
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
    return existing;
  }

  create(): BrowserWindow {
    const { source, preloadPath, iconPath } = this.options;
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 880,
      minHeight: 560,
      title: 'Switchyard',
      backgroundColor: '#0f172a',
      // Shown on ready-to-show so the user never sees a blank white frame.
      show: false,
      ...(iconPath && existsSync(iconPath) ? { icon: iconPath } : {}),
      webPreferences: {
        preload: preloadPath,
        contextIsolation: true, // #3
        sandbox: true, // #4
        nodeIntegration: false, // #2
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webSecurity: true, // #6
        allowRunningInsecureContent: false, // #8
        experimentalFeatures: false, // #9
        webviewTag: false, // #12
        navigateOnDragDrop: false,
        spellcheck: false,
        additionalArguments: [
          ROUTES_SWITCH + encodeNames(routeNames),
          EVENTS_SWITCH + encodeNames(eventNames),
        ],
      },
    });
    this.open.add(win);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => this.open.delete(win));
    win.webContents.on('render-process-gone', (_event, details) =>
      console.error(`[switchyard] renderer process gone: ${details.reason} (exit ${details.exitCode})`),
    );
    win.webContents.on('did-fail-load', (_event, code, description, url) =>
      console.error(`[switchyard] failed to load ${url}: ${description} (${code})`),
    );
    // A failed load is already logged by did-fail-load; the rejection carries nothing more.
    win.loadURL(source.entryUrl).catch(() => undefined);
    return win;
  }
}

export const defaultPaths = (mainDir: string): { preloadPath: string; rendererDir: string } => ({
  preloadPath: join(mainDir, '..', 'preload', 'index.cjs'),
  rendererDir: join(mainDir, '..', 'renderer'),
});
