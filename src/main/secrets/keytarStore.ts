import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import type { KeychainStatus } from '../../shared/contract';
import { SwitchyardError } from '../core/errors';
import { KEYCHAIN_SERVICE, type SecretStore } from './secretStore';

type Keytar = typeof KeytarModule;

const BACKENDS: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'macOS Keychain',
  win32: 'Windows Credential Manager',
  linux: 'Secret Service (libsecret)',
};

const HELP: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'Start a Secret Service (GNOME Keyring or KWallet) and unlock it, or run inside `dbus-run-session` with `gnome-keyring-daemon --unlock`. Keys are never stored in plaintext instead.',
  darwin: 'Unlock the login keychain and allow Switchyard access to it.',
  win32: 'Check that the Windows Credential Manager service is running.',
};

/**
 * The OS keychain through keytar. Loaded lazily (a native module that must not slow start-up, and
 * whose absence must not crash the app), and every call is bounded by a timeout because a Secret
 * Service that is present but never answers would otherwise hang the caller forever.
 */
export class KeytarSecretStore implements SecretStore {
  readonly backend = `${BACKENDS[process.platform] ?? process.platform} via keytar`;
  private keytar: Promise<Keytar> | undefined;

  constructor(
    private readonly service: string = KEYCHAIN_SERVICE,
    private readonly timeoutMs = 8000,
  ) {}

  async get(account: string): Promise<string | null> {
    return this.call('read', (k) => k.getPassword(this.service, account));
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call('write', (k) => k.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    return this.call('delete', (k) => k.deletePassword(this.service, account));
  }

  async list(): Promise<string[]> {
    const creds = await this.call('list', (k) => k.findCredentials(this.service));
    return creds.map((c) => c.account).sort();
  }

  async probe(): Promise<KeychainStatus> {
    try {
      await this.list();
      return { status: 'available', backend: this.backend };
    } catch (e) {
      const message = e instanceof SwitchyardError ? e.message : String(e);
      return { status: 'unavailable', backend: this.backend, message };
    }
  }

  private load(): Promise<Keytar> {
    this.keytar ??= (async () => {
      const require = createRequire(import.meta.url);
      const mod = require('keytar') as Keytar & { default?: Keytar };
      return mod.default ?? mod;
    })();
    return this.keytar;
  }

  private async call<T>(what: string, fn: (k: Keytar) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const keytar = await this.load();
      return await Promise.race([
        fn(keytar),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the keychain did not answer within ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
    } catch (e) {
      throw new SwitchyardError(
        'KEYCHAIN_UNAVAILABLE',
        `The OS keychain (${this.backend}) is unavailable for ${what}: ${reason(e)}. ${HELP[process.platform] ?? ''}`.trim(),
        undefined,
        { cause: e },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The library's message, with anything after a newline dropped (it can be a long native dump). */
function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n')[0] ?? 'unknown error').replace(/\.$/, '');
}
