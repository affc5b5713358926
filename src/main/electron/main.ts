// Entry of the desktop app (electron-vite bundles it to out/main/index.js). The Electron shell is
// the only code that imports `electron`; everything it serves comes from the same Services the
// headless shell and the CLI use.
import { app, dialog, session } from 'electron';
import { join } from 'node:path';
import { ensureDataDir, resolveDataDir } from '../core/dataDir';
import { isSwitchyardError } from '../core/errors';
import { OwnPortGateway } from '../gateway/runtime';
import { Services } from '../services';
import { parseShellArgs } from './args';
import { hardenAllWebContents, hardenSession } from './hardening';
import { wireIpc } from './ipc';
import { findNativeBinding } from './nativeBinding';
import { showAlertNotifications } from './notifications';
import { rendererSource } from './origin';
import { registerAppScheme, serveRenderer } from './protocol';
import { AppWindows, defaultPaths } from './window';

const args = parseShellArgs(process.argv);
const source = rendererSource(app.isPackaged, process.env);
const { preloadPath, rendererDir } = defaultPaths(import.meta.dirname);

function fatal(title: string, e: unknown): never {
  const message = isSwitchyardError(e)
    ? `${e.code}: ${e.message}`
    : e instanceof Error
      ? (e.stack ?? e.message)
      : String(e);
  console.error(`[switchyard] ${title}: ${message}`);
  // Safe before `ready`; the user sees why the app did not open instead of nothing.
  dialog.showErrorBox(`Switchyard: ${title}`, message);
  app.exit(1);
  process.exit(1);
}

// Everything up to the single-instance lock must happen before `ready`. This module's body runs
// before `ready` because the bundle has no top-level await or dynamic import in front of it.
let dataDir: string;
try {
  dataDir = ensureDataDir(resolveDataDir(args.dataDir));
} catch (e) {
  fatal('cannot use the data directory', e);
}
// The data dir is Electron's userData too (Chromium's profile lives beside the ledger, as it would
// by default), which also scopes the single-instance lock to one data dir: two data dirs, two apps.
app.setName('Switchyard');
app.setPath('userData', dataDir);
registerAppScheme();
app.enableSandbox();
hardenAllWebContents(source);

if (!app.requestSingleInstanceLock()) {
  // Another Switchyard owns this data dir; it gets a 'second-instance' event and shows itself.
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => fatal('start-up failed', e));
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('dev.switchyard.app');
  hardenSession(session.defaultSession, source);
  serveRenderer(rendererDir);

  const native = findNativeBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
  });
  if (native.problem) console.warn(`[switchyard] ${native.problem}`);

  const services = await Services.create({
    dataDir,
    shell: 'electron',
    simulate: args.simulate,
    ...(native.path ? { nativeBinding: native.path } : {}),
    electron: { electron: process.versions.electron, chrome: process.versions.chrome },
  });

  const windows = new AppWindows({
    source,
    preloadPath,
    iconPath: app.isPackaged ? undefined : join(app.getAppPath(), 'resources', 'icon.png'),
  });
  // "Save to folder…" of a large task's result: the OS folder dialog, over the focused window.
  services.folderPicker = {
    choose: async () => {
      const r = await dialog.showOpenDialog(windows.focusOrCreate(), {
        title: 'Save the task’s files to…',
        properties: ['openDirectory', 'createDirectory'],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
  const unwire = wireIpc(services, windows, source);
  const stopNotifications = showAlertNotifications(services.events, () => windows.focusOrCreate());
  windows.create();
  console.log(`[switchyard] desktop shell started; data dir ${services.dataDir}`);
  // The OpenAI-compatible gateway on its own 127.0.0.1 port (Settings → Gateway: on/off, port).
  services.gateway = new OwnPortGateway(services);
  const gateway = await services.gateway.apply();
  console.log(`[switchyard] gateway: ${gateway.message}`);

  app.on('second-instance', () => windows.focusOrCreate());
  // macOS keeps the app alive without windows; a dock click brings one back.
  app.on('activate', () => windows.focusOrCreate());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.once('will-quit', () => {
    unwire();
    stopNotifications();
    services.close();
  });
}
