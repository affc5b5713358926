import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock';

/** A finished, complete answer worth serving again. */
export interface CachedAnswer {
  modelKey: string;
  output: string;
  finishReason: 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'other';
  promptTokens: number | null;
  completionTokens: number | null;
  cachedAt: number;
}

export interface CacheOptions {
  ttlMs: number;
  maxEntries: number;
}

/**
 * Answers of deterministic requests by request key: LRU (lru-cache) with a TTL measured on the
 * injected clock, so a test can step past the TTL without waiting.
 */
export class ResponseCache {
  private lru: LRUCache<string, CachedAnswer>;
  private options: CacheOptions;

  constructor(
    private readonly clock: Clock,
    options: CacheOptions,
  ) {
    this.options = options;
    this.lru = this.build(options);
  }

  get(key: string): CachedAnswer | undefined {
    return this.lru.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.lru.set(key, answer);
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }

  /** New limits from the rules; entries are kept only if the limits did not change. */
  configure(options: CacheOptions): void {
    if (options.ttlMs === this.options.ttlMs && options.maxEntries === this.options.maxEntries) return;
    this.options = options;
    this.lru = this.build(options);
  }

  private build(o: CacheOptions): LRUCache<string, CachedAnswer> {
    return new LRUCache<string, CachedAnswer>({
      max: o.maxEntries,
      ttl: o.ttlMs,
      // Age is checked on read; no timers keep the process alive.
      ttlAutopurge: false,
      // Read the injected clock on every check (lru-cache otherwise reuses a reading for 1 ms of
      // event-loop time, which a test that moves the clock between microtasks would not see).
      ttlResolution: 0,
      perf: { now: () => this.clock.now() },
    });
  }
}
