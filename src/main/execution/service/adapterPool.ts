import { createHash } from 'node:crypto';
import type { ProviderId } from '../../../shared/providers';
import { ProviderAdapter } from '../providers/adapter';
import type { ProviderConnection as Connection } from '../types';
import type { ConnectionSource } from './ports';

const MAX_ADAPTERS = 64;

/**
 * Adapters reused across requests while their connection (base URL, key, headers) stays the same,
 * so the SDK client is built once, not per call. The key is read from the source on every call,
 * so a replaced key takes effect on the next request; the pool is keyed by its hash, never by it.
 */
export class AdapterPool {
  private readonly adapters = new Map<string, ProviderAdapter>();
  /**
   * Each provider's last connection and its adapter, compared field by field before hashing.
   * Measured reason (issue #10, gateway bench profile): the SHA-256 fingerprint of every call was
   * ~2 % of the gateway's CPU per request, for a connection that almost never changes.
   */
  private readonly last = new Map<
    ProviderId,
    { connection: Connection; headers: string; adapter: ProviderAdapter }
  >();

  constructor(private readonly source: ConnectionSource) {}

  async adapter(provider: ProviderId): Promise<ProviderAdapter> {
    const c = await this.source.connection(provider);
    const headers = JSON.stringify(c.headers ?? null);
    const last = this.last.get(provider);
    if (
      last &&
      last.connection.provider === c.provider &&
      last.connection.baseUrl === c.baseUrl &&
      last.connection.apiKey === c.apiKey &&
      last.headers === headers
    )
      return last.adapter;
    const adapter = this.pooled(c);
    this.last.set(provider, { connection: c, headers, adapter });
    return adapter;
  }

  private pooled(c: Connection): ProviderAdapter {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([c.provider, c.baseUrl ?? null, c.apiKey ?? null, c.headers ?? null]))
      .digest('hex');
    let adapter = this.adapters.get(fingerprint);
    if (!adapter) {
      if (this.adapters.size >= MAX_ADAPTERS) this.adapters.clear();
      adapter = new ProviderAdapter(c);
      this.adapters.set(fingerprint, adapter);
    }
    return adapter;
  }
}
