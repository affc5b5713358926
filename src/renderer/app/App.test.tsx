import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi, makeStatus } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';
import { useNavigation } from './navigation';
import { shouldRetryRead } from './queryClient';
import { ContractRequestError } from '../transport';

beforeEach(() => {
  history.replaceState(null, '', '#/status');
  useNavigation.setState({ screen: 'status' });
});

const fakeApi = () => createFakeApi({ 'system.status': () => ({ ok: true, data: makeStatus() }) }).api;

describe('app frame', () => {
  it('has landmarks, the app name and the transport in the header', () => {
    renderApp(fakeApi(), 'browser');
    expect(screen.getByRole('banner')).toHaveTextContent('Switchyard');
    expect(screen.getByRole('banner')).toHaveTextContent('Browser');
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Status' })).toBeInTheDocument();
  });

  it('says Desktop when running over Electron IPC', () => {
    renderApp(fakeApi(), 'desktop');
    expect(screen.getByRole('banner')).toHaveTextContent('Desktop');
  });

  it('navigates between the seven screens', async () => {
    const user = userEvent.setup();
    renderApp(fakeApi());
    const nav = screen.getByRole('navigation', { name: 'Screens' });
    const titles = Array.from(nav.querySelectorAll('a .side-nav__title')).map((t) => t.textContent);
    expect(titles).toEqual(['Playground', 'Health', 'Rules', 'Learning', 'Costs', 'Settings', 'Status']);

    await user.click(screen.getByRole('link', { name: /Costs/ }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Costs' });
    expect(heading).toHaveFocus();
    expect(window.location.hash).toBe('#/costs');
    expect(screen.getByRole('link', { name: /Costs/ })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('tab', { name: 'Budgets' })).toBeInTheDocument();
    expect(document.title).toBe('Costs · Switchyard');
  });
});

describe('retry policy', () => {
  it('retries transient read failures but not ones another attempt cannot fix', () => {
    const unauthorized = new ContractRequestError({ code: 'UNAUTHORIZED', message: 'token' });
    const busy = new ContractRequestError({ code: 'DB_UNAVAILABLE', message: 'locked' });
    expect(shouldRetryRead(0, unauthorized)).toBe(false);
    expect(shouldRetryRead(0, busy)).toBe(true);
    expect(shouldRetryRead(2, busy)).toBe(false);
  });
});
