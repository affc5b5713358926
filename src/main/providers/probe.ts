import { createProviderAdapter, type ProviderConnection } from '../execution';

/**
 * The cheapest authenticated call a provider offers: list its models. An interface so the test
 * logic can be exercised with a probe that misbehaves in ways a real server will not on demand.
 */
export interface ProviderProbe {
  /** Model ids, or null where the provider has no list endpoint. Throws a GenerationError. */
  listModels(
    connection: ProviderConnection,
    opts: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<string[] | null>;
}

/** The real thing: the execution room's provider adapter. */
export const adapterProbe: ProviderProbe = {
  listModels: (connection, opts) => createProviderAdapter(connection).listModels(opts),
};
