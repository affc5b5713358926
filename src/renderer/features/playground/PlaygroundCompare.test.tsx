import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ExecutionRunInput, VoteInput } from '../../../shared/contract';
import { callsTo, renderPlayground } from './renderPlayground';
import { makeGeneration } from './testData';

/** Each target answers as its pinned model would; the routed one answers as the router's pick. */
function answerAs(input: ExecutionRunInput) {
  const key = input.request.model ?? 'groq/llama-3.1-8b-instant';
  const figures: Record<string, { costUsd: number; latencyMs: number }> = {
    'groq/llama-3.1-8b-instant': { costUsd: 0.00002, latencyMs: 400 },
    'openai/gpt-4o-mini': { costUsd: 0.00009, latencyMs: 300 },
    'anthropic/claude-opus-4-5': { costUsd: 0.0041, latencyMs: 2100 },
  };
  return {
    ok: true as const,
    data: makeGeneration({
      requestId: input.requestId,
      modelKey: key,
      provider: key.split('/')[0] as 'groq',
      output: `Answer from ${key}`,
      ...figures[key],
    }),
  };
}

async function compareThree() {
  const user = userEvent.setup();
  const rendered = renderPlayground({
    'execution.run': answerAs,
    'votes.record': (input) => ({
      ok: true,
      data: {
        replaced: false,
        vote: {
          id: 1,
          comparisonId: input.comparisonId,
          verdict: input.verdict,
          winner: input.winner ?? null,
          winnerModelKey:
            input.winner === undefined ? null : (input.candidates[input.winner]?.modelKey ?? null),
          candidates: input.candidates.map((c) => ({
            ...c,
            modelKey: c.modelKey ?? null,
            requestId: c.requestId ?? null,
            costUsd: c.costUsd ?? null,
            latencyMs: c.latencyMs ?? null,
            simulated: c.simulated ?? false,
          })),
          useCase: input.useCase ?? null,
          complexity: input.complexity ?? null,
          createdAt: '2026-11-27T12:00:00.000Z',
          updatedAt: '2026-11-27T12:00:00.000Z',
        },
      },
    }),
  });
  await user.type(screen.getByLabelText('User message'), 'Explain recursion');
  await user.click(screen.getByRole('button', { name: 'Compare models' }));
  const picker = screen.getByLabelText('Add a model to compare');
  await waitFor(() => expect(picker).toBeEnabled());
  await user.selectOptions(picker, 'openai/gpt-4o-mini');
  await user.click(screen.getByRole('button', { name: '+ Top model' }));
  expect(within(screen.getByRole('list', { name: 'Compare targets' })).getAllByRole('listitem')).toHaveLength(
    3,
  );

  await user.click(screen.getByRole('button', { name: 'Compare 3' }));
  const comparison = screen.getByRole('region', { name: 'Comparison' });
  await within(comparison).findByText('Answer from anthropic/claude-opus-4-5');
  return { user, ...rendered, comparison };
}

const column = (comparison: HTMLElement, name: string | RegExp) =>
  within(comparison).getByRole('region', { name });

