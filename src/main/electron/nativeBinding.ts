// Finds the better-sqlite3 binary built for Electron's ABI. node_modules/better-sqlite3 stays built
// for Node (tests, headless shell, CLI all run under Node), so `npm run native:electron`
// (scripts/native-electron.mjs) writes an Electron build to a separate folder and this hands its
// path to better-sqlite3's `nativeBinding` option. The folder layout below is shared with that
// script: .native/electron-<electron version>/{better_sqlite3.node, build.json}.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const NATIVE_DIR = '.native';
export const BINDING_FILE = 'better_sqlite3.node';
export const MANIFEST_FILE = 'build.json';

/** What native-electron.mjs records next to the binary, so a stale build is never loaded. */
export interface NativeBuildManifest {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

export interface NativeBindingQuery {
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development, the app.asar path when packaged. */
  appPath: string;
  /** process.resourcesPath: electron-builder copies .native to <resources>/native (extraResources). */
  resourcesPath: string;
  electronVersion: string;
  platform?: string;
  arch?: string;
}

export interface NativeBindingChoice {
  /** Absolute path for `nativeBinding`, or undefined to let better-sqlite3 find its own build. */
  path?: string;
  /** Why no Electron build is used, for the log; the database status shows the load error. */
  problem?: string;
}

const readJson = <T>(file: string): T | null => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
};

export function findNativeBinding(q: NativeBindingQuery): NativeBindingChoice {
  const folder = `electron-${q.electronVersion}`;
  const dir = q.isPackaged ? join(q.resourcesPath, 'native', folder) : join(q.appPath, NATIVE_DIR, folder);
  const binding = join(dir, BINDING_FILE);
  const fix = 'Run `npm run native:electron` (needs internet for Electron headers), then start again.';
  if (!existsSync(binding)) {
    return { problem: `No better-sqlite3 build for Electron ${q.electronVersion} at ${binding}. ${fix}` };
  }
  const manifest = readJson<NativeBuildManifest>(join(dir, MANIFEST_FILE));
  const installed = readJson<{ version: string }>(
    join(q.appPath, 'node_modules', 'better-sqlite3', 'package.json'),
  );
  const platform = q.platform ?? process.platform;
  const arch = q.arch ?? process.arch;
  if (
    !manifest ||
    manifest.electron !== q.electronVersion ||
    manifest.platform !== platform ||
    manifest.arch !== arch ||
    (installed !== null && manifest.betterSqlite3 !== installed.version)
  ) {
    return {
      problem: `The better-sqlite3 build at ${binding} does not match this app (Electron ${q.electronVersion}, ${platform}-${arch}, better-sqlite3 ${installed?.version ?? 'unknown'}). ${fix}`,
    };
  }
  return { path: binding };
}
