import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  faultMatchSchema,
  faultSpecSchema,
  FaultSyntaxError,
  parseFaultHeader,
  type FaultQueue,
} from './faults';
import type { RequestLog } from './requestLog';

export const CONTROL_PREFIX = '/__control';

const addFaultSchema = z
  .object({
    fault: z.union([z.string().min(1), faultSpecSchema]),
    match: faultMatchSchema.default({}),
    times: z.number().int().min(1).max(1_000_000).default(1),
  })
  .strict();

export interface ControlState {
  faults: FaultQueue;
  log: RequestLog;
  reset(): void;
}

function respond(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const part of req as AsyncIterable<Buffer>) text += part.toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

async function addFault(req: IncomingMessage, res: ServerResponse, state: ControlState): Promise<void> {
  let input: z.infer<typeof addFaultSchema>;
  try {
    const parsed = addFaultSchema.safeParse(await readJson(req));
    if (!parsed.success)
      return respond(res, 400, {
        error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
    input = parsed.data;
  } catch {
    return respond(res, 400, { error: 'body is not valid JSON' });
  }
  try {
    const spec = typeof input.fault === 'string' ? parseFaultHeader(input.fault) : input.fault;
    const entry = state.faults.add(spec, input.match, input.times);
    respond(res, 201, { id: entry.id, remaining: entry.remaining });
  } catch (e) {
    if (!(e instanceof FaultSyntaxError)) throw e;
    respond(res, 400, { error: e.message });
  }
}

/** The test-facing endpoints: queue and clear faults, read the request log, reset everything. */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: ControlState,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  switch (route) {
    case 'GET /health':
      return respond(res, 200, { ok: true });
    case 'GET /faults':
      return respond(res, 200, { faults: state.faults.list() });
    case 'POST /faults':
      return addFault(req, res, state);
    case 'DELETE /faults':
      return respond(res, 200, { cleared: state.faults.clear() });
    case 'GET /requests': {
      const model = url.searchParams.get('model') ?? undefined;
      const wire = url.searchParams.get('wire') ?? undefined;
      return respond(res, 200, { requests: state.log.list({ model, wire }) });
    }
    case 'DELETE /requests':
      state.log.clear();
      return respond(res, 200, { cleared: true });
    case 'POST /reset':
      state.reset();
      return respond(res, 200, { reset: true });
    default:
      return respond(res, 404, { error: `no control route ${route}` });
  }
}
