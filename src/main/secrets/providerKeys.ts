import { isProviderId, type ProviderId } from '../../shared/providers';
import type { SecretStore } from './secretStore';

/**
 * Provider API keys in the SecretStore: account = provider id. Other accounts of the same service
 * (the access tokens, `access-token:<hash>`) are not provider keys and never listed as such.
 * Keys are read here and handed only to code inside main that makes the provider call.
 */
/** How long a key read from the store is reused before the store is asked again. */
export const KEY_CACHE_MS = 30_000;

export class ProviderKeys {
  /**
   * Keys read in the last KEY_CACHE_MS, per provider (the pending read, so concurrent calls share
   * one keychain round trip). Every provider call needs its key, and a keychain read is a D-Bus
   * round trip to the Secret Service (or a Keychain/DPAPI call). Measured with gnome-keyring on
   * this 2-core machine (keytar.getPassword, 500 reads, load 5): 4.0 ms wall and 1.3 ms of this
   * process's CPU per read, plus the daemon's; a whole gateway request costs ~1.7 ms. The map
   * lives only in main, like the keys it came from; set/delete through this class drop the entry
   * at once, and a key changed outside Switchyard (a keyring manager) is seen within the TTL.
   * A failed read is not kept.
   */
  private readonly cache = new Map<ProviderId, { at: number; key: Promise<string | null> }>();

  constructor(
    private readonly store: SecretStore,
    private readonly now: () => number = Date.now,
  ) {}

  get backend(): string {
    return this.store.backend;
  }

  /** Providers that have a key stored. */
  async providers(): Promise<ProviderId[]> {
    return (await this.store.list()).filter(isProviderId);
  }

  /** Every stored provider key, for masking and status; the map stays inside main. */
  async all(): Promise<Map<ProviderId, string>> {
    const out = new Map<ProviderId, string>();
    for (const provider of await this.providers()) {
      const key = await this.store.get(provider);
      if (key) out.set(provider, key);
    }
    return out;
  }

  get(provider: ProviderId): Promise<string | null> {
    const hit = this.cache.get(provider);
    if (hit && this.now() - hit.at < KEY_CACHE_MS) return hit.key;
    const key = this.store.get(provider);
    const entry = { at: this.now(), key };
    this.cache.set(provider, entry);
    key.catch(() => {
      if (this.cache.get(provider) === entry) this.cache.delete(provider);
    });
    return key;
  }

  async set(provider: ProviderId, key: string): Promise<void> {
    this.cache.delete(provider);
    try {
      await this.store.set(provider, key);
    } finally {
      this.cache.delete(provider);
    }
  }

  async delete(provider: ProviderId): Promise<boolean> {
    this.cache.delete(provider);
    try {
      return await this.store.delete(provider);
    } finally {
      this.cache.delete(provider);
    }
  }
}
