import { LOCAL_PROVIDERS, type ProviderId } from '../../../shared/providers';
import type { ProviderConnection } from '../types';
import type { Wire } from './faults';
import type { FakeProviderServer } from './server';

/** The wire format each provider's SDK speaks, hence which fake base URL stands in for it. */
export const PROVIDER_WIRE: Record<ProviderId, Wire> = {
  anthropic: 'anthropic',
  google: 'gemini',
  openai: 'openai',
  mistral: 'openai',
  qwen: 'openai',
  deepseek: 'openai',
  moonshot: 'openai',
  zhipu: 'openai',
  groq: 'openai',
  xai: 'openai',
  perplexity: 'openai',
  openrouter: 'openai',
  huggingface: 'openai',
  github: 'openai',
  azure: 'openai',
  ollama: 'openai',
  lmstudio: 'openai',
  custom: 'openai',
};

/** A connection that sends `provider`'s real SDK to the fake; local servers go keyless. */
export function fakeConnection(
  server: FakeProviderServer,
  provider: ProviderId,
  apiKey: string | null,
): ProviderConnection {
  const local = LOCAL_PROVIDERS.includes(provider);
  return {
    provider,
    apiKey: local ? null : apiKey,
    baseUrl: local ? server.baseUrls.local : server.baseUrls[PROVIDER_WIRE[provider]],
  };
}
