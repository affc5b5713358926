import type { ProviderAdapter } from '../providers/adapter';
import type { GenerationRequest, GenerationResult } from '../types';

/** One call to one model, streamed or not, remembering when its first text arrived. */
export class ModelCall {
  private readonly startedAt = performance.now();
  firstTokenMs: number | null = null;

  constructor(
    private readonly adapter: ProviderAdapter,
    private readonly stream: boolean,
    private readonly onDelta: ((text: string) => void) | undefined,
  ) {}

  async run(req: GenerationRequest): Promise<GenerationResult> {
    if (!this.stream) return this.adapter.generate(req);
    for await (const ev of this.adapter.stream(req)) {
      if (ev.type === 'done') return ev.result;
      this.firstTokenMs ??= this.elapsedMs();
      this.onDelta?.(ev.text);
    }
    // The adapter always ends a stream with `done` or an error; this is a broken invariant.
    throw new Error('provider stream ended without a result');
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }
}
