import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/tempDir';
import { defaultDataDir, ensureDataDir, resolveDataDir } from './dataDir';

describe('data directory', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('prefers --data-dir, then SWITCHYARD_DATA_DIR, then the OS app data folder', () => {
    const env = { SWITCHYARD_DATA_DIR: '/from/env', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir('/from/flag', env)).toBe('/from/flag');
    expect(resolveDataDir(undefined, env)).toBe('/from/env');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe(
      process.platform === 'linux' ? '/xdg/Switchyard' : defaultDataDir(),
    );
  });

  it('matches the per-OS conventions Electron uses for userData', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/Switchyard');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/Switchyard');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toMatch(
      /Roaming.Switchyard$/,
    );
  });

  it('creates the directory with mode 0700 and tightens an existing loose one', () => {
    const fresh = join(dir.path, 'a', 'b');
    ensureDataDir(fresh);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const loose = join(dir.path, 'loose');
    mkdirSync(loose);
    chmodSync(loose, 0o755);
    ensureDataDir(loose);
    expect(statSync(loose).mode & 0o777).toBe(0o700);
  });
});
