import type { ProviderId } from '../../shared/providers';

/** An image sent inline: base64 bytes and their media type (never logged, never stored). */
export interface ImagePart {
  type: 'image';
  /** Base64, without the `data:` prefix. */
  image: string;
  mediaType: string;
}

export type UserContentPart = { type: 'text'; text: string } | ImagePart;

/** Only user messages carry images: that is all the providers' chat APIs accept. */
export type ChatMessage =
  { role: 'system' | 'assistant'; content: string } | { role: 'user'; content: string | UserContentPart[] };

/** One call to one model; the cascade builds these from a RoutingDecision. */
export interface GenerationRequest {
  model: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  /** Cancels the upstream call (UI, gateway client or CLI gave up). */
  signal?: AbortSignal;
  /** Deadline for the whole call. */
  timeoutMs?: number;
  /** Streams only: deadline for the first token, the usual sign of a stalled upstream. */
  firstTokenTimeoutMs?: number;
  /** Extra request headers (never the key; the connection carries that). */
  headers?: Record<string, string>;
}

/** Usage exactly as the provider reported it; null where it reported nothing. */
export interface GenerationUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  /** Input tokens served from the provider's prompt cache (already counted in inputTokens). */
  cachedInputTokens: number | null;
}

/** OpenAI's finish reasons, which the gateway hands on unchanged. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'other';

export interface GenerationResult {
  provider: ProviderId;
  model: string;
  text: string;
  usage: GenerationUsage;
  finishReason: FinishReason;
  /** Streams: until the first text delta. Non-streaming calls: equal to totalMs. */
  timeToFirstTokenMs: number;
  totalMs: number;
  /** The provider's request id from the response headers, for support tickets. */
  requestId: string | null;
}

export type StreamEvent = { type: 'delta'; text: string } | { type: 'done'; result: GenerationResult };

/** Where and how to reach one provider. The key comes from the SecretStore (account = provider id). */
export interface ProviderConnection {
  provider: ProviderId;
  apiKey: string | null;
  /** Overrides the provider's default base URL (a proxy, a region, a local server, the fake). */
  baseUrl?: string | null;
  headers?: Record<string, string>;
}
