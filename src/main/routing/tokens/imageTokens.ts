import type { TokenizerFamily } from '../../../shared/contract/catalog';
import type { ImageInput } from '../../../shared/contract/routing';

/** When the caller does not say how big an image is, assume a typical 1024×1024 screenshot/photo. */
const DEFAULT_SIDE = 1024;

/**
 * Input tokens an image costs, per the vendors' published formulas:
 * - OpenAI (GPT-4o/4.1/5, o-series): low detail 85; otherwise fit in 2048², scale the short side
 *   to 768, then 170 per 512-px tile + 85.
 * - Anthropic: width × height / 750 after fitting the long edge in 1568 px (≤ ~1,600 tokens).
 * - Gemini: 258 when both sides ≤ 384 px, else 258 per 768×768 tile.
 * - Others publish nothing comparable; they get the OpenAI formula, a middle-of-the-road value.
 */
export function imageTokens(image: ImageInput, family: TokenizerFamily): number {
  const w = image.width ?? DEFAULT_SIDE;
  const h = image.height ?? DEFAULT_SIDE;
  if (family === 'claude') return claudeImageTokens(w, h);
  if (family === 'gemini') return geminiImageTokens(w, h);
  return openAiImageTokens(w, h, image.detail);
}

function openAiImageTokens(width: number, height: number, detail: ImageInput['detail']): number {
  if (detail === 'low') return 85;
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shrink = Math.min(1, 768 / Math.min(w, h));
  w *= shrink;
  h *= shrink;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

function claudeImageTokens(width: number, height: number): number {
  const fit = Math.min(1, 1568 / Math.max(width, height));
  return Math.ceil((width * fit * height * fit) / 750);
}

function geminiImageTokens(width: number, height: number): number {
  if (width <= 384 && height <= 384) return 258;
  return 258 * Math.ceil(width / 768) * Math.ceil(height / 768);
}
