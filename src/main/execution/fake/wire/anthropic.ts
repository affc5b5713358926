import type { PromptMessage } from '../answers';
import type { FaultError } from '../faults';
import {
  asRecord,
  contentText,
  headerValue,
  optionalPositiveInt,
  WireRequestError,
  type ErrorContext,
  type FakeReply,
  type GenerationCall,
  type RenderedError,
  type SseEvent,
  type WireFormat,
} from './types';
import { anthropicImages } from './images';

const CONTEXT_WINDOW = 200_000;

function parseMessages(system: unknown, v: unknown): PromptMessage[] {
  if (!Array.isArray(v) || v.length === 0)
    throw new WireRequestError('messages: at least one message is required');
  const messages: PromptMessage[] = [];
  const systemText = contentText(system);
  if (systemText !== '') messages.push({ role: 'system', text: systemText });
  for (const m of v) {
    const msg = asRecord(m);
    const images = anthropicImages(msg['content']);
    messages.push({
      role: msg['role'] === 'assistant' ? 'assistant' : 'user',
      text: contentText(msg['content']),
      ...(images.length > 0 ? { images } : {}),
    });
  }
  return messages;
}

const stopReason = (reply: FakeReply): string =>
  reply.answer.finish === 'length' ? 'max_tokens' : 'end_turn';

/** Anthropic bills cache reads apart from input_tokens, unlike OpenAI and Gemini. */
const uncachedInput = (reply: FakeReply): number => reply.answer.inputTokens - reply.cachedTokens;

const event = (type: string, payload: Record<string, unknown>, content = false): SseEvent => ({
  event: type,
  data: JSON.stringify({ type, ...payload }),
  content,
});

const ERRORS: Record<FaultError, { status: number; type: string; message: (c: ErrorContext) => string }> = {
  rate_limit: {
    status: 429,
    type: 'rate_limit_error',
    message: () => 'Number of request tokens has exceeded your per-minute rate limit.',
  },
  context_length: {
    status: 400,
    type: 'invalid_request_error',
    message: (c) =>
      `prompt is too long: ${Math.max(c.inputTokens, CONTEXT_WINDOW + 1)} tokens > ${CONTEXT_WINDOW} maximum`,
  },
  too_large: {
    status: 413,
    type: 'request_too_large',
    message: () => 'Request exceeds the maximum allowed number of bytes.',
  },
  server: { status: 500, type: 'api_error', message: () => 'Internal server error' },
  overloaded: { status: 529, type: 'overloaded_error', message: () => 'Overloaded' },
  auth: { status: 401, type: 'authentication_error', message: () => 'invalid x-api-key' },
  bad_request: { status: 400, type: 'invalid_request_error', message: () => 'temperature: range: 0..1' },
};

/** Anthropic Messages API (`/v1/messages`). */
export const anthropicWire: WireFormat = {
  wire: 'anthropic',
  requestIdHeaders: ['request-id', 'x-request-id'],

  apiKey(headers) {
    return (
      headerValue(headers, 'x-api-key') ??
      headerValue(headers, 'authorization')?.replace(/^Bearer\s+/i, '') ??
      null
    );
  },

  parseGeneration(body): GenerationCall {
    const b = asRecord(body);
    if (typeof b['model'] !== 'string' || b['model'] === '')
      throw new WireRequestError('model: Field required');
    const maxTokens = optionalPositiveInt(b['max_tokens']);
    if (maxTokens === null) throw new WireRequestError('max_tokens: Field required');
    return {
      model: b['model'],
      messages: parseMessages(b['system'], b['messages']),
      stream: b['stream'] === true,
      maxTokens,
      includeUsage: true,
    };
  },

  completion(reply) {
    return {
      id: reply.id,
      type: 'message',
      role: 'assistant',
      model: reply.model,
      content: [{ type: 'text', text: reply.answer.text }],
      stop_reason: stopReason(reply),
      stop_sequence: null,
      usage: {
        input_tokens: uncachedInput(reply),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: reply.cachedTokens,
        output_tokens: reply.answer.outputTokens,
        service_tier: 'standard',
      },
    };
  },

  streamEvents(reply) {
    const events: SseEvent[] = [
      event('message_start', {
        message: {
          id: reply.id,
          type: 'message',
          role: 'assistant',
          model: reply.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: uncachedInput(reply),
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: reply.cachedTokens,
            output_tokens: 1,
            service_tier: 'standard',
          },
        },
      }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping', {}),
    ];
    for (const text of reply.answer.chunks) {
      events.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }, true));
    }
    events.push(
      event('content_block_stop', { index: 0 }),
      event('message_delta', {
        delta: { stop_reason: stopReason(reply), stop_sequence: null },
        usage: { output_tokens: reply.answer.outputTokens },
      }),
      event('message_stop', {}),
    );
    return events;
  },

  malformedEvent: () => ({
    event: 'content_block_delta',
    data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"unterminated',
    content: false,
  }),

  authError(key): RenderedError {
    if (key === null)
      return {
        status: 401,
        body: {
          type: 'error',
          error: { type: 'authentication_error', message: 'x-api-key header is required' },
        },
      };
    return this.error('auth', undefined, { key, inputTokens: 0 });
  },

  error(kind, status, ctx) {
    const e = ERRORS[kind];
    return {
      status: status ?? e.status,
      body: { type: 'error', error: { type: e.type, message: ctx.message ?? e.message(ctx) } },
    };
  },

  modelList(models) {
    const data = models.map((id) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: '2025-01-01T00:00:00Z',
    }));
    return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
  },
};
