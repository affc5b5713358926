import type { RoutedGeneration } from '../../shared/contract/execution';

type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls';

const finishReason = (r: RoutedGeneration['finishReason']): FinishReason =>
  r === 'length' || r === 'content_filter' || r === 'tool_calls' ? r : 'stop';

export function usageOf(r: RoutedGeneration) {
  const prompt = r.promptTokens ?? 0;
  const completion = r.completionTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: r.cachedInputTokens ?? 0 },
  };
}

/** Which model answered, what it cost, whether the cascade fell back, and the ledger's request id. */
export function routedHeaders(r: RoutedGeneration): Record<string, string> {
  return {
    'x-switchyard-provider': r.provider,
    'x-switchyard-model': r.model,
    'x-switchyard-cost-usd': r.costUsd === null ? 'unknown' : r.costUsd.toFixed(9).replace(/\.?0+$/, ''),
    'x-switchyard-fallback': String(r.fallbackUsed),
    'x-switchyard-request-id': r.requestId,
    ...cacheHeaders(r.cache, r.similar?.similarity ?? null, r.similar?.sourceRequestId ?? null),
  };
}

/**
 * An answer from a cache says so: `x-switchyard-cache: exact|similar`; a similar one adds the cosine
 * and the ledger id of the request whose answer it reused.
 */
export function cacheHeaders(
  kind: 'exact' | 'similar' | null,
  similarity: number | null,
  sourceRequestId: number | null,
): Record<string, string> {
  if (!kind) return {};
  if (kind === 'exact' || similarity === null) return { 'x-switchyard-cache': kind };
  return {
    'x-switchyard-cache': 'similar',
    'x-switchyard-similarity': similarity.toFixed(3),
    ...(sourceRequestId === null ? {} : { 'x-switchyard-similar-to': String(sourceRequestId) }),
  };
}

/** A `chat.completion`; `model` is the routed `<provider>/<model>`. */
export function completionBody(id: string, created: number, r: RoutedGeneration) {
  return {
    id,
    object: 'chat.completion',
    created,
    model: r.modelKey,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: r.output, refusal: null },
        logprobs: null,
        finish_reason: finishReason(r.finishReason),
      },
    ],
    usage: usageOf(r),
    system_fingerprint: null,
  };
}

/** One `chat.completion.chunk`; `delta: null` is the usage chunk (`choices: []`). */
export function chunk(
  id: string,
  created: number,
  model: string,
  delta: { role?: 'assistant'; content?: string } | null,
  finish: RoutedGeneration['finishReason'] | null,
) {
  return {
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: null,
    choices:
      delta === null
        ? []
        : [{ index: 0, delta, logprobs: null, finish_reason: finish === null ? null : finishReason(finish) }],
  };
}
