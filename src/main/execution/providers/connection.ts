import type { ProviderId } from '../../../shared/providers';
import type { SecretStore } from '../../secrets/secretStore';
import type { ProviderConnection } from '../types';
import { ProviderAdapter } from './adapter';

export interface ProviderSettings {
  baseUrl?: string | null;
  headers?: Record<string, string>;
}

/** Reads the provider's key from the keychain (account = provider id) at call-building time. */
export async function connectionFromStore(
  secrets: SecretStore,
  provider: ProviderId,
  settings: ProviderSettings = {},
): Promise<ProviderConnection> {
  return {
    provider,
    apiKey: await secrets.get(provider),
    baseUrl: settings.baseUrl ?? null,
    headers: settings.headers,
  };
}

export const createProviderAdapter = (connection: ProviderConnection): ProviderAdapter =>
  new ProviderAdapter(connection);
