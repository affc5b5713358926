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
  type SseEvent,
  type WireFormat,
} from './types';
import { openAiImages } from './images';

const FINGERPRINT = 'fp_switchyard_fake';
const CONTEXT_WINDOW = 8192;

function parseMessages(v: unknown): PromptMessage[] {
  if (!Array.isArray(v) || v.length === 0) throw new WireRequestError("'messages' must be a non-empty array");
  return v.map((m) => {
    const msg = asRecord(m);
    const role =
      msg['role'] === 'system' || msg['role'] === 'developer'
        ? 'system'
        : msg['role'] === 'assistant'
          ? 'assistant'
          : 'user';
    const images = openAiImages(msg['content']);
    return { role, text: contentText(msg['content']), ...(images.length > 0 ? { images } : {}) };
  });
}

function usage(reply: FakeReply): Record<string, unknown> {
  const { inputTokens, outputTokens } = reply.answer;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: reply.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chunk(
  reply: FakeReply,
  choices: unknown[],
  includeUsage: boolean,
  usageValue: unknown = null,
): string {
  const base = {
    id: reply.id,
    object: 'chat.completion.chunk',
    created: reply.created,
    model: reply.model,
    system_fingerprint: FINGERPRINT,
    choices,
  };
  return JSON.stringify(includeUsage ? { ...base, usage: usageValue } : base);
}

const ERRORS: Record<
  FaultError,
  {
    status: number;
    type: string;
    code: string | null;
    param: string | null;
    message: (c: ErrorContext) => string;
  }
> = {
  rate_limit: {
    status: 429,
    type: 'requests',
    code: 'rate_limit_exceeded',
    param: null,
    message: (c) => `Rate limit reached for requests. Please try again in ${c.retryAfterSeconds ?? 1}s.`,
  },
  context_length: {
    status: 400,
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
    param: 'messages',
    message: (c) =>
      `This model's maximum context length is ${CONTEXT_WINDOW} tokens. However, your messages resulted in ${Math.max(c.inputTokens, CONTEXT_WINDOW + 1)} tokens. Please reduce the length of the messages.`,
  },
  too_large: {
    status: 413,
    type: 'invalid_request_error',
    code: 'request_too_large',
    param: null,
    message: () => 'Request too large. Reduce the size of your request.',
  },
  server: {
    status: 500,
    type: 'server_error',
    code: null,
    param: null,
    message: () => 'The server had an error while processing your request. Sorry about that!',
  },
  overloaded: {
    status: 503,
    type: 'server_error',
    code: null,
    param: null,
    message: () => 'The engine is currently overloaded, please try again later.',
  },
  auth: {
    status: 401,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    param: null,
    // Real OpenAI masks most of the key here; the fake echoes all of it so scrubbing is tested.
    message: (c) =>
      `Incorrect API key provided: ${c.key ?? ''}. You can find your API key at https://platform.openai.com/account/api-keys.`,
  },
  bad_request: {
    status: 400,
    type: 'invalid_request_error',
    code: null,
    param: null,
    message: () => "Invalid value for 'temperature': expected a number between 0 and 2.",
  },
};

/** OpenAI Chat Completions, also spoken by Mistral, Groq, DeepSeek, xAI, OpenRouter and others. */
export const openaiWire: WireFormat = {
  wire: 'openai',
  requestIdHeaders: ['x-request-id'],

  apiKey(headers) {
    const auth = headerValue(headers, 'authorization');
    if (auth !== null) return auth.replace(/^Bearer\s+/i, '');
    return headerValue(headers, 'api-key'); // Azure OpenAI
  },

  parseGeneration(body): GenerationCall {
    const b = asRecord(body);
    if (typeof b['model'] !== 'string' || b['model'] === '')
      throw new WireRequestError("'model' is required");
    const streamOptions =
      typeof b['stream_options'] === 'object' && b['stream_options'] !== null
        ? (b['stream_options'] as Record<string, unknown>)
        : {};
    return {
      model: b['model'],
      messages: parseMessages(b['messages']),
      stream: b['stream'] === true,
      maxTokens: optionalPositiveInt(b['max_completion_tokens']) ?? optionalPositiveInt(b['max_tokens']),
      includeUsage: streamOptions['include_usage'] === true,
    };
  },

  completion(reply) {
    return {
      id: reply.id,
      object: 'chat.completion',
      created: reply.created,
      model: reply.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: reply.answer.text, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: reply.answer.finish,
        },
      ],
      usage: usage(reply),
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
    };
  },

  streamEvents(reply, includeUsage) {
    const events: SseEvent[] = [
      {
        data: chunk(
          reply,
          [
            {
              index: 0,
              delta: { role: 'assistant', content: '', refusal: null },
              logprobs: null,
              finish_reason: null,
            },
          ],
          includeUsage,
        ),
        content: false,
      },
    ];
    for (const text of reply.answer.chunks) {
      events.push({
        data: chunk(
          reply,
          [{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }],
          includeUsage,
        ),
        content: true,
      });
    }
    const finishing = [{ index: 0, delta: {}, logprobs: null, finish_reason: reply.answer.finish }];
    if (includeUsage) {
      events.push({ data: chunk(reply, finishing, true), content: false });
      events.push({ data: chunk(reply, [], true, usage(reply)), content: false });
    } else {
      // Clients that do not ask for a usage chunk (Mistral, Perplexity, Groq) read usage off the
      // finishing chunk: as `usage` (Mistral, Perplexity) or `x_groq.usage` (Groq).
      const payload = JSON.parse(chunk(reply, finishing, false)) as Record<string, unknown>;
      const finalUsage = usage(reply);
      events.push({
        data: JSON.stringify({ ...payload, usage: finalUsage, x_groq: { id: reply.id, usage: finalUsage } }),
        content: false,
      });
    }
    events.push({ data: '[DONE]', content: false });
    return events;
  },

  malformedEvent: () => ({
    data: '{"id":"chatcmpl-broken","choices":[{"delta":{"content":"unterminated',
    content: false,
  }),

  authError(key) {
    if (key === null) {
      return {
        status: 401,
        body: {
          error: {
            message:
              "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        },
      };
    }
    return this.error('auth', undefined, { key, inputTokens: 0 });
  },

  error(kind, status, ctx) {
    const e = ERRORS[kind];
    return {
      status: status ?? e.status,
      body: { error: { message: ctx.message ?? e.message(ctx), type: e.type, param: e.param, code: e.code } },
    };
  },

  modelList(models) {
    return {
      object: 'list',
      data: models.map((id) => ({
        id,
        object: 'model',
        created: 1_735_689_600,
        owned_by: 'switchyard-fake',
      })),
    };
  },
};
