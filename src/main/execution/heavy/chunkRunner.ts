import { randomUUID } from 'node:crypto';
import type { ParsedExecutionRunInput, RoutedGeneration } from '../../../shared/contract/execution';
import type { ParsedRoutingRequest } from '../../../shared/contract/routing';
import type { ParsedStep } from '../../../shared/contract/tasks';
import { toContractError } from '../../core/errors';
import type { RequestSource } from '../../ledger/ledgerCodes';
import type { RunOptions } from '../service/preparedRequest';
import type { Router } from '../service/ports';
import { chunkPrompt, trimEarlier, type EarlierPart } from './chunkPrompt';
import type { ChunkingRules, PlannedChunk } from './stepAnalysis';

/** Runs of one chunk at most: the first, and two retries of that chunk alone. */
export const MAX_TRIES = 3;
/** Failures worth running the same chunk again (a provider's trouble, not the request's). */
const RETRYABLE = new Set(['PROVIDER_ERROR', 'RATE_LIMIT_EXCEEDED', 'INTERNAL']);
/** Room left in the window for the instructions' own wording and the tokenizer's slack. */
const WINDOW_SLACK_TOKENS = 512;
const DEFAULT_WINDOW = 8_192;

export interface ChunkRunDeps {
  generation: { run(input: ParsedExecutionRunInput, opts: RunOptions): Promise<RoutedGeneration> };
  router: Router;
  contextWindow(modelKey: string): number | null;
}

export interface ChunkContext {
  step: ParsedStep;
  target: string;
  earlier: readonly EarlierPart[];
  chunking: ChunkingRules;
  simulated: boolean;
  source: RequestSource;
  signal: AbortSignal;
  parent: { taskId: number; chunk: string } | undefined;
  onTry(tries: number): void;
}

export type ChunkOutcome =
  | { kind: 'done'; result: RoutedGeneration; tries: number }
  | { kind: 'cancelled'; tries: number }
  | { kind: 'failed'; message: string; tries: number };

export function routingRequest(prompt: string, step: ParsedStep, simulated: boolean): ParsedRoutingRequest {
  return {
    prompt,
    images: [],
    files: 0,
    useCase: step.useCase,
    requires: [],
    constraints: { preferredProviders: [], excludedProviders: [] },
    ...(simulated ? { simulate: true } : {}),
  };
}

/**
 * The chunk's prompt with the earlier parts trimmed to fit: the window of the model the bare chunk
 * routes to, less its answer and the prompt itself, and never more than the chunking threshold
 * (a chunk is meant to be small).
 */
async function promptFor(deps: ChunkRunDeps, c: ChunkContext, chunk: PlannedChunk): Promise<string> {
  const bare = chunkPrompt(c.step, chunk, c.target, '');
  if (c.earlier.length === 0) return bare;
  const decision = await deps.router.decide(routingRequest(bare, c.step, c.simulated));
  const window = deps.contextWindow(decision.modelKey) ?? DEFAULT_WINDOW;
  const room = Math.min(
    window - decision.maxOutputTokens - decision.tokens.input - WINDOW_SLACK_TOKENS,
    c.chunking.max_input_tokens - decision.tokens.input,
  );
  return chunkPrompt(c.step, chunk, c.target, trimEarlier(c.earlier, Math.max(0, room)));
}

/** One chunk through the router; a failure is retried for this chunk alone, up to MAX_TRIES runs. */
export async function runChunk(
  deps: ChunkRunDeps,
  c: ChunkContext,
  chunk: PlannedChunk,
): Promise<ChunkOutcome> {
  let last = '';
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    if (c.signal.aborted) return { kind: 'cancelled', tries: tries - 1 };
    c.onTry(tries);
    try {
      const prompt = await promptFor(deps, c, chunk);
      const input: ParsedExecutionRunInput = {
        requestId: `task_${randomUUID()}`,
        request: routingRequest(prompt, c.step, c.simulated),
        stream: true,
      };
      const result = await deps.generation.run(input, {
        source: c.source,
        signal: c.signal,
        emitEvents: false,
        ...(c.parent ? { parent: c.parent } : {}),
      });
      if (!result.error) return { kind: 'done', result, tries };
      if (result.error.code === 'CANCELLED') return { kind: 'cancelled', tries };
      last = result.error.message;
    } catch (e) {
      const error = toContractError(e);
      if (error.code === 'CANCELLED' || c.signal.aborted) return { kind: 'cancelled', tries };
      last = error.message;
      if (!RETRYABLE.has(error.code)) return { kind: 'failed', message: last, tries };
    }
  }
  return { kind: 'failed', message: last, tries: MAX_TRIES };
}
