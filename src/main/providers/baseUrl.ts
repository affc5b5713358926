import { LOCAL_PROVIDERS, type ProviderId } from '../../shared/providers';
import { SwitchyardError } from '../core/errors';

const isLoopback = (hostname: string): boolean => {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
};

const invalid = (provider: ProviderId, message: string): SwitchyardError =>
  new SwitchyardError('VALIDATION_FAILED', message, { provider, field: 'baseUrl' });

/**
 * Checks and normalises a base URL a user gives for a provider.
 * - http(s) only; no user:password@ and no query or fragment (keys belong in the keychain, and the
 *   SDKs append paths to the base URL, which a query would break);
 * - plain http only to a loopback address, or for a local provider (Ollama, LM Studio, custom) on
 *   the LAN, which is accepted with a warning: a cloud provider's key over http to another host
 *   would cross the network in clear, so that is refused.
 */
export function normaliseBaseUrl(provider: ProviderId, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(provider, 'The base URL is not a valid URL; expected e.g. https://api.example.com/v1.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid(provider, 'The base URL must start with https:// (or http:// for a local server).');
  if (url.username || url.password)
    throw invalid(
      provider,
      'The base URL must not contain a user name or password; keys go in the keychain.',
    );
  if (url.search || url.hash)
    throw invalid(provider, 'The base URL must not contain a query (?…) or fragment (#…).');
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !LOCAL_PROVIDERS.includes(provider))
    throw invalid(
      provider,
      `Plain http to ${url.host} would send the API key unencrypted. Use https, or a loopback address (localhost, 127.0.0.1) for a local proxy.`,
    );
  return url.toString().replace(/\/+$/, '');
}

/** What a person should know about a (valid) base URL. */
export function baseUrlWarnings(baseUrl: string | null): string[] {
  if (baseUrl === null) return [];
  const url = new URL(baseUrl);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return [
      `Requests to ${url.host} use plain http: prompts, answers and any key cross the network unencrypted. Prefer https or a server on this machine.`,
    ];
  }
  return [];
}

/** Azure OpenAI's base URL from its resource name. */
export const azureBaseUrl = (resource: string): string => `https://${resource}.openai.azure.com/openai`;
