import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test/tempDir';
import { privateKeychain } from '../providers/test/harness';
import { KEY_CACHE_MS, ProviderKeys } from './providerKeys';

// The real OS keychain (on Linux the Secret Service that scripts/with-keyring.sh provides).
const store = privateKeychain();
const keys = new ProviderKeys(store);
afterAll(() => store.wipe());

const secretTool = (service: string) =>
  spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
const hasSecretTool = spawnSync('sh', ['-c', 'command -v secret-tool'], { stdio: 'ignore' }).status === 0;

describe('provider keys on the real keychain', () => {
  it('round-trips set, get, list and delete, and lists only provider accounts', async () => {
    await keys.set('openai', 'sk-roundtrip-1234567890');
    await keys.set('anthropic', 'sk-ant-roundtrip-0987654321');
    await store.set('access-token:0011223344556677', 'not-a-provider-key');
    expect(await keys.get('openai')).toBe('sk-roundtrip-1234567890');
    expect(await keys.providers()).toEqual(['anthropic', 'openai']);
    expect([...(await keys.all()).keys()]).toEqual(['anthropic', 'openai']);
    expect(await keys.delete('openai')).toBe(true);
    expect(await keys.get('openai')).toBeNull();
    expect(await keys.delete('openai')).toBe(false);
    expect(await keys.providers()).toEqual(['anthropic']);
  });

  it('reuses a read key for a while, but a key set or deleted here is seen at once', async () => {
    let now = 1_000_000;
    const cached = new ProviderKeys(store, () => now);
    await cached.set('groq', 'gsk-first-000000000000');
    expect(await cached.get('groq')).toBe('gsk-first-000000000000');
    // Changed behind this instance's back (as a keyring manager would): still the old key...
    await store.set('groq', 'gsk-outside-1111111111');
    expect(await cached.get('groq')).toBe('gsk-first-000000000000');
    // ...until the cache time has passed.
    now += KEY_CACHE_MS;
    expect(await cached.get('groq')).toBe('gsk-outside-1111111111');
    // Through the class: at once.
    await cached.set('groq', 'gsk-second-2222222222');
    expect(await cached.get('groq')).toBe('gsk-second-2222222222');
    await cached.delete('groq');
    expect(await cached.get('groq')).toBeNull();
  });

  it.skipIf(!hasSecretTool)('is what `secret-tool search` finds: service and provider account', async () => {
    await keys.set('mistral', 'mistral-secret-tool-check-0000');
    const r = secretTool(store.serviceName);
    expect(r.status).toBe(0);
    const all = `${r.stdout}\n${r.stderr}`;
    expect(all).toContain(`attribute.service = ${store.serviceName}`);
    expect(all).toContain('attribute.account = mistral');
  });
});

// Under scripts/with-keyring.sh the keyring is a throwaway one, so the real service name
// "Switchyard" can be used end to end: the CLI, run as a user would, with the key on stdin.
const throwawayKeyring = process.env.SWITCHYARD_IN_KEYRING === '1';

describe.skipIf(!throwawayKeyring || !hasSecretTool)(
  '`npm run switchyard -- keys set` in a throwaway keyring',
  () => {
    const dir = tempDir();
    afterAll(() => {
      spawnSync(process.execPath, [
        '--import',
        'tsx',
        'src/main/cli/index.ts',
        '--data-dir',
        dir.path,
        'keys',
        'delete',
        'groq',
      ]);
      dir.cleanup();
    });

    it('stores the key piped on stdin under service "Switchyard", visible to `secret-tool search service Switchyard`', () => {
      const cli = (args: string[], input?: string) =>
        spawnSync(
          process.execPath,
          ['--import', 'tsx', 'src/main/cli/index.ts', '--data-dir', dir.path, ...args],
          {
            encoding: 'utf8',
            input,
          },
        );
      const key = 'gsk_cli_stdin_check_abcdefghij';
      const set = cli(['keys', 'set', 'groq'], `${key}\n`);
      expect(set.stderr).toBe('');
      expect(set.status).toBe(0);
      expect(set.stdout).toMatch(/Stored the Groq key \(…ghij\) in the OS keychain/);
      expect(set.stdout + set.stderr).not.toContain(key);

      const found = secretTool('Switchyard');
      expect(found.status).toBe(0);
      expect(`${found.stdout}\n${found.stderr}`).toContain('attribute.account = groq');
      expect(found.stdout).toContain(key); // secret-tool prints the secret: proof it is the keychain that holds it

      const argv = cli(['keys', 'set', 'groq', key]);
      expect(argv.status).toBe(2);
      expect(argv.stderr).toMatch(/^error VALIDATION_FAILED: Never pass a key as an argument/);
      expect(argv.stdout + argv.stderr).not.toContain(key);
      // Two CLI processes started from source (tsx) and secret-tool: 8-15 s here under load, so a CI
      // machine 2-3x slower would pass the 20 s default. A hang guard, not a timing target.
    }, 60_000);
  },
);
