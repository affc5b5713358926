import { z } from 'zod';
import type { ParsedExecutionRunInput } from '../../shared/contract/execution';
import {
  IMAGE_DATA_URL,
  STRATEGIES,
  USE_CASES,
  UseCaseSchema,
  type ParsedRoutingRequest,
  type RoutingRequest,
} from '../../shared/contract/routing';

/**
 * The OpenAI Chat Completions request, as far as Switchyard can honour it. Unknown top-level fields
 * are ignored (SDKs add new ones all the time); fields whose meaning cannot be honoured (`n` > 1,
 * `tools`, audio or file parts) are refused with a 400 naming them rather than silently dropped.
 */
const TextPart = z.object({ type: z.literal('text'), text: z.string() });
const ImagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string(), detail: z.enum(['low', 'high', 'auto']).optional() }),
});
const RefusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() });
const ContentPart = z.discriminatedUnion('type', [TextPart, ImagePart, RefusalPart]);

const Message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
  name: z.string().optional(),
});

export const ChatCompletionRequestSchema = z.object({
  model: z.string().min(1).max(300),
  messages: z.array(Message).min(1).max(10_000),
  temperature: z.number().min(0).max(2).nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  user: z.string().max(256).optional(),
  n: z.literal(1).nullable().optional(),
  tools: z.array(z.unknown()).max(0, 'tools are not supported by the gateway yet').nullable().optional(),
  functions: z
    .array(z.unknown())
    .max(0, 'functions are not supported by the gateway yet')
    .nullable()
    .optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

/** A request the gateway refuses, naming the offending field (OpenAI's `param`). */
export class InvalidRequest extends Error {
  constructor(
    message: string,
    readonly param: string | null,
  ) {
    super(message);
  }
}

/** The first zod issue as an OpenAI `param` path (`messages[0].content`) and a message naming it. */
export function invalidFrom(error: z.ZodError): InvalidRequest {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)),
    '',
  );
  const where = path || 'body';
  return new InvalidRequest(`Invalid value for '${where}': ${issue?.message ?? 'invalid'}.`, path || null);
}

/** `auto`, `switchyard/<use-case>`, `switchyard/<strategy>` or `<provider>/<model>` (pinned). */
export function routingFromModel(model: string): Pick<RoutingRequest, 'useCase' | 'strategy' | 'model'> {
  if (model === 'auto' || model === 'switchyard/auto') return {};
  const slash = model.indexOf('/');
  if (slash <= 0 || slash === model.length - 1) {
    throw new InvalidRequest(
      `Unknown model '${model}': use 'auto', 'switchyard/<use-case>', 'switchyard/<strategy>' or '<provider>/<model>' (GET /v1/models lists them).`,
      'model',
    );
  }
  const head = model.slice(0, slash);
  const tail = model.slice(slash + 1);
  if (head === 'switchyard') {
    if ((USE_CASES as readonly string[]).includes(tail))
      return { useCase: tail as (typeof USE_CASES)[number] };
    if ((STRATEGIES as readonly string[]).includes(tail) && tail !== 'pinned')
      return { strategy: tail as (typeof STRATEGIES)[number] };
    throw new InvalidRequest(
      `Unknown virtual model '${model}': the use cases are ${USE_CASES.join(', ')}; the strategies are ${STRATEGIES.filter((s) => s !== 'pinned').join(', ')}.`,
      'model',
    );
  }
  return { model };
}

export type HeaderReader = (name: string) => string | undefined;

function numberHeader(
  read: HeaderReader,
  name: string,
  check: (n: number) => boolean,
  what: string,
): number | undefined {
  const raw = read(name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || !check(n)) {
    throw new InvalidRequest(`Invalid header '${name}': expected ${what}.`, name);
  }
  return n;
}

