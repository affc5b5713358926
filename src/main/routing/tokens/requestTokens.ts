import type { TokenizerFamily } from '../../../shared/contract/catalog';
import type { ImageInput, ParsedRoutingRequest } from '../../../shared/contract/routing';
import { imageTokens } from './imageTokens';
import type { ScanCache } from './scanCache';
import { scanText, type TextScan } from './textScan';
import { estimateO200k } from './tokenEstimate';
import { chatOverhead, exactEncodingOf, FAMILY_RATIO } from './tokenFamilies';

/** A request reduced to what routing reads: its texts, images and the instruction to analyse. */
export interface PreparedRequest {
  texts: string[];
  messageCount: number;
  images: ImageInput[];
  /** The last user message: the instruction that complexity and use-case detection read. */
  instruction: string;
}

export function prepareRequest(r: ParsedRoutingRequest): PreparedRequest {
  if (r.messages && r.messages.length > 0) {
    const texts: string[] = [];
    const images: ImageInput[] = [...r.images];
    let instruction = '';
    for (const m of r.messages) {
      const parts = typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : m.content;
      const own: string[] = [];
      for (const p of parts) {
        if (p.type === 'text') own.push(p.text);
        else images.push(p.image);
      }
      texts.push(...own);
      if (m.role === 'user') instruction = own.join('\n');
    }
    if (r.prompt) texts.push(r.prompt);
    return {
      texts,
      messageCount: r.messages.length + (r.prompt ? 1 : 0),
      images,
      instruction: r.prompt ?? instruction,
    };
  }
  const prompt = r.prompt ?? '';
  return { texts: [prompt], messageCount: 1, images: r.images, instruction: prompt };
}

/** Token counts of a request's text in the reference encoding (o200k_base), estimated or exact. */
export interface RequestTokens {
  /** o200k_base tokens of the texts (no chat overhead, no images). */
  reference: number;
  /** Exact cl100k_base tokens, when counted (for GPT-4/3.5 near their window). */
  cl100k: number | null;
  method: 'estimate' | 'exact';
  messageCount: number;
  images: ImageInput[];
  scans: TextScan[];
}

/** The fast estimate: one scan per text (from `cache` when it has seen the text), no encoder. */
export function estimateRequestTokens(p: PreparedRequest, cache?: ScanCache): RequestTokens {
  const scans: TextScan[] = [];
  let reference = 0;
  for (const text of p.texts) {
    const scan = cache ? cache.scan(text) : scanText(text);
    scans.push(scan);
    reference += estimateO200k(scan);
  }
  return {
    reference,
    cl100k: null,
    method: 'estimate',
    messageCount: p.messageCount,
    images: p.images,
    scans,
  };
}

/**
 * Input tokens as a model of `family` would count them: the texts (exact for OpenAI encodings when
 * counted, else scaled from o200k by the family ratio), chat-format overhead and images.
 */
export function inputTokensFor(t: RequestTokens, family: TokenizerFamily): number {
  const encoding = exactEncodingOf(family);
  const text =
    encoding === 'cl100k_base' && t.cl100k !== null
      ? t.cl100k
      : encoding
        ? t.reference
        : Math.ceil(t.reference * FAMILY_RATIO[family]);
  const overhead = chatOverhead(family);
  let images = 0;
  for (const img of t.images) images += imageTokens(img, family);
  return text + overhead.perMessage * t.messageCount + overhead.perReply + images;
}
