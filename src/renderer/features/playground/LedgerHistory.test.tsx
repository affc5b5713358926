import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LedgerRequest, RouteOutput } from '../../../shared/contract';
import { useCompose } from './composeStore';
import { callsTo, renderPlayground } from './renderPlayground';
import { makeGeneration } from './testData';

function request(id: number, overrides: Partial<LedgerRequest> = {}): LedgerRequest {
  return {
    id,
    startedAt: new Date(Date.UTC(2026, 2, 10, 12, id)).toISOString(),
    source: 'ui',
    useCase: 'analysis',
    strategy: 'complexity_tiers',
    decision: 'complexity tier "standard"',
    provider: 'openai',
    model: 'gpt-4o',
    status: 'ok',
    costUsd: 0.0042,
    tokensIn: 1200,
    tokensOut: 340,
    latencyMs: 1800,
    ttftMs: 420,
    cacheHit: false,
    similarTo: null,
    dedup: false,
    fallbackUsed: false,
    partial: false,
    usageEstimated: false,
    promptStored: false,
    prompt: null,
    ...overrides,
  };
}

const stored = request(7, {
  promptStored: true,
  prompt: [
    { role: 'system', content: 'Answer like a lawyer.' },
    { role: 'user', content: 'Is a ledger a contract?' },
  ],
  fallbackUsed: true,
});
const hidden = request(6, { provider: 'anthropic', model: 'claude-haiku-4-5', useCase: 'conversation' });
const older = request(3, { status: 'partial', partial: true });

const detail = (r: LedgerRequest): RouteOutput<'ledger.request'> => ({
  ...r,
  attempts: [
    {
      n: 1,
      provider: 'anthropic',
      model: 'claude-opus-4',
      status: 'error',
      errorKind: 'overloaded',
      latencyMs: 300,
      tokensIn: 0,
      tokensOut: 0,
      tokensCached: null,
      costUsd: 0,
      usageEstimated: true,
    },
    {
      n: 2,
      provider: r.provider!,
      model: r.model!,
      status: 'ok',
      errorKind: null,
      latencyMs: 1500,
      tokensIn: r.tokensIn,
      tokensOut: r.tokensOut,
      tokensCached: null,
      costUsd: r.costUsd,
      usageEstimated: false,
    },
  ],
});

const ledgerList = () => screen.findByRole('list', { name: 'Recent requests in the ledger' });

describe('Playground: history from the ledger', () => {
  it('lists recent requests, pages to older ones, and reopens one with its stored prompt and route', async () => {
    const user = userEvent.setup();
    const { fake } = renderPlayground({
      'ledger.requests': (input) => ({
        ok: true,
        data: input.before
          ? { requests: [older], next: null }
          : { requests: [stored, hidden], next: '1773144360000_6' },
      }),
      'ledger.request': (input) => ({ ok: true, data: detail(input.id === 7 ? stored : hidden) }),
    });
    const list = await ledgerList();
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Is a ledger a contract?');
    expect(rows[0]).toHaveTextContent('openai/gpt-4o');
    expect(rows[0]).toHaveTextContent('fallback');
    expect(rows[1]).toHaveTextContent('Prompt not stored');
    expect(callsTo(fake, 'ledger.requests')[0]![1]).toEqual({ limit: 20 });

    await user.click(screen.getByRole('button', { name: 'Older requests' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(callsTo(fake, 'ledger.requests').at(-1)![1]).toEqual({ limit: 20, before: '1773144360000_6' });
    expect(within(list).getAllByRole('listitem')[2]).toHaveTextContent('partial');

    await user.click(within(rows[0]!).getByRole('button', { name: 'Reopen' }));
    const reopened = await screen.findByTestId('reopened-request');
    expect(screen.getByLabelText('User message')).toHaveValue('Is a ledger a contract?');
    expect(useCompose.getState()).toMatchObject({
      system: 'Answer like a lawyer.',
      useCase: 'analysis',
      strategy: 'complexity_tiers',
    });
    expect(reopened).toHaveTextContent('Its prompt is back in the editor');
    expect(reopened).toHaveTextContent('complexity tier "standard"');
    const attempts = within(reopened).getByRole('list', { name: 'Attempts' });
    expect(within(attempts).getAllByRole('listitem')[0]).toHaveTextContent(
      'anthropic/claude-opus-4 · error (overloaded)',
    );
    expect(screen.queryByTestId('prompt-not-stored')).toBeNull();
  });

  it('says when a prompt was not stored and turns prompt storage on', async () => {
    const user = userEvent.setup();
    const { fake } = renderPlayground({
      'ledger.requests': () => ({ ok: true, data: { requests: [hidden], next: null } }),
      'ledger.request': () => ({ ok: true, data: detail(hidden) }),
      'ledger.updateSettings': (input) => ({
        ok: true,
        data: { retentionDays: 90, storePrompts: input.storePrompts ?? false, timeZone: 'UTC' },
      }),
    });
    await user.type(screen.getByLabelText('User message'), 'Kept draft');
    const list = await ledgerList();
    await user.click(within(list).getByRole('button', { name: 'Reopen' }));
    const reopened = await screen.findByTestId('reopened-request');
    expect(within(reopened).getByTestId('prompt-not-stored')).toHaveTextContent('storePrompts');
    // The route comes back; the draft's text is left alone.
    expect(screen.getByLabelText('User message')).toHaveValue('Kept draft');
    expect(useCompose.getState()).toMatchObject({ useCase: 'conversation', strategy: 'complexity_tiers' });
    expect(reopened).toHaveTextContent('anthropic/claude-haiku-4-5');

    await user.click(within(reopened).getByRole('button', { name: 'Store prompts from now on' }));
    expect(callsTo(fake, 'ledger.updateSettings')[0]![1]).toEqual({ storePrompts: true });
    expect(await within(reopened).findByText(/Prompt storage is on now/)).toBeInTheDocument();
  });

  it('says simulated runs are not recorded when the ledger is empty, and refreshes after a run', async () => {
    const user = userEvent.setup();
    let rows: LedgerRequest[] = [];
    const { fake } = renderPlayground({
      'ledger.requests': () => ({ ok: true, data: { requests: rows, next: null } }),
      'execution.run': () => {
        rows = [request(1)];
        return { ok: true, data: makeGeneration({ output: 'Done.' }) };
      },
    });
    expect(await screen.findByTestId('ledger-history-empty')).toHaveTextContent(
      'Simulated runs are not recorded there',
    );
    const before = callsTo(fake, 'ledger.requests').length;
    await user.type(screen.getByLabelText('User message'), 'Record me');
    await act(() => user.click(screen.getByRole('button', { name: 'Run' })));
    const list = await ledgerList();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(callsTo(fake, 'ledger.requests').length).toBeGreaterThan(before);
  });
});