/** Routing constraints from the `x-switchyard-*` headers. */
export function constraintsFromHeaders(read: HeaderReader): {
  useCase?: RoutingRequest['useCase'];
  constraints: { maxCostUsd?: number; maxLatencySeconds?: number; minQuality?: number };
} {
  const maxCostUsd = numberHeader(read, 'x-switchyard-max-cost', (n) => n > 0, 'a positive number of USD');
  const maxLatencySeconds = numberHeader(
    read,
    'x-switchyard-max-latency',
    (n) => n > 0,
    'a positive number of seconds',
  );
  const minQuality = numberHeader(
    read,
    'x-switchyard-min-quality',
    (n) => n >= 0 && n <= 1,
    'a number from 0 to 1',
  );
  const rawUseCase = read('x-switchyard-use-case')?.trim();
  let useCase: RoutingRequest['useCase'];
  if (rawUseCase) {
    const parsed = UseCaseSchema.safeParse(rawUseCase);
    if (!parsed.success) {
      throw new InvalidRequest(
        `Invalid header 'x-switchyard-use-case': expected one of ${USE_CASES.join(', ')}.`,
        'x-switchyard-use-case',
      );
    }
    useCase = parsed.data;
  }
  const constraints: { maxCostUsd?: number; maxLatencySeconds?: number; minQuality?: number } = {};
  if (maxCostUsd !== undefined) constraints.maxCostUsd = maxCostUsd;
  if (maxLatencySeconds !== undefined) constraints.maxLatencySeconds = maxLatencySeconds;
  if (minQuality !== undefined) constraints.minQuality = minQuality;
  return { useCase, constraints };
}

type ContractMessage = NonNullable<ParsedRoutingRequest['messages']>[number];

/**
 * OpenAI messages → the contract's. `developer` is a system message; `function` results are tool
 * results. An image given as a base64 data URL (PNG, JPEG, GIF, WebP) is sent on to the model; an
 * image by http(s) URL is a routing hint only (vision, tokens at its detail level): Switchyard does
 * not fetch URLs on a client's behalf.
 */
function toContractMessage(m: ChatCompletionRequest['messages'][number]): ContractMessage {
  const role = m.role === 'developer' ? 'system' : m.role === 'function' ? 'tool' : m.role;
  if (m.content === undefined || m.content === null) return { role, content: '' };
  if (typeof m.content === 'string') return { role, content: m.content };
  return {
    role,
    content: m.content.map((p) =>
      p.type === 'text'
        ? { type: 'text' as const, text: p.text }
        : p.type === 'refusal'
          ? { type: 'text' as const, text: p.refusal }
          : {
              type: 'image' as const,
              image: {
                detail: p.image_url.detail ?? 'auto',
                ...(IMAGE_DATA_URL.test(p.image_url.url) ? { data: p.image_url.url } : {}),
              },
            },
    ),
  };
}

export interface GatewayCall {
  input: ParsedExecutionRunInput;
  stream: boolean;
  includeUsage: boolean;
}

/**
 * A validated body and the request's headers → the execution room's input, already in its parsed
 * form. Everything the contract's `ExecutionRunInputSchema` checks is checked here on the way in
 * (the OpenAI schema above, `routingFromModel`, the header parsers; an image's data is kept only
 * when it is a data URL the contract accepts), so the input is built with the contract's defaults
 * rather than parsed a second time: measured (issue #10, gateway bench profile) the second zod
 * parse was ~30 µs of the gateway's CPU per request. `openaiRequest.test.ts` checks the contract
 * schema still accepts every input built here and parses it to the same value.
 */
export function toExecutionInput(body: unknown, read: HeaderReader, requestId: string): GatewayCall {
  const parsed = ChatCompletionRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidFrom(parsed.error);
  const r = parsed.data;
  const fromModel = routingFromModel(r.model);
  const headers = constraintsFromHeaders(read);
  const maxOutputTokens = r.max_completion_tokens ?? r.max_tokens ?? undefined;
  const stream = r.stream === true;
  const request: ParsedRoutingRequest = {
    messages: r.messages.map(toContractMessage),
    images: [],
    files: 0,
    requires: [],
    ...fromModel,
    ...(headers.useCase && !fromModel.useCase ? { useCase: headers.useCase } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    constraints: { ...headers.constraints, preferredProviders: [], excludedProviders: [] },
  };
  const input: ParsedExecutionRunInput = {
    requestId,
    request,
    ...(r.temperature !== undefined && r.temperature !== null ? { temperature: r.temperature } : {}),
    stream,
  };
  return { input, stream, includeUsage: stream && r.stream_options?.include_usage === true };
}
