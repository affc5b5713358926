import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ExecutionRunInput, RoutedGeneration } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { callsTo, renderPlayground } from './renderPlayground';
import { deferred, makeGeneration, makeProvider } from './testData';

const answer = () => screen.getByRole('region', { name: 'Answer' });

/** A run that streams until the test finishes it. */
function pendingRun() {
  const run = deferred<Result<RoutedGeneration>>();
  let input: ExecutionRunInput | undefined;
  return {
    handler: (i: ExecutionRunInput) => {
      input = i;
      return run.promise;
    },
    requestId: () => input?.requestId ?? '',
    finish: (result: Result<RoutedGeneration>) => act(async () => run.resolve(result)),
  };
}

const frame = () => act(() => new Promise((r) => setTimeout(r, 40)));

describe('Playground: run', () => {
  it('streams the answer as deltas arrive, then shows tokens, cost, latency, TTFT, provider and attempts', async () => {
    const user = userEvent.setup();
    const run = pendingRun();
    const { fake } = renderPlayground({ 'execution.run': run.handler });
    await user.type(screen.getByLabelText('User message'), 'Say hello');

    await user.click(screen.getByRole('button', { name: 'Run' }));

    const [, input] = callsTo(fake, 'execution.run')[0]!;
    expect(input).toMatchObject({
      stream: true,
      request: { messages: [{ role: 'user', content: 'Say hello' }] },
    });
    expect(run.requestId()).toMatch(/^pg-/);
    expect(answer()).toHaveTextContent('Streaming');
    expect(answer()).toHaveTextContent('Waiting for the first token…');

    act(() =>
      fake.emit('execution.started', {
        requestId: run.requestId(),
        modelKey: 'groq/llama-3.1-8b-instant',
        simulated: false,
        fallbackChain: [],
      }),
    );
    act(() => fake.emit('execution.delta', { requestId: run.requestId(), text: 'Hello ' }));
    await frame();
    expect(await within(answer()).findByText(/Hello/)).toBeInTheDocument();
    expect(answer()).not.toHaveTextContent('how can I help');
    act(() => fake.emit('execution.delta', { requestId: 'pg-someone-elses-run', text: 'NOT MINE' }));
    act(() => fake.emit('execution.delta', { requestId: run.requestId(), text: 'there, how' }));
    await frame();
    expect(answer()).toHaveTextContent('Hello there, how');
    expect(answer()).not.toHaveTextContent('NOT MINE');

    await run.finish({ ok: true, data: makeGeneration({ requestId: run.requestId() }) });

    expect(await within(answer()).findByText('Done')).toBeInTheDocument();
    const facts = answer().querySelector('[aria-label="Run figures"]') as HTMLElement;
    expect(facts).toHaveTextContent('14 in · 9 out');
    expect(facts).toHaveTextContent('$0.000019');
    expect(facts).toHaveTextContent('840 ms');
    expect(facts).toHaveTextContent('First token210 ms');
    expect(facts).toHaveTextContent('Providergroq');
    expect(facts).toHaveTextContent('CacheMiss');
    // The provider's request id, whole, with a button that copies it.
    expect(facts).toHaveTextContent('Request idreq_123');
    expect(within(facts).getByRole('button', { name: 'Copy id' })).toBeInTheDocument();
    expect(within(answer()).getByRole('region', { name: 'Attempts' })).toHaveTextContent('Answered');
    expect(answer()).not.toHaveTextContent('Simulated');
  });

  it('Ctrl+Enter runs the prompt from the keyboard', async () => {
    const user = userEvent.setup();
    const run = pendingRun();
    const { fake } = renderPlayground({ 'execution.run': run.handler });
    await user.type(screen.getByLabelText('User message'), 'Go');

    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(callsTo(fake, 'execution.run')).toHaveLength(1);
    expect(screen.getByRole('region', { name: 'Answer' })).toBeInTheDocument();
  });

  it('Cancel asks main to stop the run and shows it as cancelled with what arrived', async () => {
    const user = userEvent.setup();
    const run = pendingRun();
    const { fake } = renderPlayground({
      'execution.run': run.handler,
      'execution.cancel': () => ({ ok: true, data: { cancelled: true } }),
    });
    await user.type(screen.getByLabelText('User message'), 'Write a long essay');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    act(() => fake.emit('execution.delta', { requestId: run.requestId(), text: 'Once upon' }));

    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(callsTo(fake, 'execution.cancel')[0]![1]).toEqual({ requestId: run.requestId() });
    await run.finish({
      ok: true,
      data: makeGeneration({
        output: 'Once upon',
        partial: true,
        error: {
          code: 'CANCELLED',
          kind: 'cancelled',
          message: 'The request was cancelled.',
          status: null,
          retryable: false,
        },
      }),
    });
    expect(await within(answer()).findByText('Run cancelled')).toBeInTheDocument();
    expect(answer()).toHaveTextContent('Once upon');
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled();
  });

  it('shows the fallback in the attempts timeline', async () => {
    const user = userEvent.setup();
    const run = pendingRun();
    const { fake } = renderPlayground({ 'execution.run': run.handler });
    await user.type(screen.getByLabelText('User message'), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const failed = {
      modelKey: 'groq/llama-3.1-8b-instant',
      provider: 'groq' as const,
      model: 'llama-3.1-8b-instant',
      outcome: 'error' as const,
      errorKind: 'server' as const,
      skipReason: null,
      status: 500,
      latencyMs: 120,
      waitedMs: 0,
      message: 'HTTP 500: server error (retryable, provider: groq)',
    };

    act(() => fake.emit('execution.attempt', { requestId: run.requestId(), attempt: failed }));
    const timeline = within(answer()).getByRole('region', { name: 'Attempts' });
    expect(timeline).toHaveTextContent('HTTP 500: server error');
    expect(timeline).toHaveTextContent('Calling…');

    await run.finish({
      ok: true,
      data: makeGeneration({
        modelKey: 'openai/gpt-4o-mini',
        provider: 'openai',
        fallbackUsed: true,
        attempts: [
          failed,
          {
            ...failed,
            modelKey: 'openai/gpt-4o-mini',
            provider: 'openai',
            outcome: 'ok',
            errorKind: null,
            status: 200,
            message: null,
          },
        ],
      }),
    });
    await waitFor(() => expect(timeline).toHaveTextContent('Fell back to the next model.'));
    expect(timeline).toHaveTextContent('openai/gpt-4o-mini');
    expect(answer()).toHaveTextContent('Fallback used');
  });

  it('BUDGET_EXCEEDED says what to do and links to budgets; a rejected key links to Settings', async () => {
    const user = userEvent.setup();
    let error = { code: 'BUDGET_EXCEEDED' as const, message: 'The daily global budget of $1.00 is used up.' };
    renderPlayground({ 'execution.run': () => ({ ok: false, error }) });
    await user.type(screen.getByLabelText('User message'), 'Hello');

    await user.click(screen.getByRole('button', { name: 'Run' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('BUDGET_EXCEEDED');
    expect(alert).toHaveTextContent('The daily global budget of $1.00 is used up.');
    expect(within(alert).getByRole('link', { name: 'Open budgets' })).toHaveAttribute('href', '#/costs');

    error = {
      code: 'PROVIDER_ERROR',
      message: 'All 2 calls to 2 models failed; the last: HTTP 401: unauthorized (provider: openai)',
      details: {
        kind: 'auth',
        attempts: [
          {
            modelKey: 'openai/gpt-4o-mini',
            provider: 'openai',
            model: 'gpt-4o-mini',
            outcome: 'error',
            errorKind: 'auth',
            skipReason: null,
            status: 401,
            latencyMs: 30,
            waitedMs: 0,
            message: 'HTTP 401: unauthorized (provider: openai)',
          },
        ],
      },
    } as never;
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('PROVIDER_ERROR'));
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Open Settings' })).toHaveAttribute(
      'href',
      '#/settings',
    );
    expect(within(answer()).getByRole('region', { name: 'Attempts' })).toHaveTextContent('HTTP 401');
  });

  it('labels a simulated answer as fake and its cost as would-be', async () => {
    const user = userEvent.setup();
    renderPlayground({
      'execution.run': () => ({ ok: true, data: makeGeneration({ simulated: true }) }),
    });
    await user.type(screen.getByLabelText('User message'), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Run' }));

    expect(await within(answer()).findByRole('note')).toHaveTextContent(
      'This answer was written by Switchyard’s built-in fake provider, not by a real model.',
    );
    expect(answer()).toHaveTextContent('$0.000019 (would-be: nothing was spent)');
  });

  it('offers simulation when no key is stored, and then routes with simulate on', async () => {
    const user = userEvent.setup();
    const { fake } = renderPlayground({
      'providers.list': () => ({
        ok: true,
        data: {
          keychain: { status: 'available', backend: 'test' },
          providers: [makeProvider('openai', false)],
        },
      }),
    });

    const offer = await screen.findByText('No provider key is stored yet');
    const notice = offer.closest('.notice') as HTMLElement;
    expect(within(notice).getByRole('link', { name: 'add a key in Settings' })).toHaveAttribute(
      'href',
      '#/settings',
    );
    await user.click(within(notice).getByRole('switch', { name: 'Simulated providers' }));
    expect(screen.getByRole('switch', { name: 'Simulated providers' })).toBeChecked();
    expect(screen.getByText(/Answers come from a built-in fake, not a real model/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('User message'), 'Hello');
    await waitFor(() =>
      expect(callsTo(fake, 'routing.decide').at(-1)?.[1]).toMatchObject({ simulate: true }),
    );
  });

  it('lists runs in the history and reopens one with its prompt and answer', async () => {
    const user = userEvent.setup();
    renderPlayground({
      'execution.run': (input) => ({
        ok: true,
        data: makeGeneration({
          output: `Answer to ${JSON.stringify(input.request.messages?.at(-1)?.content)}`,
        }),
      }),
    });
    const box = screen.getByLabelText('User message');
    await user.type(box, 'First question');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await within(answer()).findByText('Answer to "First question"');
    await user.clear(box);
    await user.type(box, 'Second question');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await within(answer()).findByText('Answer to "Second question"');

    const historyList = within(screen.getByRole('region', { name: 'History' })).getByRole('list', {
      name: 'Runs in this window',
    });
    const items = within(historyList).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.pg-history__prompt')?.textContent)).toEqual([
      'Second question',
      'First question',
    ]);

    await user.click(within(items[1]!).getByRole('button', { name: 'Reopen' }));
    expect(screen.getByLabelText('User message')).toHaveValue('First question');
    expect(await within(answer()).findByText('Answer to "First question"')).toBeInTheDocument();
  });
});
