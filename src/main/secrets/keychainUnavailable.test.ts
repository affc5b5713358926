// Points libsecret at a D-Bus address that does not exist before keytar is first loaded (each test
// file runs in its own process), so these tests see the keychain truly unavailable.
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/switchyard-no-bus';
delete process.env.DISPLAY;

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/program';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { KeytarSecretStore } from './keytarStore';

describe('when the OS keychain is unavailable', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('reports KEYCHAIN_UNAVAILABLE with an actionable message instead of hanging or crashing', async () => {
    const store = new KeytarSecretStore(`Switchyard-test-unavailable`, 3000);
    const status = await store.probe();
    expect(status.status).toBe('unavailable');
    expect(status.message).toMatch(/keychain/i);
    expect(status.message).toMatch(/Secret Service|dbus/i);
    await expect(store.set('openai', 'sk-never-stored')).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
    });
  });

  it('still starts, with a per-launch access token held only in memory and never written to disk', async () => {
    const services = await Services.create({ dataDir: dir.path, shell: 'headless' });
    try {
      const status = services.status();
      expect(status.keychain.status).toBe('unavailable');
      expect(status.accessToken.storage).toBe('memory');
      expect(status.database.status).toBe('ok');
      const token = services.accessToken.current;
      for (const f of readdirSync(dir.path)) {
        expect(readFileSync(join(dir.path, f)).includes(token)).toBe(false);
      }
    } finally {
      services.close();
    }
    const again = await Services.create({ dataDir: dir.path, shell: 'headless' });
    expect(again.accessToken.current).not.toBe(undefined);
    again.close();
  });

  it('the CLI token command fails with KEYCHAIN_UNAVAILABLE and exit code 1', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--data-dir', dir.path, 'token'], {
      io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/^error KEYCHAIN_UNAVAILABLE: /);
    expect(out).toEqual([]);
  });
});
