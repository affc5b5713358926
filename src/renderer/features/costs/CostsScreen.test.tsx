import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BudgetStatus, Overview, RouteInput } from '../../../shared/contract';
import { createFakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { useCostsStore } from './costsStore';

const range = { since: null, until: null, timeZone: 'Europe/Berlin', approximate: false };
const emptyOverview: Overview = {
  range,
  requests: 0,
  costUsd: 0,
  tokensIn: 0,
  tokensOut: 0,
  errors: 0,
  blocked: 0,
  partials: 0,
  estimatedUsage: 0,
  fallbackRate: 0,
  cache: { hits: 0, hitRate: 0, savedUsd: 0 },
  savings: null,
};

function fakeCosts(budgets: BudgetStatus[] = []) {
  const saved: Array<RouteInput<'budget.set'>> = [];
  const fake = createFakeApi({
    // Main answers with the range it resolved: open-ended on both sides only for "All time".
    'reports.overview': (input) => ({
      ok: true,
      data: { ...emptyOverview, range: { ...range, since: input.since ?? null, until: input.until ?? null } },
    }),
    'reports.timeline': (input) => ({
      ok: true,
      data: { range, bucket: input.bucket ?? 'day', baselineModel: null, rows: [], totalUsd: 0 },
    }),
    'budget.list': () => ({ ok: true, data: { budgets, timeZone: 'Europe/Berlin' } }),
    'budget.set': (input) => {
      saved.push(input);
      if (input.limitUsd > 1_000_000) {
        return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'limitUsd: too big' } };
      }
      const budget: BudgetStatus = {
        id: 7,
        scope: input.scope,
        value: input.value ?? null,
        window: input.window,
        limitUsd: input.limitUsd,
        mode: input.mode ?? 'hard',
        warnPercent: input.warnPercent ?? 80,
        policy: input.policy ?? 'block',
        current: null,
      };
      return { ok: true, data: { budget, created: true } };
    },
  });
  return { ...fake, saved };
}

describe('Costs screen', () => {
  beforeEach(() => {
    window.location.hash = '#/costs';
    useCostsStore.setState({
      tab: 'dashboard',
      preset: '30d',
      range: { since: '2026-01-01' },
      bucket: 'day',
    });
  });

  it('says plainly when there is nothing to show, for the range and for the whole ledger', async () => {
    const user = userEvent.setup();
    const fake = fakeCosts();
    renderApp(fake.api);
    expect(await screen.findByText('No requests in this range')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'All time' }));
    expect(await screen.findByText('Nothing spent yet')).toBeInTheDocument();
    const overviewCalls = fake.request.mock.calls.filter(([route]) => route === 'reports.overview');
    expect(overviewCalls.at(-1)?.[1]).toEqual({});
    expect(screen.queryByText('Spend over time')).not.toBeInTheDocument();
  });

  it('says it is updating while a new range is on its way, the old figures still on screen', async () => {
    const user = userEvent.setup();
    const fake = fakeCosts();
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = fake.api.request;
    // "All time" answers only when released: until then the 30-day figures are what shows.
    fake.api.request = (async (route, input, options) => {
      if (route === 'reports.overview' && Object.keys(input).length === 0) await gate;
      return base(route, input, options);
    }) as typeof base;
    renderApp(fake.api);
    expect(await screen.findByText('No requests in this range')).toBeInTheDocument();
    const freshness = screen.getByTestId('costs-freshness');
    await waitFor(() => expect(freshness).toBeEmptyDOMElement());

    await user.click(screen.getByRole('radio', { name: 'All time' }));
    await waitFor(() => expect(freshness).toHaveTextContent('Updating…'));
    expect(screen.getByText('No requests in this range')).toBeInTheDocument();
    release();
    expect(await screen.findByText('Nothing spent yet')).toBeInTheDocument();
    await waitFor(() => expect(freshness).toBeEmptyDOMElement());
  });

  it('creates a budget with every field, and shows main’s refusal without losing the form', async () => {
    const user = userEvent.setup();
    const fake = fakeCosts();
    renderApp(fake.api);
    await user.click(await screen.findByRole('tab', { name: 'Budgets' }));
    expect(await screen.findByText('No budgets yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New budget' }));
    const form = screen.getByRole('form', { name: 'New budget' });
    await user.selectOptions(within(form).getByLabelText('Scope', { exact: true }), 'use_case');
    await user.selectOptions(within(form).getByLabelText('Use case', { exact: true }), 'code_generation');
    await user.selectOptions(within(form).getByLabelText('Window', { exact: true }), 'weekly');
    await user.type(within(form).getByLabelText('Limit (USD)', { exact: true }), '2000000');
    await user.clear(within(form).getByLabelText('Warn at (%)', { exact: true }));
    await user.type(within(form).getByLabelText('Warn at (%)', { exact: true }), '90');
    await user.click(within(form).getByLabelText('Downgrade to a cheaper model'));
    await user.click(within(form).getByRole('button', { name: 'Create budget' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('VALIDATION_FAILED');

    await user.clear(within(form).getByLabelText('Limit (USD)', { exact: true }));
    await user.type(within(form).getByLabelText('Limit (USD)', { exact: true }), '25');
    await user.click(within(form).getByRole('button', { name: 'Create budget' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New budget' })).not.toBeInTheDocument());
    expect(fake.saved.at(-1)).toEqual({
      scope: 'use_case',
      value: 'code_generation',
      window: 'weekly',
      limitUsd: 25,
      mode: 'hard',
      warnPercent: 90,
      policy: 'downgrade',
    });
  });
});
