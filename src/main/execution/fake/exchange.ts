import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggedRequest } from './requestLog';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Random hex ids from randomUUID, which draws on a cached entropy pool: `randomBytes` per id was
 * ~7% of the fake's CPU per answer under the gateway bench (issue #10), and a faster fake raises
 * the ceiling for every gateway measured against it alike.
 */
export const randomId = (prefix: string, bytes = 12): string => {
  let hex = '';
  while (hex.length < bytes * 2) hex += randomUUID().replaceAll('-', '');
  return `${prefix}${hex.slice(0, bytes * 2)}`;
};

/**
 * One request/response pair with what the fake needs around it: a promise that settles when the
 * connection closes (so hangs end when the client gives up), and the log entry it keeps current.
 */
export class Exchange {
  readonly url: URL;
  readonly closed: Promise<void>;
  readonly startedAt = performance.now();
  private destroyedByFake = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly entry: LoggedRequest,
  ) {
    this.url = new URL(req.url ?? '/', 'http://fake.invalid');
    this.closed = new Promise((resolve) => {
      res.on('close', () => {
        // Closed before the fake ended its answer, and not by the fake itself: the client gave up.
        if (!res.writableEnded && !this.destroyedByFake) {
          entry.aborted = true;
          if (entry.outcome === null || entry.outcome === 'ok') entry.outcome = 'aborted';
        }
        entry.durationMs = Math.round(performance.now() - this.startedAt);
        resolve();
      });
    });
  }

  get isClosed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  async readBody(): Promise<string> {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const part of this.req as AsyncIterable<Buffer>) {
      size += part.length;
      if (size > MAX_BODY_BYTES) throw new Error('request body too large for the fake');
      parts.push(part);
    }
    return Buffer.concat(parts).toString('utf8');
  }

  /** Waits `ms`, or less if the client disconnects; says whether the exchange is still open. */
  async pause(ms: number | undefined): Promise<boolean> {
    if (ms !== undefined && ms > 0 && !this.isClosed) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), this.closed]);
      clearTimeout(timer);
    }
    return !this.isClosed;
  }

  head(status: number, headers: Record<string, string>): void {
    this.entry.status = status;
    this.res.writeHead(status, headers);
  }

  send(status: number, headers: Record<string, string>, body: string): void {
    if (this.isClosed) return;
    this.head(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
    this.res.end(body);
  }

  json(status: number, headers: Record<string, string>, body: unknown): void {
    this.send(status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
  }

  /** Kills the connection mid-answer, the way a proxy or a crashed upstream does. */
  cut(): void {
    this.destroyedByFake = true;
    this.res.socket?.destroy();
    this.res.destroy();
  }
}
