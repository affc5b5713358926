import { SwitchyardError } from '../../core/errors';

const TIMEOUT_MS = 15_000;

/**
 * GET a JSON document from a provider's catalog endpoint. Failures become PROVIDER_ERROR with the
 * URL (never the key), so a person can tell a wrong base URL from a provider outage.
 */
export async function fetchJson(url: string, apiKey: string | null): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new SwitchyardError('PROVIDER_ERROR', `Could not reach ${url}: ${(e as Error).message}`, { url });
  }
  if (!res.ok) {
    throw new SwitchyardError('PROVIDER_ERROR', `${url} answered HTTP ${res.status}.`, {
      url,
      status: res.status,
    });
  }
  try {
    return await res.json();
  } catch {
    throw new SwitchyardError('PROVIDER_ERROR', `${url} did not return JSON.`, { url });
  }
}
