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
  type WireFormat,
} from './types';
import { geminiImages } from './images';

const CONTEXT_WINDOW = 1_048_576;
/** `/v1beta/models/{model}:generateContent` or `:streamGenerateContent`. */
export const GEMINI_PATH = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

function parseMessages(system: unknown, contents: unknown): PromptMessage[] {
  if (!Array.isArray(contents) || contents.length === 0)
    throw new WireRequestError('* GenerateContentRequest.contents: contents is not specified');
  const messages: PromptMessage[] = [];
  if (system !== undefined) messages.push({ role: 'system', text: contentText(asRecord(system)['parts']) });
  for (const c of contents) {
    const content = asRecord(c);
    const images = geminiImages(content['parts']);
    messages.push({
      role: content['role'] === 'model' ? 'assistant' : 'user',
      text: contentText(content['parts']),
      ...(images.length > 0 ? { images } : {}),
    });
  }
  return messages;
}

function usageMetadata(reply: FakeReply, final: boolean): Record<string, unknown> {
  const { inputTokens, outputTokens } = reply.answer;
  const usage: Record<string, unknown> = {
    promptTokenCount: inputTokens,
    totalTokenCount: final ? inputTokens + outputTokens : inputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: inputTokens }],
  };
  if (final) usage['candidatesTokenCount'] = outputTokens;
  // Gemini omits the field entirely when nothing came from the cache.
  if (reply.cachedTokens > 0) usage['cachedContentTokenCount'] = reply.cachedTokens;
  return usage;
}

function candidate(text: string, finishReason?: string): Record<string, unknown> {
  const c: Record<string, unknown> = { content: { parts: [{ text }], role: 'model' }, index: 0 };
  if (finishReason !== undefined) c['finishReason'] = finishReason;
  return c;
}

const finishReason = (reply: FakeReply): string => (reply.answer.finish === 'length' ? 'MAX_TOKENS' : 'STOP');

const ERRORS: Record<FaultError, { status: number; rpc: string; message: (c: ErrorContext) => string }> = {
  rate_limit: {
    status: 429,
    rpc: 'RESOURCE_EXHAUSTED',
    message: () => 'Resource has been exhausted (e.g. check quota).',
  },
  context_length: {
    status: 400,
    rpc: 'INVALID_ARGUMENT',
    message: (c) =>
      `The input token count (${Math.max(c.inputTokens, CONTEXT_WINDOW + 1)}) exceeds the maximum number of tokens allowed (${CONTEXT_WINDOW}).`,
  },
  too_large: {
    status: 413,
    rpc: 'INVALID_ARGUMENT',
    message: () => 'Request payload size exceeds the limit: 20971520 bytes.',
  },
  server: {
    status: 500,
    rpc: 'INTERNAL',
    message: () =>
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  },
  overloaded: {
    status: 503,
    rpc: 'UNAVAILABLE',
    message: () => 'The model is overloaded. Please try again later.',
  },
  auth: {
    status: 401,
    rpc: 'UNAUTHENTICATED',
    message: () =>
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  },
  bad_request: {
    status: 400,
    rpc: 'INVALID_ARGUMENT',
    message: () => 'Invalid value at \'generation_config.temperature\' (TYPE_FLOAT), "hot"',
  },
};

/** google.rpc.Status as Gemini returns it, with RetryInfo when a retry delay is known. */
function rpcError(code: number, status: string, message: string, details?: unknown[]): unknown {
  return { error: details ? { code, message, status, details } : { code, message, status } };
}

/** Gemini API (`generativelanguage.googleapis.com/v1beta`). */
export const geminiWire: WireFormat = {
  wire: 'gemini',
  requestIdHeaders: ['x-request-id'],

  apiKey(headers, url) {
    return headerValue(headers, 'x-goog-api-key') ?? (url.searchParams.get('key') || null);
  },

  parseGeneration(body, url): GenerationCall {
    const match = GEMINI_PATH.exec(url.pathname);
    if (!match?.[1]) throw new WireRequestError('unknown Gemini method');
    const b = asRecord(body);
    const config = b['generationConfig'] === undefined ? {} : asRecord(b['generationConfig']);
    return {
      model: decodeURIComponent(match[1]),
      messages: parseMessages(b['systemInstruction'], b['contents']),
      stream: match[2] === 'streamGenerateContent',
      maxTokens: optionalPositiveInt(config['maxOutputTokens']),
      includeUsage: true,
    };
  },

  completion(reply) {
    return {
      candidates: [candidate(reply.answer.text, finishReason(reply))],
      usageMetadata: usageMetadata(reply, true),
      modelVersion: reply.model,
      responseId: reply.id,
    };
  },

  streamEvents(reply) {
    const chunks = reply.answer.chunks;
    return chunks.map((text, i) => {
      const last = i === chunks.length - 1;
      const payload = {
        candidates: [candidate(text, last ? finishReason(reply) : undefined)],
        usageMetadata: usageMetadata(reply, last),
        modelVersion: reply.model,
        responseId: reply.id,
      };
      return { data: JSON.stringify(payload), content: true };
    });
  },

  malformedEvent: () => ({
    data: '{"candidates":[{"content":{"parts":[{"text":"unterminated',
    content: false,
  }),

  authError(key) {
    if (key === null) {
      return {
        status: 403,
        body: rpcError(
          403,
          'PERMISSION_DENIED',
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        ),
      };
    }
    // Gemini answers a wrong key with 400, not 401; clients must read the ErrorInfo reason.
    return {
      status: 400,
      body: rpcError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
      ]),
    };
  },

  error(kind, status, ctx) {
    const e = ERRORS[kind];
    const code = status ?? e.status;
    const details =
      kind === 'rate_limit' && ctx.retryAfterSeconds !== undefined
        ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${ctx.retryAfterSeconds}s` }]
        : undefined;
    return { status: code, body: rpcError(code, e.rpc, ctx.message ?? e.message(ctx), details) };
  },

  modelList(models) {
    return {
      models: models.map((id) => ({
        name: `models/${id}`,
        version: '001',
        displayName: id,
        inputTokenLimit: CONTEXT_WINDOW,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: ['generateContent', 'countTokens'],
      })),
    };
  },
};
