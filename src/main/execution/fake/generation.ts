import { createHash } from 'node:crypto';
import { countPromptTokens, fakeAnswer } from './answers';
import { randomId, type Exchange } from './exchange';
import { applyPreamble, isErrorFault, refuseBadKey, sendFaultError } from './faultResponse';
import type { FaultSpec } from './faults';
import type { FakeReply, GenerationCall, SseEvent, WireFormat } from './wire/types';

/** Below this many prompt tokens providers do not cache prompts (OpenAI's documented minimum). */
const PROMPT_CACHE_MIN_TOKENS = 1024;
const PROMPT_CACHE_LIMIT = 10_000;
const REPLY_ID_PREFIX = { openai: 'chatcmpl-', anthropic: 'msg_', gemini: 'resp-' } as const;

/** Prompts seen before, so a repeated long prompt reports cached input tokens like real services. */
export class PromptCacheMemory {
  private seen = new Set<string>();

  cachedTokens(call: GenerationCall, inputTokens: number): number {
    if (inputTokens < PROMPT_CACHE_MIN_TOKENS) return 0;
    const key = createHash('sha256').update(call.model).update(JSON.stringify(call.messages)).digest('hex');
    if (this.seen.has(key)) return Math.floor(inputTokens / 128) * 128;
    if (this.seen.size >= PROMPT_CACHE_LIMIT) this.seen.clear();
    this.seen.add(key);
    return 0;
  }

  clear(): void {
    this.seen.clear();
  }
}

export interface GenerationContext {
  ex: Exchange;
  wire: WireFormat;
  call: GenerationCall;
  fault: FaultSpec | null;
  key: string | null;
  anonymous: boolean;
  headers: Record<string, string>;
  promptCache: PromptCacheMemory;
}

function buildReply(c: GenerationContext): FakeReply {
  const answer = fakeAnswer(c.call.model, c.call.messages, c.call.maxTokens);
  return {
    id: randomId(REPLY_ID_PREFIX[c.wire.wire]),
    model: c.call.model,
    created: Math.floor(Date.now() / 1000),
    answer,
    cachedTokens: c.promptCache.cachedTokens(c.call, answer.inputTokens),
  };
}

function sendJsonAnswer(c: GenerationContext, reply: FakeReply): void {
  const fault = c.fault;
  const body = JSON.stringify(c.wire.completion(reply));
  const headers = { 'content-type': 'application/json', ...c.headers };
  if (fault?.malformed) {
    c.ex.entry.outcome = 'malformed';
    c.ex.send(200, headers, body.slice(0, Math.max(1, Math.floor(body.length / 2))));
    return;
  }
  if (fault?.cutAfter !== undefined) {
    // Promise the whole body, deliver part of it, then drop the connection.
    c.ex.entry.outcome = 'cut';
    c.ex.head(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    c.ex.res.write(body.slice(0, Math.floor(body.length / 2)), () => c.ex.cut());
    return;
  }
  c.ex.entry.outcome = 'ok';
  c.ex.send(200, headers, body);
}

const write = (ex: Exchange, text: string): Promise<void> =>
  ex.isClosed
    ? Promise.resolve()
    : Promise.race([new Promise<void>((resolve) => ex.res.write(text, () => resolve())), ex.closed]);

const formatEvent = (e: SseEvent): string =>
  `${e.event !== undefined ? `event: ${e.event}\n` : ''}data: ${e.data}\n\n`;

async function sendStream(c: GenerationContext, reply: FakeReply): Promise<void> {
  const { ex, fault } = c;
  const events = c.wire.streamEvents(reply, c.call.includeUsage);
  ex.head(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...c.headers,
  });
  // Real services send the status line and headers before the first event.
  ex.res.flushHeaders();
  ex.entry.outcome = fault?.malformed ? 'malformed' : 'ok';
  let sent = 0;
  for (const event of events) {
    if (event.content) {
      if (fault?.cutAfter !== undefined && sent >= fault.cutAfter) {
        ex.entry.outcome = 'cut';
        ex.cut();
        return;
      }
      const delay = sent === 0 ? fault?.firstTokenDelayMs : fault?.chunkDelayMs;
      if (!(await ex.pause(delay))) return;
      sent += 1;
      ex.entry.chunksSent = sent;
    }
    // Waiting for each write to flush keeps chunk timing honest and lets a cut deliver what came first.
    await write(ex, formatEvent(event));
    if (event.content && sent === 1 && fault?.malformed)
      await write(ex, formatEvent(c.wire.malformedEvent()));
  }
  ex.res.end();
}

/** Serves one generation: faults first (delay, hang, auth, error), then the answer. */
export async function serveGeneration(c: GenerationContext): Promise<void> {
  const { ex, fault, wire } = c;
  if (!(await applyPreamble(ex, fault))) return;
  if (refuseBadKey(ex, wire, c)) return;
  if (fault && isErrorFault(fault)) {
    sendFaultError(ex, wire, fault, c.headers, {
      key: c.key,
      inputTokens: countPromptTokens(c.call.messages),
    });
    return;
  }
  const reply = buildReply(c);
  if (!c.call.stream) {
    if (!(await ex.pause(fault?.firstTokenDelayMs))) return;
    sendJsonAnswer(c, reply);
    return;
  }
  await sendStream(c, reply);
}
