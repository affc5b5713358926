import { LOCAL_PROVIDERS, PROVIDER_IDS, type ProviderId } from '../../shared/providers';
import type { SecretStore } from '../secrets/secretStore';
import { ALL_AVAILABLE, type ProviderAvailability, type Verdict } from './liveState';

const KEY_LIST_TTL_MS = 5_000;

interface Snapshot {
  at: number;
  accounts: Set<string> | null;
  error: boolean;
  disabled: Set<ProviderId>;
}

/**
 * A provider is available when it is enabled in the provider settings and its key is in the
 * keychain (account = provider id), or it is a local server. The key list is cached for a few
 * seconds because a keychain round trip per decision would dominate routing latency; the providers
 * room's change event invalidates it, so a key set in Settings counts at once.
 */
export class KeyPresenceAvailability {
  private cached: Snapshot | null = null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly isEnabled: (provider: ProviderId) => boolean = () => true,
  ) {}

  async snapshot(simulate: boolean): Promise<ProviderAvailability> {
    if (simulate) return ALL_AVAILABLE;
    const { accounts, error, disabled } = await this.accounts();
    return {
      simulated: false,
      check(provider: ProviderId): Verdict {
        if (disabled.has(provider)) return { ok: false, reason: `${provider} is disabled in Settings` };
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

  private async accounts(): Promise<Snapshot> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < KEY_LIST_TTL_MS) return this.cached;
    // Read once per snapshot, not per candidate: a decision checks every model of the catalog.
    const disabled = new Set(PROVIDER_IDS.filter((p) => !this.isEnabled(p)));
    let next: Snapshot;
    try {
      next = { at: now, accounts: new Set(await this.secrets.list()), error: false, disabled };
    } catch {
      // `switchyard status` explains the keychain problem; here it only means "no keys".
      next = { at: now, accounts: null, error: true, disabled };
    }
    this.cached = next;
    return next;
  }
}
