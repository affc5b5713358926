import { z } from 'zod';
import type {
  Capability,
  CatalogModel,
  CatalogRefreshPreview,
  PriceChange,
  TokenizerFamily,
} from '../../../shared/contract/catalog';
import { SwitchyardError } from '../../core/errors';
import { fetchJson } from './fetchJson';

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

/** The parts of OpenRouter's GET /api/v1/models we read; prices are USD per token, as strings. */
const OpenRouterModelSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  context_length: z.number().nullable().optional(),
  pricing: z.looseObject({
    prompt: z.string(),
    completion: z.string(),
    input_cache_read: z.string().optional(),
  }),
  top_provider: z
    .looseObject({
      context_length: z.number().nullable().optional(),
      max_completion_tokens: z.number().nullable().optional(),
    })
    .optional(),
  architecture: z
    .looseObject({ input_modalities: z.array(z.string()).optional(), tokenizer: z.string().optional() })
    .optional(),
  supported_parameters: z.array(z.string()).optional(),
});
export type OpenRouterModel = z.infer<typeof OpenRouterModelSchema>;

export async function fetchOpenRouterModels(baseUrl = OPENROUTER_BASE_URL): Promise<OpenRouterModel[]> {
  const body = await fetchJson(`${baseUrl.replace(/\/+$/, '')}/models`, null);
  const parsed = z.object({ data: z.array(z.unknown()) }).safeParse(body);
  if (!parsed.success) {
    throw new SwitchyardError('PROVIDER_ERROR', 'The OpenRouter model list has no "data" array.', {
      baseUrl,
    });
  }
  // One odd entry must not sink the refresh: keep what parses.
  return parsed.data.data.flatMap((m) => {
    const r = OpenRouterModelSchema.safeParse(m);
    return r.success ? [r.data] : [];
  });
}

/** USD per token (string) → USD per 1M tokens, without float noise; null for "variable" (< 0). */
function perMTok(perToken: string | undefined): number | null {
  if (perToken === undefined) return null;
  const v = Number(perToken);
  if (!Number.isFinite(v) || v < 0) return null;
  return Math.round(v * 1e6 * 1e6) / 1e6;
}

/**
 * What would change if the catalog took OpenRouter's prices: per catalog model with an OpenRouter
 * id, each differing price (and, for OpenRouter's own models, context window and max output);
 * OpenRouter models the catalog lacks, ready to add; catalog models OpenRouter no longer lists.
 */
export function diffOpenRouterPrices(
  catalog: readonly CatalogModel[],
  listed: OpenRouterModel[],
  fetchedAt = new Date(),
): CatalogRefreshPreview {
  const byId = new Map(listed.map((m) => [m.id, m]));
  const changes: PriceChange[] = [];
  const unlisted: string[] = [];
  for (const model of catalog) {
    if (!model.openrouterId) continue;
    const or = byId.get(model.openrouterId);
    if (!or) {
      unlisted.push(model.key);
      continue;
    }
    const push = (field: PriceChange['field'], from: number | null, to: number | null) => {
      if (to === null || (from !== null && Math.abs(from - to) < 1e-9)) return;
      changes.push({ modelKey: model.key, openrouterId: or.id, field, from, to });
    };
    push('inputPerMTok', model.price.inputPerMTok, perMTok(or.pricing.prompt));
    push('outputPerMTok', model.price.outputPerMTok, perMTok(or.pricing.completion));
    push('cachedInputPerMTok', model.price.cachedInputPerMTok, perMTok(or.pricing.input_cache_read));
    if (model.provider === 'openrouter') {
      push('contextWindow', model.contextWindow, or.context_length ?? null);
      push('maxOutputTokens', model.maxOutputTokens, or.top_provider?.max_completion_tokens ?? null);
    }
  }
  const known = new Set(catalog.filter((m) => m.provider === 'openrouter').map((m) => m.model));
  const newModels = listed.flatMap((m) => (known.has(m.id) ? [] : toCustomModel(m)));
  return {
    source: 'openrouter',
    fetchedAt: fetchedAt.toISOString(),
    listed: listed.length,
    changes,
    newModels,
    unlisted,
  };
}

const TOKENIZERS: [RegExp, TokenizerFamily][] = [
  [/^gpt/i, 'o200k'],
  [/claude/i, 'claude'],
  [/gemini/i, 'gemini'],
  [/llama/i, 'llama'],
  [/mistral/i, 'mistral'],
  [/qwen/i, 'qwen'],
  [/deepseek/i, 'deepseek'],
  [/grok/i, 'grok'],
];

function toCustomModel(m: OpenRouterModel): CatalogRefreshPreview['newModels'] {
  const input = perMTok(m.pricing.prompt);
  const output = perMTok(m.pricing.completion);
  const context = m.context_length ?? m.top_provider?.context_length ?? null;
  if (input === null || output === null || !context) return [];
  const params = new Set(m.supported_parameters ?? []);
  const caps: Capability[] = [];
  if (m.architecture?.input_modalities?.includes('image')) caps.push('vision');
  if (params.has('tools')) caps.push('tools');
  if (params.has('response_format') || params.has('structured_outputs')) caps.push('json');
  if (params.has('reasoning')) caps.push('reasoning');
  const tokenizer = m.architecture?.tokenizer ?? '';
  return [
    {
      provider: 'openrouter',
      model: m.id,
      displayName: m.name ?? m.id,
      family: TOKENIZERS.find(([re]) => re.test(tokenizer))?.[1] ?? 'other',
      contextWindow: Math.round(context),
      maxOutputTokens: Math.round(m.top_provider?.max_completion_tokens ?? Math.min(context, 16_384)),
      capabilities: caps,
      inputPerMTok: input,
      outputPerMTok: output,
      cachedInputPerMTok: perMTok(m.pricing.input_cache_read),
      quality: 0.5,
      qualitySource: 'unknown: added from the OpenRouter list; set a quality to route on it',
      // OpenRouter publishes no speeds in this list: a middling guess until health data exists.
      ttftSeconds: 1,
      outputTokensPerSecond: 50,
      openrouterId: m.id,
    },
  ];
}
