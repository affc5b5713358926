import type { AttemptRecord, ReportedUsage } from './ledgerEntry';

/** About four characters per token for English text, never 0 for text that exists. */
export const roughTokenCount = (text: string): number =>
  text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));

/**
 * What a stream has cost so far. On a clean finish the provider's final usage chunk is billed;
 * when the client disconnects or the stream breaks, that chunk never comes, so the delivered text
 * is counted and billed as an estimate (never $0: the provider billed the prompt and those tokens)
 * and the attempt is marked partial.
 */
export class StreamSpendMeter {
  private readonly chunks: string[] = [];
  private firstDeltaAt: number | null = null;

  constructor(
    private readonly estimatedInputTokens: number,
    readonly startedAt = Date.now(),
    /** The routing room's token estimator can be passed in; the default is the 4-chars rule. */
    private readonly countTokens: (text: string) => number = roughTokenCount,
  ) {}

  delta(text: string, at = Date.now()): void {
    if (this.firstDeltaAt === null) this.firstDeltaAt = at;
    this.chunks.push(text);
  }

  get deliveredText(): string {
    return this.chunks.join('');
  }

  get ttftMs(): number | null {
    return this.firstDeltaAt === null ? null : this.firstDeltaAt - this.startedAt;
  }

  /** The attempt's usage fields for a finished stream (provider usage, our counts as fallback). */
  finished(usage: ReportedUsage): Pick<AttemptRecord, 'status' | 'usage' | 'estimate'> {
    return { status: 'ok', usage, estimate: this.estimate() };
  }

  /** The attempt's usage fields for a stream that broke or was abandoned after `partialText`. */
  broken(partialText?: string): Pick<AttemptRecord, 'status' | 'usage' | 'estimate'> {
    const text =
      partialText && partialText.length > this.deliveredText.length ? partialText : this.deliveredText;
    return {
      status: text.length > 0 ? 'partial' : 'cancelled',
      usage: null,
      estimate: { inputTokens: this.estimatedInputTokens, outputTokens: this.countTokens(text) },
    };
  }

  private estimate(): { inputTokens: number; outputTokens: number } {
    return { inputTokens: this.estimatedInputTokens, outputTokens: this.countTokens(this.deliveredText) };
  }
}
