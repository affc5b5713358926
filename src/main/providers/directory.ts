import { LOCAL_PROVIDERS, PROVIDER_IDS, type ProviderId } from '../../shared/providers';
import { PROVIDER_SPECS, providerNeedsKey } from '../execution';
import { PROVIDER_KEY_ENV } from '../secrets/envKeys';

const DISPLAY_NAMES: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  mistral: 'Mistral AI',
  google: 'Google Gemini',
  qwen: 'Qwen (DashScope)',
  deepseek: 'DeepSeek',
  moonshot: 'Moonshot Kimi',
  zhipu: 'Zhipu GLM',
  groq: 'Groq',
  xai: 'xAI Grok',
  perplexity: 'Perplexity',
  openrouter: 'OpenRouter',
  huggingface: 'Hugging Face',
  github: 'GitHub Models',
  azure: 'Azure OpenAI',
  ollama: 'Ollama',
  lmstudio: 'LM Studio',
  custom: 'Custom (OpenAI-compatible)',
};

export interface ProviderFacts {
  id: ProviderId;
  displayName: string;
  kind: 'cloud' | 'local';
  keyRequired: boolean;
  /** The execution room's default; null where only the user can know it (Azure, custom). */
  defaultBaseUrl: string | null;
  envVars: readonly string[];
}

export function providerFacts(id: ProviderId): ProviderFacts {
  return {
    id,
    displayName: DISPLAY_NAMES[id],
    kind: LOCAL_PROVIDERS.includes(id) ? 'local' : 'cloud',
    keyRequired: providerNeedsKey(id),
    defaultBaseUrl: PROVIDER_SPECS[id].defaultBaseUrl,
    envVars: PROVIDER_KEY_ENV[id] ?? [],
  };
}

export const ALL_PROVIDERS: readonly ProviderId[] = PROVIDER_IDS;

export const displayName = (id: ProviderId): string => DISPLAY_NAMES[id];
