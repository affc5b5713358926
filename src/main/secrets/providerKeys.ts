import { isProviderId, type ProviderId } from '../../shared/providers';
import type { SecretStore } from './secretStore';

/**
 * Provider API keys in the SecretStore: account = provider id. Other accounts of the same service
 * (the access tokens, `access-token:<hash>`) are not provider keys and never listed as such.
 * Keys are read here and handed only to code inside main that makes the provider call.
 */
export class ProviderKeys {
  constructor(private readonly store: SecretStore) {}

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
    return this.store.get(provider);
  }

  set(provider: ProviderId, key: string): Promise<void> {
    return this.store.set(provider, key);
  }

  delete(provider: ProviderId): Promise<boolean> {
    return this.store.delete(provider);
  }
}
