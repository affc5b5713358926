import { LOCAL_PROVIDERS, type ProviderId } from '../../../shared/providers';
import type { EmbeddingModel } from 'ai';
import type { SdkModel } from './sdkCall';

/** What every SDK factory needs; the key is undefined only for local servers. */
export interface SdkSettings {
  apiKey: string | undefined;
  baseURL: string;
  headers: Record<string, string> | undefined;
  /** The HTTP client the SDK calls (nodeFetch.ts: node:http with keep-alive, measured cheaper). */
  fetch?: typeof fetch;
}

/** How `listModels` authenticates and reads the answer; `null` where the provider has no list. */
export type ModelListStyle = 'openai' | 'anthropic' | 'gemini' | null;

export interface ProviderSpec {
  /** The real service's base URL, or null where only the user can know it (Azure, custom). */
  defaultBaseUrl: string | null;
  requiresKey: boolean;
  modelList: ModelListStyle;
  /** Chat Completions where the SDK offers a choice: one wire format, the one the gateway speaks. */
  model(settings: SdkSettings, modelId: string): Promise<SdkModel>;
  /** Its text embeddings model, where the provider (and its SDK package) offers one. */
  embeddingModel?(settings: SdkSettings, modelId: string): Promise<EmbeddingModel>;
}

/**
 * Each SDK package's module, imported on first use and then reused. A dynamic `import()` of a
 * loaded module is not free: it resolves the specifier again on every call, and under a loader
 * hook (tsx, as `npm run serve` runs) that is a round trip to the hooks thread. Measured here
 * (2,000 calls, machine shared with a CI run): 560 µs per `import('@ai-sdk/openai')` of the loaded
 * module against 0.5 µs for the kept promise, once per provider call, where a whole gateway
 * request costs about 2 ms. A failed import is not kept, so the next call tries again.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = undefined;
      throw e;
    }));
}

const sdkAnthropic = once(() => import('@ai-sdk/anthropic'));
const sdkAzure = once(() => import('@ai-sdk/azure'));
const sdkDeepseek = once(() => import('@ai-sdk/deepseek'));
const sdkGoogle = once(() => import('@ai-sdk/google'));
const sdkGroq = once(() => import('@ai-sdk/groq'));
const sdkMistral = once(() => import('@ai-sdk/mistral'));
const sdkOpenai = once(() => import('@ai-sdk/openai'));
const sdkOpenAICompatible = once(() => import('@ai-sdk/openai-compatible'));
const sdkPerplexity = once(() => import('@ai-sdk/perplexity'));
const sdkXai = once(() => import('@ai-sdk/xai'));
const sdkOpenRouter = once(() => import('@openrouter/ai-sdk-provider'));

/** OpenAI-compatible services without a package of their own. */
function compatible(name: string, defaultBaseUrl: string | null): ProviderSpec {
  // includeUsage asks for the final usage chunk on streams, which these servers omit otherwise.
  const client = async (s: SdkSettings) =>
    (await sdkOpenAICompatible()).createOpenAICompatible({
      name,
      baseURL: s.baseURL,
      apiKey: s.apiKey,
      headers: s.headers,
      fetch: s.fetch,
      includeUsage: true,
    });
  return {
    defaultBaseUrl,
    requiresKey: false,
    modelList: 'openai',
    model: async (s, id) => (await client(s)).chatModel(id),
    embeddingModel: async (s, id) => (await client(s)).embeddingModel(id),
  };
}

const keyed = (spec: ProviderSpec): ProviderSpec => ({ ...spec, requiresKey: true });

/**
 * One entry per provider id. SDK packages load on first use so start-up does not pay for twelve
 * of them. Base URLs are the services' documented API roots.
 */
export const PROVIDER_SPECS: Record<ProviderId, ProviderSpec> = {
  openai: {
    defaultBaseUrl: 'https://api.openai.com/v1',
    requiresKey: true,
    modelList: 'openai',
    model: async (s, id) => (await sdkOpenai()).createOpenAI(s).chat(id),
    embeddingModel: async (s, id) => (await sdkOpenai()).createOpenAI(s).embeddingModel(id),
  },
  anthropic: {
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    requiresKey: true,
    modelList: 'anthropic',
    model: async (s, id) => (await sdkAnthropic()).createAnthropic(s)(id),
  },
  google: {
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    requiresKey: true,
    modelList: 'gemini',
    model: async (s, id) => (await sdkGoogle()).createGoogleGenerativeAI(s)(id),
    embeddingModel: async (s, id) => (await sdkGoogle()).createGoogleGenerativeAI(s).embeddingModel(id),
  },
  mistral: {
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    requiresKey: true,
    modelList: 'openai',
    model: async (s, id) => (await sdkMistral()).createMistral(s)(id),
    embeddingModel: async (s, id) => (await sdkMistral()).createMistral(s).textEmbeddingModel(id),
  },
  groq: {
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    requiresKey: true,
    modelList: 'openai',
    model: async (s, id) => (await sdkGroq()).createGroq(s)(id),
  },
  deepseek: {
    defaultBaseUrl: 'https://api.deepseek.com',
    requiresKey: true,
    modelList: 'openai',
    model: async (s, id) => (await sdkDeepseek()).createDeepSeek(s)(id),
  },
  xai: {
    defaultBaseUrl: 'https://api.x.ai/v1',
    requiresKey: true,
    modelList: 'openai',
    model: async (s, id) => (await sdkXai()).createXai(s).chat(id),
  },
  perplexity: {
    defaultBaseUrl: 'https://api.perplexity.ai',
    requiresKey: true,
    modelList: null, // Perplexity publishes no model list endpoint.
    model: async (s, id) => (await sdkPerplexity()).createPerplexity(s)(id),
  },
  openrouter: {
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    requiresKey: true,
    modelList: 'openai',
    model: async (s, id) =>
      (await sdkOpenRouter()).createOpenRouter({ ...s, compatibility: 'strict' }).chat(id),
  },
  azure: {
    defaultBaseUrl: null, // https://<resource>.openai.azure.com/openai
    requiresKey: true,
    modelList: 'openai',
    model: async (s, id) => (await sdkAzure()).createAzure(s).chat(id),
  },
  qwen: keyed(compatible('qwen', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1')),
  moonshot: keyed(compatible('moonshot', 'https://api.moonshot.ai/v1')),
  zhipu: keyed(compatible('zhipu', 'https://open.bigmodel.cn/api/paas/v4')),
  github: keyed(compatible('github', 'https://models.github.ai/inference')),
  huggingface: keyed(compatible('huggingface', 'https://router.huggingface.co/v1')),
  ollama: compatible('ollama', 'http://localhost:11434/v1'),
  lmstudio: compatible('lmstudio', 'http://localhost:1234/v1'),
  custom: compatible('custom', null),
};

/** Local servers run without a key; the table and the shared list must agree. */
export const providerNeedsKey = (id: ProviderId): boolean =>
  PROVIDER_SPECS[id].requiresKey && !LOCAL_PROVIDERS.includes(id);
