import { LOCAL_PROVIDERS, type ProviderId } from '../../shared/providers';
import type { SecretStore } from '../secrets/secretStore';
import { ALL_AVAILABLE, type ProviderAvailability, type Verdict } from './liveState';

const KEY_LIST_TTL_MS = 5_000;

/**
 * Until provider settings exist (issue #6), a provider is available when its key is in the
 * keychain (account = provider id) or it is a local server. The key list is cached for a few
 * seconds because a keychain round trip per decision would dominate routing latency.
 */
export class KeyPresenceAvailability {
  private cached: { at: number; accounts: Set<string> | null; error: boolean } | null = null;

  constructor(private readonly secrets: SecretStore) {}

  async snapshot(simulate: boolean): Promise<ProviderAvailability> {
    if (simulate) return ALL_AVAILABLE;
    const { accounts, error } = await this.accounts();
    return {
      simulated: false,
      check(provider: ProviderId): Verdict {
        if (LOCAL_PROVIDERS.includes(provider)) return { ok: true };
        if (accounts?.has(provider)) return { ok: true };
        return {
          ok: false,
          reason: error ? 'no key (the keychain is unavailable)' : `no ${provider} key in the keychain`,
        };
      },
    };
  }

  /** Forget the cached key list (after a key is set or deleted). */
  invalidate(): void {
    this.cached = null;
  }

  private async accounts(): Promise<{ accounts: Set<string> | null; error: boolean }> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < KEY_LIST_TTL_MS) return this.cached;
    let next: { at: number; accounts: Set<string> | null; error: boolean };
    try {
      next = { at: now, accounts: new Set(await this.secrets.list()), error: false };
    } catch {
      // `switchyard status` explains the keychain problem; here it only means "no keys".
      next = { at: now, accounts: null, error: true };
    }
    this.cached = next;
    return next;
  }
}
