import type { ProviderInfo } from '../../../shared/contract/catalog';
import { PROVIDER_IDS, type ProviderId } from '../../../shared/providers';
import { PROVIDER_SPECS } from '../../execution/providers/catalog';

/**
 * The providers as the catalog shows them. Base URLs and whether a key is needed come from the
 * execution room's provider specs (the one place that calls them); this adds names, whether a
 * provider is an aggregator, and where its prices are published.
 */
const NAMES_AND_PRICES: Record<ProviderId, [string, ProviderInfo['kind'], string | null]> = {
  anthropic: ['Anthropic', 'cloud', 'https://www.anthropic.com/pricing'],
  openai: ['OpenAI', 'cloud', 'https://openai.com/api/pricing/'],
  mistral: ['Mistral AI', 'cloud', 'https://mistral.ai/pricing'],
  google: ['Google Gemini', 'cloud', 'https://ai.google.dev/gemini-api/docs/pricing'],
  qwen: ['Qwen (DashScope)', 'cloud', 'https://www.alibabacloud.com/help/en/model-studio/models'],
  deepseek: ['DeepSeek', 'cloud', 'https://api-docs.deepseek.com/quick_start/pricing'],
  moonshot: ['Moonshot Kimi', 'cloud', 'https://platform.moonshot.ai/docs/pricing/chat'],
  zhipu: ['Zhipu GLM (Z.ai)', 'cloud', 'https://docs.z.ai/guides/overview/pricing'],
  groq: ['Groq', 'cloud', 'https://groq.com/pricing'],
  xai: ['xAI Grok', 'cloud', 'https://docs.x.ai/docs/models'],
  perplexity: ['Perplexity', 'cloud', 'https://docs.perplexity.ai/getting-started/pricing'],
  openrouter: ['OpenRouter', 'aggregator', 'https://openrouter.ai/models'],
  huggingface: ['Hugging Face', 'aggregator', 'https://huggingface.co/docs/inference-providers/pricing'],
  github: ['GitHub Models', 'aggregator', 'https://docs.github.com/en/github-models'],
  azure: [
    'Azure OpenAI',
    'cloud',
    'https://azure.microsoft.com/pricing/details/cognitive-services/openai-service/',
  ],
  ollama: ['Ollama (local)', 'local', null],
  lmstudio: ['LM Studio (local)', 'local', null],
  custom: ['Custom OpenAI-compatible', 'local', null],
};

export function providerInfo(id: ProviderId): ProviderInfo {
  const [displayName, kind, pricingUrl] = NAMES_AND_PRICES[id];
  const spec = PROVIDER_SPECS[id];
  return {
    id,
    displayName,
    kind,
    // Azure and custom have no default: the user's own endpoint.
    baseUrl: spec.defaultBaseUrl ?? '',
    keyRequired: spec.requiresKey,
    pricingUrl,
  };
}

export const allProviderInfo = (): ProviderInfo[] => PROVIDER_IDS.map(providerInfo);
