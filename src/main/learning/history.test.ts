import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VoteInputSchema, type VoteInput } from '../../shared/contract/votes';
import type { AttemptRecord } from '../ledger/ledgerEntry';
import {
  okAttempt,
  okRequest,
  openLedgerFixture,
  PRICES,
  type LedgerFixture,
} from '../ledger/testing/ledgerFixture';
import { VoteStore } from '../ledger/votes';
import { historyMark, readLabelledHistory } from './history';

const A = 'ollama/llama3.1:8b';
const B = 'openai/gpt-5-mini';
const C = 'ollama/qwen2.5-coder:7b';

const answer = (key: string): AttemptRecord => {
  const [provider, model] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
  return okAttempt(provider, model, PRICES.mini, 40, 80);
};
const failure = (key: string): AttemptRecord => ({ ...answer(key), status: 'error', errorKind: 'server' });

describe('labelled history with compare votes', () => {
  let fx: LedgerFixture;
  let votes: VoteStore;
  beforeEach(() => {
    fx = openLedgerFixture();
    fx.ledger.settings.set({ storePrompts: true });
    votes = new VoteStore(fx.database);
  });
  afterEach(() => fx.cleanup());

  const run = (prompt: string, ...attempts: AttemptRecord[]) =>
    fx.ledger.record(
      okRequest(attempts.at(-1)!, {
        prompt,
        attempts,
        status: attempts.at(-1)!.status === 'ok' ? 'ok' : 'error',
      }),
    );
  let n = 0;
  const vote = (models: string[], verdict: VoteInput['verdict'], winner?: number, simulated = false) =>
    votes.record(
      VoteInputSchema.parse({
        comparisonId: `cmp-history-${n++}`,
        verdict,
        winner,
        candidates: models.map((m, i) => ({
          target: m,
          modelKey: m,
          requestId: `pg-run-${n}-${i}`,
          costUsd: 0.0001,
          latencyMs: 800,
          simulated,
        })),
      }),
    );
  const labels = (prompt: string) =>
    Object.fromEntries(
      Object.entries(readLabelledHistory(fx.database.db).find((t) => t.text === prompt)?.labels ?? {}).map(
        ([k, v]) => [k, v.quality],
      ),
    );

  it('a winner counts as a success, "all bad" as a failure of every answer, a tie as nothing', async () => {
    const sums = 'Write a Python function that sums the digits of a number.';
    // A failed this prompt twice (B answered), then answered it in a compare with B and won.
    await run(sums, failure(A), answer(B));
    await run(sums, failure(A), answer(B));
    await run(sums, answer(A));
    await run(sums, answer(B));
    expect(labels(sums)).toEqual({ [A]: 1 / 3, [B]: 1 });
    vote([A, B], 'winner', 0);
    // The verdict replaces "the call returned" for the winner; the loser keeps its own record.
    expect(labels(sums)).toEqual({ [A]: 1, [B]: 1 });

    const poem = 'Write a sonnet about the sea at night.';
    await run(poem, answer(A));
    await run(poem, answer(C));
    vote([A, C], 'all_bad');
    expect(labels(poem)).toEqual({ [A]: 0, [C]: 0 });

    const greet = 'Say hello to Anna.';
    await run(greet, answer(A));
    await run(greet, answer(C));
    vote([A, C], 'tie');
    expect(labels(greet)).toEqual({ [A]: 1, [C]: 1 });
  });

  it('a vote labels only the prompt all its models answered before it, never a guess', async () => {
    await run('Translate "good morning" into French.', answer(A));
    await run('Summarise the plot of Hamlet in two lines.', answer(C));
    // A and C answered different prompts: no stored prompt is the comparison's, so nothing changes.
    vote([A, C], 'all_bad');
    expect(labels('Translate "good morning" into French.')).toEqual({ [A]: 1 });
    expect(labels('Summarise the plot of Hamlet in two lines.')).toEqual({ [C]: 1 });

    // Simulated runs are never in the ledger: a vote on them labels nothing, even if the models match.
    await run('Name three prime numbers.', answer(A));
    await run('Name three prime numbers.', answer(C));
    vote([A, C], 'all_bad', undefined, true);
    expect(labels('Name three prime numbers.')).toEqual({ [A]: 1, [C]: 1 });
  });

  it('a vote changes the history mark, so the background training picks it up', async () => {
    await run('Explain recursion to a child.', answer(A));
    await run('Explain recursion to a child.', answer(C));
    const before = historyMark(fx.database.db);
    vote([A, C], 'all_bad');
    expect(historyMark(fx.database.db)).not.toBe(before);
  });
});
