import type { EnvKeyCandidate, ImportEnvResult } from '../../shared/contract/keys';
import type { ProviderId } from '../../shared/providers';
import { isSwitchyardError } from '../core/errors';
import { AZURE_ENDPOINT_ENV, azureBaseUrlFromEndpoint, findEnvKeys } from '../secrets/envKeys';
import type { ProviderKeys } from '../secrets/providerKeys';

/** Provider key variables present in the environment, compared with the keychain (names only). */
export async function listEnvCandidates(
  env: NodeJS.ProcessEnv,
  keys: ProviderKeys,
): Promise<EnvKeyCandidate[]> {
  const found = findEnvKeys(env);
  if (found.length === 0) return [];
  const stored = await keys.all();
  return found.map(({ provider, envVar, value }) => {
    const current = stored.get(provider);
    return {
      provider,
      envVar,
      stored: current === undefined ? 'no' : current === value ? 'same' : 'different',
    };
  });
}

export interface ImportHooks {
  /** Sets a base URL taken from the environment unless the user already chose one; true if set. */
  setBaseUrl(provider: ProviderId, url: string): boolean;
}

/**
 * Copies the chosen providers' keys from the environment into the keychain. A different key
 * already there is kept unless `overwrite` (the user may have rotated it on purpose).
 */
export async function importEnvKeys(
  env: NodeJS.ProcessEnv,
  keys: ProviderKeys,
  input: { providers?: ProviderId[]; overwrite: boolean },
  hooks: ImportHooks,
): Promise<ImportEnvResult> {
  const result: ImportEnvResult = { imported: [], skipped: [], baseUrls: [] };
  const wanted = input.providers ? new Set(input.providers) : null;
  const found = findEnvKeys(env).filter((f) => wanted === null || wanted.has(f.provider));
  const stored = found.length ? await keys.all() : new Map<ProviderId, string>();
  for (const { provider, envVar, value } of found) {
    const current = stored.get(provider);
    if (current === value) {
      result.skipped.push({ provider, envVar, reason: 'the keychain already holds this key' });
      continue;
    }
    if (current !== undefined && !input.overwrite) {
      result.skipped.push({
        provider,
        envVar,
        reason: 'the keychain holds a different key; import with overwrite to replace it',
      });
      continue;
    }
    await keys.set(provider, value);
    result.imported.push({ provider, envVar });
  }
  for (const provider of wanted ?? new Set<ProviderId>(found.map((f) => f.provider))) {
    if (provider !== 'azure') continue;
    const endpoint = env[AZURE_ENDPOINT_ENV]?.trim();
    if (!endpoint) continue;
    const baseUrl = azureBaseUrlFromEndpoint(endpoint);
    try {
      if (hooks.setBaseUrl('azure', baseUrl))
        result.baseUrls.push({ provider, envVar: AZURE_ENDPOINT_ENV, baseUrl });
    } catch (e) {
      if (!isSwitchyardError(e)) throw e;
      result.skipped.push({ provider, envVar: AZURE_ENDPOINT_ENV, reason: e.message });
    }
  }
  return result;
}
