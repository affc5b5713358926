import { mkdirSync, chmodSync, statSync, accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { SwitchyardError } from './errors';

export const APP_NAME = 'Switchyard';

/** The OS per-user app data folder, as Electron's `app.getPath('userData')` would pick it. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

/** `--data-dir` wins, then SWITCHYARD_DATA_DIR, then the OS default. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.SWITCHYARD_DATA_DIR;
  return chosen && chosen.trim() !== '' ? resolve(chosen) : defaultDataDir(process.platform, env);
}

/**
 * Creates the data dir with mode 0700 (keys never live here, but the ledger may hold prompts the
 * user opted to keep) and tightens an existing one we own.
 */
export function ensureDataDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') {
      const st = statSync(dir);
      if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) chmodSync(dir, 0o700);
    }
    accessSync(dir, constants.R_OK | constants.W_OK);
    return dir;
  } catch (e) {
    throw new SwitchyardError(
      'DATA_DIR_UNUSABLE',
      `The data directory ${dir} cannot be created or written. Choose another with --data-dir or SWITCHYARD_DATA_DIR.`,
      { dataDir: dir },
      { cause: e },
    );
  }
}
