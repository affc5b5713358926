import type { ProviderId } from '../../../shared/providers';
import type { ModelListStyle } from './catalog';

const ANTHROPIC_VERSION = '2023-06-01';

/** Thrown for a failed list call, shaped like the AI SDK's APICallError so one classifier reads both. */
export class ModelListHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly responseHeaders: Record<string, string>,
    readonly responseBody: string,
  ) {
    super(`HTTP ${statusCode}`);
    this.name = 'ModelListHttpError';
  }
}

function authHeaders(
  provider: ProviderId,
  style: Exclude<ModelListStyle, null>,
  key: string | null,
): Record<string, string> {
  if (key === null) return {};
  if (style === 'anthropic') return { 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION };
  // Header, never `?key=`: a key in a URL ends up in proxies' logs and in error messages.
  if (style === 'gemini') return { 'x-goog-api-key': key };
  if (provider === 'azure') return { 'api-key': key };
  return { authorization: `Bearer ${key}` };
}

function idsOf(style: Exclude<ModelListStyle, null>, body: unknown): string[] {
  const b = body as { data?: unknown; models?: unknown } | null;
  const list = style === 'gemini' ? b?.models : Array.isArray(body) ? body : b?.data;
  if (!Array.isArray(list)) throw new Error('Invalid JSON response: no model list');
  return list
    .map((m: { id?: unknown; name?: unknown }) =>
      typeof m?.id === 'string' ? m.id : typeof m?.name === 'string' ? m.name : null,
    )
    .filter((id): id is string => id !== null)
    .map((id) => id.replace(/^models\//, ''));
}

/** GET {base}/models in the provider's dialect: the cheapest authenticated call there is. */
export async function fetchModelIds(opts: {
  provider: ProviderId;
  style: Exclude<ModelListStyle, null>;
  baseUrl: string;
  apiKey: string | null;
  headers: Record<string, string> | undefined;
  signal: AbortSignal;
}): Promise<string[]> {
  const res = await fetch(`${opts.baseUrl}/models`, {
    headers: { ...opts.headers, ...authHeaders(opts.provider, opts.style, opts.apiKey) },
    signal: opts.signal,
  });
  const text = await res.text();
  if (!res.ok) throw new ModelListHttpError(res.status, Object.fromEntries(res.headers), text);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error('Invalid JSON response');
  }
  return idsOf(opts.style, body);
}
