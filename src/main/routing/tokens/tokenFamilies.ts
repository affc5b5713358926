import type { TokenizerFamily } from '../../../shared/contract/catalog';

/** The encodings js-tiktoken can count exactly. */
export type ExactEncoding = 'o200k_base' | 'cl100k_base';

export function exactEncodingOf(family: TokenizerFamily): ExactEncoding | null {
  if (family === 'o200k') return 'o200k_base';
  if (family === 'cl100k') return 'cl100k_base';
  return null;
}

/**
 * Tokens of a family per o200k_base token, for the same text. The reference count is o200k (exact
 * or estimated); other families scale it. How each ratio was obtained (RouterBench train prompts
 * and responses: ARC-Challenge, MBPP, Winogrande, 4,450 texts, 910k o200k tokens):
 *
 * - cl100k 1.00 — measured with js-tiktoken 1.0.21 (1.0015 overall).
 * - llama 1.00 — measured with llama3-tokenizer-js 1.2.0 (0.998–1.010 per set).
 * - mistral 1.14 — measured with mistral-tokenizer-js 1.0.0, the v1 SentencePiece tokenizer
 *   (1.13–1.20). Newer Mistral models use Tekken, which is closer to o200k; we keep the higher
 *   ratio because over-counting is the safe side for context fit and cost caps.
 * - claude 1.20 — not measurable offline: @anthropic-ai/tokenizer 0.0.4 (the pre-Claude-3
 *   tokenizer) gives 1.07; public comparisons put Claude 3+ 15–30 % above o200k on English.
 * - gemini 1.00 — Google documents ~4 characters per token; o200k gives 3.96 chars/token here.
 * - deepseek 1.19 — DeepSeek documents ~0.3 tokens per English character (3.33 chars/token).
 * - qwen, kimi, glm, grok 1.05 — large byte-level BPE vocabularies (150–160k) without a published
 *   ratio; assumed slightly above o200k.
 * - other 1.10 — unknown tokenizer: a deliberate margin.
 */
export const FAMILY_RATIO: Record<TokenizerFamily, number> = {
  o200k: 1.0,
  cl100k: 1.0,
  llama: 1.0,
  mistral: 1.14,
  claude: 1.2,
  gemini: 1.0,
  deepseek: 1.19,
  qwen: 1.05,
  kimi: 1.05,
  glm: 1.05,
  grok: 1.05,
  other: 1.1,
};

/**
 * Chat-format overhead: tokens each message adds around its content (role, separators) and the
 * tokens that prime the reply. OpenAI's cookbook gives 3 per message + 3 for the reply for the
 * GPT-4/4o families; others are not published, so they get a slightly larger allowance.
 */
export function chatOverhead(family: TokenizerFamily): { perMessage: number; perReply: number } {
  if (family === 'o200k' || family === 'cl100k') return { perMessage: 3, perReply: 3 };
  return { perMessage: 5, perReply: 5 };
}
