import type { ProviderCheck } from '../../shared/contract/providers';
import { isSwitchyardError } from '../core/errors';
import {
  isGenerationError,
  redactSecrets,
  type GenerationError,
  type ProviderConnection,
} from '../execution';
import type { ProviderProbe } from './probe';
import { statusForFailure } from './status';

export const TEST_TIMEOUT_MS = 10_000;

/** The error's own summary without the cascade's bookkeeping suffix, plus what the provider said. */
function failureDetail(e: GenerationError): string {
  const summary = e.message
    .replace(/^HTTP \d+: /, '')
    .replace(/ \((?:not )?retryable, provider: [^)]*\)$/, '');
  return e.providerMessage && !summary.includes(e.providerMessage)
    ? `${summary}: ${e.providerMessage}`
    : summary;
}

/**
 * "Test connection": one model-list call with the stored key, turned into a check to persist.
 * Everything that ends up in the check is scrubbed of the key once more, whatever the adapter did.
 */
export async function testConnection(
  connection: ProviderConnection & { baseUrl: string },
  probe: ProviderProbe,
  signal?: AbortSignal,
): Promise<ProviderCheck> {
  const startedAt = performance.now();
  const at = new Date().toISOString();
  const base = { source: 'test' as const, at, baseUrl: connection.baseUrl };
  const elapsed = (): number => Math.round(performance.now() - startedAt);
  const scrub = (text: string): string => redactSecrets(text, [connection.apiKey]);
  try {
    const models = await probe.listModels(connection, { timeoutMs: TEST_TIMEOUT_MS, signal });
    if (models === null) {
      return {
        ...base,
        ok: false,
        status: 'untested',
        httpStatus: null,
        detail:
          'this provider offers no model-list endpoint, so testing would take a paid request; the key is checked on its first use',
        models: null,
        durationMs: elapsed(),
      };
    }
    return {
      ...base,
      ok: true,
      status: 'active',
      httpStatus: 200,
      detail: 'ok',
      models: models.length,
      durationMs: elapsed(),
    };
  } catch (e) {
    if (!isGenerationError(e)) {
      if (isSwitchyardError(e)) throw e;
      return {
        ...base,
        ok: false,
        status: 'unreachable',
        httpStatus: null,
        detail: 'unexpected error',
        models: null,
        durationMs: elapsed(),
      };
    }
    return {
      ...base,
      ok: false,
      status: statusForFailure(e.kind),
      httpStatus: e.status,
      detail: scrub(failureDetail(e)),
      models: null,
      durationMs: elapsed(),
    };
  }
}
