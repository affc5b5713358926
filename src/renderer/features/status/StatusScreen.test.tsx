import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../app/navigation';
import { createFakeApi, makeStatus } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const available = { status: 'available', backend: 'Secret Service (libsecret) via keytar' } as const;

const card = (name: string) => screen.getByRole('region', { name });

beforeEach(() => {
  history.replaceState(null, '', '#/status');
  useNavigation.setState({ screen: 'status' });
});

describe('Status screen', () => {
  it('shows what system.status reports: data dir, database, versions, gateway', async () => {
    const fake = createFakeApi({ 'system.status': () => ({ ok: true, data: makeStatus() }) });
    renderApp(fake.api);

    expect(screen.getByRole('status')).toHaveTextContent('Loading status…');
    const app = await screen.findByRole('region', { name: 'Application' });
    expect(within(app).getByText('/home/ada/.local/share/switchyard-test')).toBeInTheDocument();
    expect(app).toHaveTextContent('Switchyard 0.1.0');
    expect(app).toHaveTextContent('Headless (HTTP)');
    expect(app).toHaveTextContent('linux-x64');
    expect(app).toHaveTextContent('Real provider APIs');

    const db = card('Database');
    expect(db).toHaveTextContent('OK');
    expect(db).toHaveTextContent('/home/ada/.local/share/switchyard-test/switchyard.db');
    expect(db).toHaveTextContent('1 of 1 (latest)');
    expect(db).toHaveTextContent('WAL');
    expect(db).toHaveTextContent('4.0 KB');
    expect(db).toHaveTextContent('3.50.4');

    const runtime = card('Runtime');
    expect(runtime).toHaveTextContent('20.20.2');
    expect(runtime).toHaveTextContent('Not running under Electron');

    const gateway = card('Gateway');
    expect(gateway).toHaveTextContent('Not available yet');
    expect(gateway).toHaveTextContent('http://127.0.0.1:4317/v1');
    expect(gateway).toHaveTextContent('not built yet');
    expect(fake.request).toHaveBeenCalledWith('system.status', {});
  });

  it('warns prominently, with the server message, when the keychain is unavailable', async () => {
    const fake = createFakeApi({ 'system.status': () => ({ ok: true, data: makeStatus() }) });
    renderApp(fake.api);

    const warning = await screen.findByText('The OS keychain is unavailable');
    const notice = warning.closest('.notice') as HTMLElement;
    expect(notice).toHaveTextContent('No Secret Service is running. Start GNOME Keyring and unlock it.');
    expect(notice).toHaveTextContent('the access token lives only in memory for this launch');
    expect(card('Keychain')).toHaveTextContent('Unavailable');
    expect(card('Keychain')).toHaveTextContent('In memory only (this launch)');
  });

  it('Recheck calls system.recheck and shows the new status', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'system.status': () => ({ ok: true, data: makeStatus() }),
      'system.recheck': () => ({
        ok: true,
        data: makeStatus({ keychain: available, accessToken: { storage: 'keychain' } }),
      }),
    });
    renderApp(fake.api);
    await screen.findByText('The OS keychain is unavailable');

    await user.click(screen.getByRole('button', { name: 'Recheck' }));

    expect(fake.request).toHaveBeenCalledWith('system.recheck', {});
    expect(await within(card('Keychain')).findByText('Available')).toBeInTheDocument();
    expect(card('Keychain')).toHaveTextContent('Kept in the OS keychain');
    expect(screen.queryByText('The OS keychain is unavailable')).not.toBeInTheDocument();
    expect(screen.getByText(/^Rechecked at /)).toBeInTheDocument();
  });

  it('a failed Recheck shows the error code and is not retried', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'system.status': () => ({ ok: true, data: makeStatus() }),
      'system.recheck': () => ({
        ok: false,
        error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'The keychain did not answer within 8000 ms.' },
      }),
    });
    renderApp(fake.api);
    await screen.findByText('The OS keychain is unavailable');

    await user.click(screen.getByRole('button', { name: 'Recheck' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Recheck failed');
    expect(alert).toHaveTextContent('KEYCHAIN_UNAVAILABLE');
    expect(alert).toHaveTextContent('The keychain did not answer within 8000 ms.');
    expect(fake.request.mock.calls.filter(([route]) => route === 'system.recheck')).toHaveLength(1);
    expect(card('Database')).toBeInTheDocument(); // the last good status stays on screen
  });

  it('an error Result on load shows its code and message, and Try again reloads', async () => {
    const user = userEvent.setup();
    let answer = {
      ok: false as const,
      error: { code: 'UNAUTHORIZED' as const, message: 'A valid access token is required.' },
    };
    const fake = createFakeApi({
      'system.status': () => answer ?? { ok: true, data: makeStatus() },
    });
    renderApp(fake.api);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the status');
    expect(alert).toHaveTextContent('UNAUTHORIZED');
    expect(alert).toHaveTextContent('A valid access token is required.');

    answer = undefined as unknown as typeof answer;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Database' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('follows system.statusChanged events pushed by main', async () => {
    const fake = createFakeApi({ 'system.status': () => ({ ok: true, data: makeStatus() }) });
    const view = renderApp(fake.api);
    await screen.findByText('The OS keychain is unavailable');
    expect(fake.listenerCount('system.statusChanged')).toBe(1);

    act(() => {
      fake.emit(
        'system.statusChanged',
        makeStatus({
          keychain: available,
          database: {
            ...makeStatus().database,
            status: 'error',
            message: 'database disk image is malformed',
          },
        }),
      );
    });

    expect(await screen.findByText('The database could not be opened')).toBeInTheDocument();
    expect(screen.queryByText('The OS keychain is unavailable')).not.toBeInTheDocument();
    expect(card('Database')).toHaveTextContent('Error');
    const problem = screen.getByText('The database could not be opened').closest('.notice') as HTMLElement;
    expect(problem).toHaveTextContent('database disk image is malformed');
    expect(problem).toHaveTextContent('/home/ada/.local/share/switchyard-test/switchyard.db');

    view.unmount();
    expect(fake.listenerCount('system.statusChanged')).toBe(0);
  });
});
