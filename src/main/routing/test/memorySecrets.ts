import type { KeychainStatus } from '../../../shared/contract';
import type { SecretStore } from '../../secrets/secretStore';

/**
 * An in-memory key store for routing tests. Routing only asks which accounts hold a key, and these
 * tests must also run outside the keyring session `npm test` starts; the real keychain is covered
 * by the secrets and providers rooms' tests.
 */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory';
  private readonly secrets = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.secrets.set(k, v);
  }

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
  async list(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
  async probe(): Promise<KeychainStatus> {
    return { status: 'available', backend: this.backend };
  }
}
