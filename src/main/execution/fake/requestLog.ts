import type { SeenImage } from './answers';
import type { Wire } from './faults';

export type RequestOutcome = 'ok' | 'error' | 'hang' | 'cut' | 'malformed' | 'aborted';

/** One upstream call as the fake saw it. Never holds a key: only whether one was sent. */
export interface LoggedRequest {
  seq: number;
  requestId: string;
  at: string;
  method: string;
  /** Path without the query string, because Gemini clients may put `?key=` there. */
  path: string;
  wire: Wire | null;
  model: string | null;
  stream: boolean;
  /** Images the request carried (media type, size, hash; never the bytes). */
  images: SeenImage[];
  keyPresent: boolean;
  fault: string | null;
  status: number | null;
  outcome: RequestOutcome | null;
  /** True when the client closed the connection before the fake finished answering. */
  aborted: boolean;
  /** Content chunks written before the answer ended (streams only). */
  chunksSent: number;
  durationMs: number | null;
}

/** The log tests read to count upstream calls and to see which ones a client abandoned. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly limit = 10_000) {}

  open(init: Pick<LoggedRequest, 'requestId' | 'method' | 'path'>): LoggedRequest {
    const entry: LoggedRequest = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      wire: null,
      model: null,
      stream: false,
      images: [],
      keyPresent: false,
      fault: null,
      status: null,
      outcome: null,
      aborted: false,
      chunksSent: 0,
      durationMs: null,
      ...init,
    };
    this.entries.push(entry);
    // A long benchmark must not grow the fake without bound; the oldest entries go first.
    if (this.entries.length > this.limit) this.entries.shift();
    return entry;
  }

  list(filter: { model?: string; wire?: string } = {}): LoggedRequest[] {
    return this.entries.filter(
      (e) =>
        (filter.model === undefined || e.model === filter.model) &&
        (filter.wire === undefined || e.wire === filter.wire),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