describe('Playground: compare', () => {
  it('runs the same prompt on every target at once, one column each, marking the cheapest and fastest', async () => {
    const { fake, comparison } = await compareThree();

    const runs = callsTo(fake, 'execution.run').map(([, input]) => (input as ExecutionRunInput).request);
    expect(runs).toHaveLength(3);
    expect(runs.map((r) => r.model ?? 'routed')).toEqual([
      'routed',
      'openai/gpt-4o-mini',
      'anthropic/claude-opus-4-5',
    ]);
    expect(runs.every((r) => JSON.stringify(r.messages) === JSON.stringify(runs[0]!.messages))).toBe(true);

    const routed = column(comparison, 'Routed (your settings)');
    const mini = column(comparison, 'GPT-4o mini');
    const top = column(comparison, 'Top model: Claude Opus 4.5');
    expect(routed).toHaveTextContent('Answer from groq/llama-3.1-8b-instant');
    expect(within(routed).getByTestId('column-cost')).toHaveTextContent('$0.00002');
    expect(within(mini).getByTestId('column-cost')).toHaveTextContent('$0.00009');
    expect(within(top).getByTestId('column-cost')).toHaveTextContent('$0.0041');
    expect(within(routed).getByText('Cheapest')).toBeInTheDocument();
    expect(within(mini).getByText('Fastest')).toBeInTheDocument();
    expect(within(top).queryByText('Cheapest')).not.toBeInTheDocument();
    expect(within(top).queryByText('Fastest')).not.toBeInTheDocument();
  });

  it('stores the winner through votes.record with every candidate, and a tie replaces it', async () => {
    const { user, fake, comparison } = await compareThree();

    await user.click(
      within(column(comparison, 'GPT-4o mini')).getByRole('button', { name: 'This one wins' }),
    );

    await within(comparison).findByText(/Vote saved to the ledger: openai\/gpt-4o-mini won/);
    const vote = callsTo(fake, 'votes.record')[0]![1] as VoteInput;
    expect(vote).toMatchObject({
      verdict: 'winner',
      winner: 1,
      comparisonId: expect.stringMatching(/^cmp-/),
    });
    expect(vote.candidates).toEqual([
      expect.objectContaining({
        target: 'routed',
        modelKey: 'groq/llama-3.1-8b-instant',
        costUsd: 0.00002,
        latencyMs: 400,
      }),
      expect.objectContaining({ target: 'openai/gpt-4o-mini', modelKey: 'openai/gpt-4o-mini' }),
      expect.objectContaining({ target: 'anthropic/claude-opus-4-5', modelKey: 'anthropic/claude-opus-4-5' }),
    ]);
    expect(within(column(comparison, 'GPT-4o mini')).getByRole('button', { name: 'Winner' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await user.click(within(comparison).getByRole('button', { name: 'Tie' }));
    await waitFor(() => expect(callsTo(fake, 'votes.record')).toHaveLength(2));
    expect(callsTo(fake, 'votes.record')[1]![1]).toMatchObject({
      verdict: 'tie',
      comparisonId: vote.comparisonId,
    });
    expect(callsTo(fake, 'votes.record')[1]![1]).not.toHaveProperty('winner');
  });

  it('"Continue with this one" carries the conversation on with that model', async () => {
    const { user, fake, comparison } = await compareThree();

    await user.click(
      within(column(comparison, /Top model/)).getByRole('button', { name: 'Continue with this one' }),
    );

    const thread = screen.getByRole('region', { name: 'Conversation so far' });
    expect(thread).toHaveTextContent('Explain recursion');
    expect(thread).toHaveTextContent('Answer from anthropic/claude-opus-4-5');
    expect(screen.getByLabelText('User message')).toHaveValue('');
    expect(screen.getByLabelText('User message')).toHaveFocus();
    expect(screen.getByLabelText('Pinned model')).toHaveValue('anthropic/claude-opus-4-5');
    expect(screen.getByRole('button', { name: 'Single answer' })).toHaveAttribute('aria-pressed', 'true');

    await user.type(screen.getByLabelText('User message'), 'Now in Python');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const request = (callsTo(fake, 'execution.run').at(-1)![1] as ExecutionRunInput).request;
    expect(request).toMatchObject({ model: 'anthropic/claude-opus-4-5', strategy: 'pinned' });
    expect(request.messages).toEqual([
      { role: 'user', content: 'Explain recursion' },
      { role: 'assistant', content: 'Answer from anthropic/claude-opus-4-5' },
      { role: 'user', content: 'Now in Python' },
    ]);
  });

  it('needs two targets and allows at most six', async () => {
    const user = userEvent.setup();
    renderPlayground();
    await user.type(screen.getByLabelText('User message'), 'Hi');
    await user.click(screen.getByRole('button', { name: 'Compare models' }));

    expect(screen.getByRole('button', { name: 'Compare 1' })).toBeDisabled();
    expect(screen.getByText('Pick at least 2 targets to compare.')).toBeInTheDocument();
    const picker = screen.getByLabelText('Add a model to compare');
    await waitFor(() => expect(picker).toBeEnabled());
    await user.selectOptions(picker, 'openai/gpt-4o-mini');
    expect(screen.getByRole('button', { name: 'Compare 2' })).toBeEnabled();
  });
});
