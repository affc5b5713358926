import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, Experiment, ExperimentArmReport, LearningStatus } from '../../../shared/contract';
import { useNavigation } from '../../app/navigation';
import { createFakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

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
});
