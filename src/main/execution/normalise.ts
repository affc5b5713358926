import type { FinishReason as SdkFinishReason, LanguageModelUsage } from 'ai';
import type { FinishReason, GenerationUsage } from './types';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Cached input tokens from the provider's raw usage, because several SDKs turn "not reported"
 * into 0 and a budget report must tell "no cache hit" from "the provider does not say".
 */
function cachedFromRaw(raw: Record<string, unknown>): number | null {
  const details = raw['prompt_tokens_details'] as Record<string, unknown> | null | undefined;
  return (
    num(details?.['cached_tokens']) ?? // OpenAI and its dialects
    num(raw['cache_read_input_tokens']) ?? // Anthropic
    num(raw['cachedContentTokenCount']) ?? // Gemini
    num(raw['num_cached_tokens']) // Mistral
  );
}

/** Usage as reported: the SDK's `undefined` (provider said nothing) becomes an explicit null. */
export function normaliseUsage(u: LanguageModelUsage | undefined): GenerationUsage {
  const raw = u?.raw as Record<string, unknown> | undefined;
  return {
    inputTokens: u?.inputTokens ?? null,
    outputTokens: u?.outputTokens ?? null,
    cachedInputTokens: raw ? cachedFromRaw(raw) : (u?.inputTokenDetails?.cacheReadTokens ?? null),
  };
}

const FINISH: Record<SdkFinishReason, FinishReason> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
  error: 'error',
  other: 'other',
};

export const normaliseFinish = (r: SdkFinishReason | undefined): FinishReason =>
  r ? (FINISH[r] ?? 'other') : 'other';
