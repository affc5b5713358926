import type { IncomingHttpHeaders } from 'node:http';
import type { FakeAnswer, PromptMessage } from '../answers';
import type { FaultError, Wire } from '../faults';

/** A generation request reduced to what the fake needs, whatever wire format it came in. */
export interface GenerationCall {
  model: string;
  messages: PromptMessage[];
  stream: boolean;
  maxTokens: number | null;
  /** OpenAI only sends usage on a stream when asked (`stream_options.include_usage`). */
  includeUsage: boolean;
}

export interface FakeReply {
  id: string;
  model: string;
  /** Unix seconds, as OpenAI reports `created`. */
  created: number;
  answer: FakeAnswer;
  /** Prompt tokens served from the provider's prompt cache (already part of inputTokens). */
  cachedTokens: number;
}

export interface SseEvent {
  event?: string;
  data: string;
  /** Content events are the ones `cut-after=N` counts. */
  content: boolean;
}

export interface ErrorContext {
  message?: string;
  retryAfterSeconds?: number;
  /** The key the client sent, which the OpenAI shape echoes in auth errors (see the README). */
  key: string | null;
  inputTokens: number;
}

export interface RenderedError {
  status: number;
  body: unknown;
}

/** The request body did not have the provider's shape; answered as a 400 in that shape. */
export class WireRequestError extends Error {}

export interface WireFormat {
  wire: Wire;
  /** Response headers that carry the request id on this provider. */
  requestIdHeaders: readonly string[];
  apiKey(headers: IncomingHttpHeaders, url: URL): string | null;
  parseGeneration(body: unknown, url: URL): GenerationCall;
  completion(reply: FakeReply): unknown;
  streamEvents(reply: FakeReply, includeUsage: boolean): SseEvent[];
  /** A data line that is not JSON, at the point a real stream would carry a chunk. */
  malformedEvent(): SseEvent;
  /** The provider's error for a missing or rejected key. */
  authError(key: string | null): RenderedError;
  error(kind: FaultError, status: number | undefined, ctx: ErrorContext): RenderedError;
  modelList(models: readonly string[]): unknown;
}

export function asRecord(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new WireRequestError('body must be a JSON object');
  return v as Record<string, unknown>;
}

/** Text of a content field that is either a string or a list of `{ type: 'text', text }` parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) =>
      typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string'
        ? (p as { text: string }).text
        : '',
    )
    .join('');
}

export function optionalPositiveInt(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

export const headerValue = (headers: IncomingHttpHeaders, name: string): string | null => {
  const v = headers[name];
  return typeof v === 'string' && v !== '' ? v : null;
};
