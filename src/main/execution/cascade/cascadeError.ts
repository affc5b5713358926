import type { Attempt } from '../../../shared/contract/execution';
import { SwitchyardError } from '../../core/errors';
import type { GenerationError } from '../generationError';
import type { GenerationUsage } from '../types';
import type { ChainModel } from './cascade';

/** One attempt with what billing needs: reported usage and the text the caller received. */
export interface AttemptTrace {
  attempt: Attempt;
  usage: GenerationUsage;
  /** Text delivered to the caller by this attempt (the answer, or a cut stream's part of it). */
  deliveredText: string;
}

function skippedList(traces: readonly AttemptTrace[]): string {
  const skipped = traces.filter((t) => t.attempt.outcome === 'skipped');
  return skipped
    .map((t) => `${t.attempt.modelKey} (${t.attempt.message ?? t.attempt.skipReason})`)
    .join(', ');
}

function describe(last: GenerationError | null, traces: readonly AttemptTrace[]) {
  const calls = traces.filter((t) => t.attempt.outcome !== 'skipped');
  if (last === null) {
    const list = skippedList(traces);
    return {
      code: 'NO_ELIGIBLE_MODEL' as const,
      message: list
        ? `No model could be tried: ${list}. Wait, reset a circuit on the health screen, or pick another model.`
        : 'The routing decision named no model to call.',
    };
  }
  if (last.kind === 'cancelled' || calls.length <= 1) return { code: last.code, message: last.message };
  const models = new Set(calls.map((t) => t.attempt.modelKey)).size;
  return {
    code: last.code,
    message: `All ${calls.length} calls to ${models} model${models === 1 ? '' : 's'} failed; the last: ${last.message}`,
  };
}

/** The cascade ended without an answer: the last provider error plus every attempt it made. */
export class CascadeError extends SwitchyardError {
  constructor(
    readonly last: GenerationError | null,
    readonly traces: AttemptTrace[],
    readonly model: ChainModel | null,
  ) {
    const { code, message } = describe(last, traces);
    super(code, message, {
      kind: last?.kind ?? null,
      provider: last?.provider ?? null,
      status: last?.status ?? null,
      retryable: last?.retryable ?? false,
      attempts: traces.map((t) => t.attempt),
    });
    this.name = 'CascadeError';
  }
}

export const isCascadeError = (e: unknown): e is CascadeError => e instanceof CascadeError;
