import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ExactEncoding } from './tokenFamilies';

/**
 * The worker's source, evaluated as CommonJS. Kept as a string so it runs the same from source
 * (tsx, vitest) and from the bundle, without a separate build entry; js-tiktoken is required by
 * absolute path, resolved in the parent where module resolution is known to work.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Tiktoken } = require(workerData.lite);
const encoders = new Map();
function encoder(name) {
  let e = encoders.get(name);
  if (!e) {
    e = new Tiktoken(require(workerData.ranks[name]));
    encoders.set(name, e);
  }
  return e;
}
parentPort.on('message', (m) => {
  try {
    const e = encoder(m.encoding);
    // No special tokens: "<|endoftext|>" in a prompt is counted as the text it is.
    parentPort.postMessage({ id: m.id, counts: m.texts.map((t) => e.encode(t, [], []).length) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String((err && err.message) || err) });
  }
});
`;

interface Pending {
  resolve: (counts: number[]) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

const CACHE_LIMIT = 512;
/** The first call loads a rank file (~0.4 s for o200k here); later ones take ~1.4 ms per 1k tokens. */
const COLD_TIMEOUT_MS = 15_000;

/**
 * Exact token counts off the main thread. js-tiktoken takes ~0.4 s to load an encoding and
 * ~14 ms per 10k tokens, either of which would freeze the UI or the gateway, so it runs in a
 * worker that is started on first use or by `prewarm` (never on the start-up path) and does not
 * keep the process alive while idle. Counts are cached by text hash, so re-routing the same prompt is free.
 */
export class ExactTokenCounter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, number>();
  private warm = new Set<ExactEncoding>();

  cached(hash: string, encoding: ExactEncoding): number | undefined {
    return this.cache.get(`${encoding}:${hash}`);
  }

  /** Exact counts for texts (with their scan hashes), from the cache where possible. */
  async count(texts: { text: string; hash: string }[], encoding: ExactEncoding): Promise<number[]> {
    const result = texts.map((t) => this.cached(t.hash, encoding));
    const missing = texts.flatMap((_, i) => (result[i] === undefined ? [i] : []));
    if (missing.length > 0) {
      const chars = missing.reduce((s, i) => s + (texts[i]?.text.length ?? 0), 0);
      const counts = await this.request(
        encoding,
        missing.map((i) => texts[i]?.text ?? ''),
        this.warm.has(encoding) ? 2_000 + chars / 50 : COLD_TIMEOUT_MS,
      );
      this.warm.add(encoding);
      missing.forEach((i, k) => {
        result[i] = counts[k] ?? 0;
        this.remember(`${encoding}:${texts[i]?.hash}`, counts[k] ?? 0);
      });
    }
    return result as number[];
  }

  /** Loads an encoding in the worker ahead of need (e.g. when the playground opens). */
  async warmUp(encoding: ExactEncoding = 'o200k_base'): Promise<void> {
    await this.request(encoding, [''], COLD_TIMEOUT_MS);
    this.warm.add(encoding);
  }

  /**
   * Starts the worker and loads an encoding in the background, so the first decision near a
   * threshold waits ~14 ms for its count rather than ~0.4 s for the encoder. Unlike `warmUp` it
   * never keeps the process alive (a CLI that is done exits), and a failure is left for the first
   * real count to report.
   */
  prewarm(encoding: ExactEncoding = 'o200k_base'): void {
    if (this.warm.has(encoding)) return;
    this.request(encoding, [''], COLD_TIMEOUT_MS, false).then(
      () => this.warm.add(encoding),
      () => undefined,
    );
  }

  /** Whether an encoding is loaded in the worker. */
  isWarm(encoding: ExactEncoding = 'o200k_base'): boolean {
    return this.warm.has(encoding);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('token counter closed'));
    }
    this.pending.clear();
    if (w) await w.terminate();
  }

  private request(
    encoding: ExactEncoding,
    texts: string[],
    timeoutMs: number,
    keepAlive = true,
  ): Promise<number[]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.idle();
        reject(new Error(`exact token count timed out after ${Math.round(timeoutMs)} ms`));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      // Keep the process alive while a count is owed (a CLI awaiting it would otherwise exit).
      if (keepAlive) worker.ref();
      worker.postMessage({ id, encoding, texts });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const require = createRequire(import.meta.url);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        lite: require.resolve('js-tiktoken/lite'),
        ranks: {
          o200k_base: require.resolve('js-tiktoken/ranks/o200k_base'),
          cl100k_base: require.resolve('js-tiktoken/ranks/cl100k_base'),
        },
      },
    });
    worker.on('message', (m: { id: number; counts?: number[]; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      this.idle();
      if (m.counts) p.resolve(m.counts);
      else p.reject(new Error(m.error ?? 'exact token count failed'));
    });
    worker.on('error', (e) => this.fail(worker, e));
    worker.on('exit', () => this.fail(worker, new Error('token worker exited')));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private fail(worker: Worker, e: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.warm.clear();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
  }

  private idle(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  private remember(key: string, count: number): void {
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, count);
  }
}
