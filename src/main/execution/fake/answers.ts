import { createHash } from 'node:crypto';

/** An image the fake received: enough to prove which bytes arrived, never the bytes themselves. */
export interface SeenImage {
  mediaType: string | null;
  /** Decoded size of an inline image; null for an image given by URL (the fake fetches nothing). */
  bytes: number | null;
  /** First 12 hex digits of the SHA-256 of the decoded bytes; null for a URL. */
  sha256: string | null;
}

/** One prompt message as every wire format reduces to it: a role, its plain text and its images. */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  text: string;
  images?: SeenImage[];
}

export type FakeFinish = 'stop' | 'length';

/** What the fake model "says": the same for every wire format, so formats can be compared. */
export interface FakeAnswer {
  /** Text chunks as a stream delivers them (one word each); joined they are the full text. */
  chunks: string[];
  text: string;
  finish: FakeFinish;
  inputTokens: number;
  outputTokens: number;
}

const VOCABULARY = [
  'routing',
  'budget',
  'latency',
  'fallback',
  'provider',
  'model',
  'token',
  'cache',
  'stream',
  'answer',
  'request',
  'signal',
  'ledger',
  'health',
  'circuit',
  'retry',
  'quality',
  'cost',
  'window',
  'context',
  'prompt',
  'switch',
  'track',
  'yard',
  'engine',
  'careful',
  'quick',
  'steady',
  'local',
  'remote',
  'simple',
  'precise',
];

/** Lets a test or benchmark ask for a long answer through any SDK: `[[words:200]]` in the prompt. */
const WORDS_DIRECTIVE = /\[\[words:(\d{1,5})\]\]/;
const MESSAGE_OVERHEAD_TOKENS = 4;
const REPLY_PRIMING_TOKENS = 3;
/** A flat price per image, like OpenAI's low-detail rate. */
const IMAGE_TOKENS = 85;

/** Rough token count (about four characters per token for English), never below one. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Prompt tokens the way chat APIs bill them: content plus a small per-message overhead. */
export function countPromptTokens(messages: readonly PromptMessage[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const m of messages)
    total += estimateTokens(m.text) + MESSAGE_OVERHEAD_TOKENS + IMAGE_TOKENS * (m.images?.length ?? 0);
  return total;
}

function lastUserText(messages: readonly PromptMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === 'user') return m.text;
  }
  return '';
}

function topicOf(text: string): string {
  const words = text.replace(WORDS_DIRECTIVE, '').trim().split(/\s+/).filter(Boolean).slice(0, 6);
  return words.length > 0 ? words.join(' ') : 'nothing';
}

const imageAcknowledgement = (img: SeenImage): string =>
  img.sha256 === null
    ? `[saw an image by URL${img.mediaType ? ` (${img.mediaType})` : ''}]`
    : `[saw image ${img.mediaType} ${img.bytes} bytes sha256:${img.sha256}]`;

/**
 * A deterministic answer: the same model and messages always give the same text, so cache and
 * single-flight tests can compare answers, while different prompts visibly get different ones.
 */
export function fakeAnswer(
  model: string,
  messages: readonly PromptMessage[],
  maxTokens: number | null,
): FakeAnswer {
  const prompt = lastUserText(messages);
  const digest = createHash('sha256').update(model).update('\0').update(JSON.stringify(messages)).digest();
  const requested = WORDS_DIRECTIVE.exec(prompt)?.[1];
  const wordCount = requested !== undefined ? Number(requested) : 12 + ((digest[0] ?? 0) % 12);
  const words = [`Simulated`, `answer`, `from`, `${model}`, `about`, `"${topicOf(prompt)}":`];
  // Vision requests say what arrived, so a test can prove the image reached the provider intact.
  for (const img of messages.flatMap((m) => m.images ?? [])) words.push(imageAcknowledgement(img));
  for (let i = 0; i < wordCount; i++) {
    words.push(VOCABULARY[((digest[i % digest.length] ?? 0) + i) % VOCABULARY.length] ?? 'word');
  }
  let chunks = words.map((w, i) => (i === 0 ? w : ` ${w}`));
  let finish: FakeFinish = 'stop';
  if (maxTokens !== null && maxTokens > 0) {
    const kept: string[] = [];
    let used = 0;
    for (const c of chunks) {
      used += estimateTokens(c);
      if (used > maxTokens) break;
      kept.push(c);
    }
    if (kept.length < chunks.length) {
      chunks = kept.length > 0 ? kept : chunks.slice(0, 1);
      finish = 'length';
    }
  }
  const text = chunks.join('');
  return {
    chunks,
    text,
    finish,
    inputTokens: countPromptTokens(messages),
    outputTokens: estimateTokens(text),
  };
}
