import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, Experiment, ExperimentArmReport, LearningStatus } from '../../../shared/contract';
import { useNavigation } from '../../app/navigation';
import { createFakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { wtpFromStep } from './format';

beforeEach(() => {
  history.replaceState(null, '', '#/learning');
  useNavigation.setState({ screen: 'learning' });
});

const status: LearningStatus = {
  trained: false,
  trainedAt: null,
  prompts: 0,
  models: [],
  willingnessToPayUsd: 0.01,
  minPrompts: 10,
  lastOutcome: null,
  training: false,
  embeddings: { model: null, stored: 0, pending: 0, backfilling: false, lastError: null },
};

const experiment: Experiment = {
  id: 1,
  name: 'ab-1',
  status: 'running',
  createdAt: '2026-11-27T10:00:00.000Z',
  endedAt: null,
  promotedArm: null,
  arms: [
    { name: 'control', strategy: 'auto', rulesVersion: null, share: 0.5 },
    { name: 'v2', strategy: null, rulesVersion: '1764230400000-000', share: 0.5 },
  ],
};

const armReport = (arm: string, requests: number): ExperimentArmReport => ({
  arm,
  strategy: arm === 'control' ? 'auto' : null,
  rulesVersion: arm === 'control' ? null : '1764230400000-000',
  share: 0.5,
  requests,
  spendUsd: 0.01,
  meanLatencyMs: 500,
  latencyMsCi: null,
  fallbackRate: 0,
  fallbackRateCi: [0, 0.5],
  successRate: 1,
  votes: 0,
  voteWinRate: null,
  voteWinRateCi: null,
});

function learningApi(overrides: Parameters<typeof createFakeApi>[0] = {}) {
  return createFakeApi({
    'learning.status': () => ({ ok: true, data: status }),
    'learning.leaderboard': (input) => ({ ok: true, data: { useCase: input.useCase ?? null, entries: [] } }),
    'learning.stats': () => ({ ok: true, data: { minRequests: 20, models: [] } }),
    'rules.versions': () => ({ ok: true, data: { versions: [] } }),
    ...overrides,
  });
}

describe('Learning screen', () => {
  it("says how to get votes, and shows main's refusal of a new experiment with its code", async () => {
    const fake = learningApi({
      'experiments.list': () => ({ ok: true, data: { experiments: [] } }),
      'experiments.create': (input) => ({
        ok: false,
        error: { code: 'CONFLICT', message: `An experiment named "${input.name}" exists already.` },
      }),
    });
    renderApp(fake.api);
    const board = await screen.findByRole('region', { name: 'Vote leaderboard' });
    await waitFor(() => expect(board).toHaveTextContent('No votes yet'));
    expect(board).toHaveTextContent("Playground's Compare mode");

    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New experiment' });
    await user.type(within(form).getByLabelText('Experiment name'), 'taken');
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }));
    await waitFor(() => expect(form).toHaveTextContent('CONFLICT'));
    expect(form).toHaveTextContent('An experiment named "taken" exists already.');
    expect(fake.request).toHaveBeenCalledWith('experiments.create', {
      name: 'taken',
      arms: [
        { name: 'control', share: 0.5, strategy: 'auto' },
        { name: 'candidate', share: 0.5, strategy: 'learned' },
      ],
    });
  });

  it('refreshes the per-arm report when requests finish, and promotes the arm asked for', async () => {
    let requests = 2;
    const fake = learningApi({
      'experiments.list': () => ({ ok: true, data: { experiments: [experiment] } }),
      'experiments.report': () => ({
        ok: true,
        data: { experiment, arms: [armReport('control', requests), armReport('v2', 1)] },
      }),
      'experiments.end': (input) => ({
        ok: true,
        data: { ...experiment, status: 'promoted', promotedArm: input.promote ?? null },
      }),
    });
    renderApp(fake.api);
    const report = await screen.findByTestId('experiment-report');
    const control = () => within(report).getAllByTestId('arm-row')[0]!;
    await waitFor(() => expect(within(control()).getByTestId('arm-requests')).toHaveTextContent('2'));
    expect(within(report).getAllByTestId('arm-row')[1]).toHaveTextContent('rules saved');

    requests = 5;
    fake.emit('execution.done', {} as EventPayload<'execution.done'>);
    await waitFor(() => expect(within(control()).getByTestId('arm-requests')).toHaveTextContent('5'), {
      timeout: 3_000,
    });

    await userEvent.setup().click(within(report).getByRole('button', { name: 'Promote v2' }));
    await waitFor(() =>
      expect(fake.request).toHaveBeenCalledWith('experiments.end', { name: 'ab-1', promote: 'v2' }),
    );
  });

  it('says "Saved." only for the value the slider shows: a move after a save is saving again', async () => {
    let saved = status.willingnessToPayUsd;
    const fake = learningApi({
      'experiments.list': () => ({ ok: true, data: { experiments: [] } }),
      'learning.setWillingnessToPay': ({ usd }) => {
        saved = usd;
        return { ok: true, data: { ...status, willingnessToPayUsd: usd } };
      },
    });
    renderApp(fake.api);
    const card = await screen.findByRole('region', { name: 'Learned strategy' });
    const slider = await within(card).findByLabelText(/Willingness to pay/);

    // A pause long enough for the first value to be saved, then the slider moves on.
    fireEvent.change(slider, { target: { value: '45' } });
    expect(card).toHaveTextContent('Saving…');
    await waitFor(() => expect(card).toHaveTextContent('Saved.'), { timeout: 5_000 });
    expect(saved).toBe(wtpFromStep(45));
    fireEvent.change(slider, { target: { value: '50' } });
    expect(card).not.toHaveTextContent('Saved.');
    expect(card).toHaveTextContent('Saving…');
    expect(within(card).getByTestId('wtp-value')).toHaveTextContent(`$${wtpFromStep(50)}`);

    await waitFor(() => expect(card).toHaveTextContent('Saved.'), { timeout: 5_000 });
    expect(saved).toBe(wtpFromStep(50));
    expect(slider).toHaveValue('50');
  });

  it('keeps the last value moved to when an earlier save answers late', async () => {
    let saved = status.willingnessToPayUsd;
    const arrived: number[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const fake = learningApi({
      'experiments.list': () => ({ ok: true, data: { experiments: [] } }),
      // Main stores what it processes last; the first save is held up on its way.
      'learning.setWillingnessToPay': async ({ usd }) => {
        arrived.push(usd);
        if (arrived.length === 1) await firstHeld;
        saved = usd;
        return { ok: true, data: { ...status, willingnessToPayUsd: usd } };
      },
    });
    const { queryClient } = renderApp(fake.api);
    const card = await screen.findByRole('region', { name: 'Learned strategy' });
    const slider = await within(card).findByLabelText(/Willingness to pay/);

    fireEvent.change(slider, { target: { value: '45' } });
    await waitFor(() => expect(arrived).toEqual([wtpFromStep(45)]), { timeout: 5_000 });
    fireEvent.change(slider, { target: { value: '50' } });
    // The second save has been asked for: sent beside the first, or waiting behind it.
    const secondAsked = () =>
      arrived.length === 2 ||
      queryClient
        .getMutationCache()
        .getAll()
        .some((m) => m.state.isPaused);
    await waitFor(() => expect(secondAsked()).toBe(true), { timeout: 5_000 });
    releaseFirst();

    await waitFor(() => expect(queryClient.isMutating()).toBe(0), { timeout: 5_000 });
    expect(arrived).toEqual([wtpFromStep(45), wtpFromStep(50)]);
    expect(saved).toBe(wtpFromStep(50));
    await waitFor(() => expect(card).toHaveTextContent('Saved.'));
    expect(slider).toHaveValue('50');
    expect(within(card).getByTestId('wtp-value')).toHaveTextContent(`$${wtpFromStep(50)}`);
  });

  it('a status read answered before a save was stored does not move the slider back', async () => {
    let saved = status.willingnessToPayUsd;
    let holdReads = false;
    let releaseRead!: () => void;
    const readHeld = new Promise<void>((resolve) => (releaseRead = resolve));
    let heldRead: Promise<unknown> | null = null;
    const fake = learningApi({
      'experiments.list': () => ({ ok: true, data: { experiments: [] } }),
      'learning.status': () => {
        // Main answers with what is stored when the read arrives; the answer is slow to come back.
        const answer = { ok: true as const, data: { ...status, willingnessToPayUsd: saved } };
        if (!holdReads) return answer;
        holdReads = false;
        heldRead = readHeld.then(() => answer);
        return heldRead as Promise<typeof answer>;
      },
      'learning.setWillingnessToPay': ({ usd }) => {
        saved = usd;
        return { ok: true, data: { ...status, willingnessToPayUsd: usd } };
      },
    });
    const { queryClient } = renderApp(fake.api);
    const card = await screen.findByRole('region', { name: 'Learned strategy' });
    const slider = await within(card).findByLabelText(/Willingness to pay/);

    // Finished requests refresh the status; that read reaches main before the save below.
    holdReads = true;
    fake.emit('execution.done', {} as EventPayload<'execution.done'>);
    await waitFor(() => expect(heldRead).not.toBeNull(), { timeout: 5_000 });
    fireEvent.change(slider, { target: { value: '45' } });
    await waitFor(() => expect(card).toHaveTextContent('Saved.'), { timeout: 5_000 });
    expect(saved).toBe(wtpFromStep(45));

    releaseRead();
    await heldRead;
    await waitFor(() => expect(queryClient.isFetching({ queryKey: ['learning.status'] })).toBe(0));
    expect(slider).toHaveValue('45');
    expect(within(card).getByTestId('wtp-value')).toHaveTextContent(`$${wtpFromStep(45)}`);
  });

  it('while a background training runs, says so and offers no second one; then shows the new model', async () => {
    let training = true;
    const trained: LearningStatus = {
      ...status,
      trained: true,
      trainedAt: '2026-11-28T01:00:00.000Z',
      prompts: 40,
      models: ['openai/gpt-5-mini'],
      lastOutcome: 'trained on 40 prompts',
    };
    const fake = learningApi({
      'experiments.list': () => ({ ok: true, data: { experiments: [] } }),
      'learning.status': () => ({ ok: true, data: training ? { ...status, training: true } : trained }),
    });
    renderApp(fake.api);
    const card = await screen.findByRole('region', { name: 'Learned strategy' });
    await waitFor(() => expect(card).toHaveTextContent('training…'));
    expect(within(card).getByRole('button', { name: 'Training…' })).toBeDisabled();
    // The status is read again every 2 s while training: the end shows without a reload.
    training = false;
    await waitFor(() => expect(card).toHaveTextContent('trained on 40 prompts'), { timeout: 5_000 });
    expect(card).not.toHaveTextContent('training…');
    expect(within(card).getByRole('button', { name: 'Train now' })).toBeEnabled();
  });
});
