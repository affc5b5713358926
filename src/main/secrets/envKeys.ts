import type { ProviderId } from '../../shared/providers';

/**
 * Environment variables that conventionally hold each provider's key, in the order they are
 * tried (the first non-empty one wins). Names follow each provider's own SDK and docs.
 */
export const PROVIDER_KEY_ENV: Partial<Record<ProviderId, readonly string[]>> = {
  openai: ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'GOOGLE_API_KEY'],
  mistral: ['MISTRAL_API_KEY'],
  groq: ['GROQ_API_KEY'],
  deepseek: ['DEEPSEEK_API_KEY'],
  xai: ['XAI_API_KEY'],
  perplexity: ['PERPLEXITY_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  qwen: ['DASHSCOPE_API_KEY'],
  moonshot: ['MOONSHOT_API_KEY'],
  zhipu: ['ZHIPU_API_KEY', 'ZHIPUAI_API_KEY'],
  huggingface: ['HF_TOKEN', 'HUGGINGFACE_API_KEY'],
  github: ['GITHUB_TOKEN'],
  azure: ['AZURE_OPENAI_API_KEY'],
};

/** Azure's endpoint travels with its key; imported as the provider's base URL. */
export const AZURE_ENDPOINT_ENV = 'AZURE_OPENAI_ENDPOINT';

export interface EnvKey {
  provider: ProviderId;
  envVar: string;
  /** Trimmed; stays inside main. */
  value: string;
}

/** The first non-empty key variable per provider. */
export function findEnvKeys(env: NodeJS.ProcessEnv): EnvKey[] {
  const found: EnvKey[] = [];
  for (const [provider, vars] of Object.entries(PROVIDER_KEY_ENV) as [ProviderId, readonly string[]][]) {
    for (const envVar of vars) {
      const value = env[envVar]?.trim();
      if (value) {
        found.push({ provider, envVar, value });
        break;
      }
    }
  }
  return found;
}

/**
 * AZURE_OPENAI_ENDPOINT is usually the resource root (`https://<resource>.openai.azure.com/`);
 * the SDK wants the `/openai` prefix under it.
 */
export function azureBaseUrlFromEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return /\/openai(\/v1)?$/.test(trimmed) ? trimmed.replace(/\/v1$/, '') : `${trimmed}/openai`;
}
