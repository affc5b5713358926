/**
 * Provider ids: stable strings used in the catalog, the keychain (account = provider id), the ledger
 * and `<provider>/<model>` references. Never rename one; add new ones.
 */
export const PROVIDER_IDS = [
  'anthropic',
  'openai',
  'mistral',
  'google',
  'qwen',
  'deepseek',
  'moonshot',
  'zhipu',
  'groq',
  'xai',
  'perplexity',
  'openrouter',
  'huggingface',
  'github',
  'azure',
  'ollama',
  'lmstudio',
  'custom',
] as const;

export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Local servers need no key. `custom` is any OpenAI-compatible base URL (a key is optional). */
export const LOCAL_PROVIDERS: readonly ProviderId[] = ['ollama', 'lmstudio', 'custom'];

export const isProviderId = (s: string): s is ProviderId => (PROVIDER_IDS as readonly string[]).includes(s);

/** A model as `<provider>/<model>`; the model part may itself contain slashes (OpenRouter ids). */
export interface ModelRef {
  provider: ProviderId;
  model: string;
}

export const modelKey = (r: ModelRef): string => `${r.provider}/${r.model}`;

export function parseModelKey(key: string): ModelRef | null {
  const i = key.indexOf('/');
  if (i <= 0 || i === key.length - 1) return null;
  const provider = key.slice(0, i);
  return isProviderId(provider) ? { provider, model: key.slice(i + 1) } : null;
}
