import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../app/navigation';
import { renderApp } from '../../test/renderApp';
import { createSettingsBackend } from './fakeProviders';
import { useSettingsUi } from './settingsUi';

const KEY = 'sk-renderer-test-key-0000wxyz';

beforeEach(() => {
  history.replaceState(null, '', '#/settings');
  useNavigation.setState({ screen: 'settings' });
  useSettingsUi.setState({ envOfferDismissed: false });
});

// Cards by their heading: role queries over all eighteen cards are slow in jsdom.
const card = (name: string) => screen.getByText(name, { selector: 'h3' }).closest('section') as HTMLElement;

async function pasteKey(user: ReturnType<typeof userEvent.setup>, field: HTMLElement) {
  await user.click(field);
  await user.paste(KEY);
}

async function openSettings(backend = createSettingsBackend()) {
  const user = userEvent.setup();
  const view = renderApp(backend.api);
  await screen.findByText('OpenAI', { selector: 'h3' });
  return { user, backend, ...view };
}

// Eighteen provider cards make each render slow under jsdom on a busy machine.
describe('Settings screen', { timeout: 20_000 }, () => {
  it('replaces "coming soon" with every provider, its status badge and the reason', async () => {
    await openSettings();
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.queryByText(/This screen is not built yet/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Settings/ })).toHaveTextContent('Keys and providers');
    const cloud = screen.getByRole('region', { name: 'Cloud providers' });
    const local = screen.getByRole('region', { name: 'Local servers' });
    expect(within(cloud).getByRole('heading', { level: 3, name: 'OpenAI' })).toBeInTheDocument();
    expect(within(local).getByRole('heading', { level: 3, name: 'Ollama' })).toBeInTheDocument();
    expect(card('OpenAI')).toHaveTextContent('No key');
    expect(card('OpenAI')).toHaveTextContent('No API key stored.');
    expect(card('Ollama')).toHaveTextContent('Local');
    expect(within(card('OpenAI')).getByRole('button', { name: 'Test connection' })).toBeDisabled();
    expect(card('OpenAI')).toHaveTextContent('Add a key first.');
  });

  it('saves a pasted key write-only: the field empties and only the masked view remains', async () => {
    const { user, backend, queryClient } = await openSettings();
    const field = within(card('OpenAI')).getByLabelText('API key');
    expect(field).toHaveAttribute('type', 'password');
    expect(field).toHaveAttribute('autocomplete', 'new-password');
    await user.click(field);
    await user.paste(`${KEY}\n`);
    await user.click(within(card('OpenAI')).getByRole('button', { name: 'Save key' }));

    expect(backend.request).toHaveBeenCalledWith('keys.set', { provider: 'openai', key: KEY });
    await within(card('OpenAI')).findByText('Untested');
    expect(field).toHaveValue('');
    expect(card('OpenAI')).toHaveTextContent('Stored: ends in wxyz');
    expect(within(card('OpenAI')).getByRole('button', { name: 'Replace key' })).toBeInTheDocument();
    // Nowhere in the page or in React Query's caches (a mutation would keep its variables).
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(
      JSON.stringify(
        queryClient
          .getQueryCache()
          .getAll()
          .map((q) => q.state),
      ),
    ).not.toContain(KEY);
    expect(
      JSON.stringify(
        queryClient
          .getMutationCache()
          .getAll()
          .map((m) => m.state),
      ),
    ).not.toContain(KEY);
  });

  it('asks for a key before saving an empty field', async () => {
    const { user, backend } = await openSettings();
    await user.click(within(card('OpenAI')).getByRole('button', { name: 'Save key' }));
    expect(within(card('OpenAI')).getByText('Paste a key first.')).toBeInTheDocument();
    expect(within(card('OpenAI')).getByLabelText('API key')).toHaveAttribute('aria-invalid', 'true');
    expect(backend.request).not.toHaveBeenCalledWith('keys.set', expect.anything());
  });

  it('tests a provider and shows the new status and when it was tested', async () => {
    const { user, backend } = await openSettings();
    await pasteKey(user, within(card('Anthropic')).getByLabelText('API key'));
    await user.click(within(card('Anthropic')).getByRole('button', { name: 'Save key' }));
    await within(card('Anthropic')).findByText('Untested');
    await user.click(within(card('Anthropic')).getByRole('button', { name: 'Test connection' }));
    expect(backend.request).toHaveBeenCalledWith('providers.test', { provider: 'anthropic' });
    expect(await within(card('Anthropic')).findByText('Active')).toBeInTheDocument();
    expect(card('Anthropic')).toHaveTextContent('Answered the last test and listed 3 models.');
    expect(card('Anthropic')).toHaveTextContent(/Last tested at .* \(42 ms\)/);
  });

  it('deletes a key only after confirming, and Cancel keeps it', async () => {
    const { user, backend } = await openSettings();
    await pasteKey(user, within(card('OpenAI')).getByLabelText('API key'));
    await user.click(within(card('OpenAI')).getByRole('button', { name: 'Save key' }));
    await user.click(await within(card('OpenAI')).findByRole('button', { name: 'Delete key' }));
    const confirm = within(card('OpenAI')).getByRole('group', { name: 'Confirm deleting the OpenAI key' });
    expect(within(confirm).getByRole('button', { name: 'Delete' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(backend.request).not.toHaveBeenCalledWith('keys.delete', expect.anything());

    await user.click(within(card('OpenAI')).getByRole('button', { name: 'Delete key' }));
    await user.click(within(card('OpenAI')).getByRole('button', { name: 'Delete' }));
    expect(backend.request).toHaveBeenCalledWith('keys.delete', { provider: 'openai' });
    expect(await within(card('OpenAI')).findByText('No key')).toBeInTheDocument();
    expect(within(card('OpenAI')).queryByRole('button', { name: 'Delete key' })).not.toBeInTheDocument();
  });

  it('edits the base URL, shows a refusal from main, and goes back to the default', async () => {
    const { user, backend } = await openSettings();
    const c = within(card('OpenAI'));
    await user.click(c.getByText('Connection settings'));
    const url = c.getByLabelText('Base URL');
    expect(url).toHaveAttribute('placeholder', 'https://api.openai.example/v1');
    await user.click(url);
    await user.paste('http://203.0.113.9/v1');
    await user.click(c.getByRole('button', { name: 'Save connection' }));
    expect(await c.findByText(/Plain http to 203\.0\.113\.9/)).toBeInTheDocument();
    expect(c.getByText('VALIDATION_FAILED')).toBeInTheDocument();

    await user.clear(url);
    await user.paste('http://127.0.0.1:9999/v1');
    await user.click(c.getByRole('button', { name: 'Save connection' }));
    expect(backend.request).toHaveBeenCalledWith('providers.update', {
      provider: 'openai',
      baseUrl: 'http://127.0.0.1:9999/v1',
    });
    await waitFor(() =>
      expect(within(card('OpenAI')).getByLabelText('Base URL')).toHaveValue('http://127.0.0.1:9999/v1'),
    );
    await user.click(within(card('OpenAI')).getByRole('button', { name: 'Use default' }));
    expect(backend.request).toHaveBeenCalledWith('providers.update', { provider: 'openai', baseUrl: null });
  });

  it('holds Test connection back while a new base URL is being saved, so the old one is not tested', async () => {
    const backend = createSettingsBackend();
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = backend.api.request;
    backend.api.request = (async (route, input, options) => {
      if (route === 'providers.update') await gate;
      return base(route, input, options);
    }) as typeof base;
    const { user } = await openSettings(backend);
    const c = within(card('Ollama'));
    const test = c.getByRole('button', { name: 'Test connection' });
    expect(test).toBeEnabled();
    await user.click(c.getByText('Connection settings'));
    await user.clear(c.getByLabelText('Base URL'));
    await user.paste('http://127.0.0.1:11500');
    await user.click(c.getByRole('button', { name: 'Save connection' }));

    await waitFor(() => expect(test).toBeDisabled());
    expect(backend.request).not.toHaveBeenCalledWith('providers.test', expect.anything());
    release();
    await waitFor(() =>
      expect(within(card('Ollama')).getByRole('button', { name: 'Test connection' })).toBeEnabled(),
    );
    expect(backend.views.get('ollama')?.effectiveBaseUrl).toBe('http://127.0.0.1:11500');
  });

  it('enables and disables a provider with a switch', async () => {
    const { user, backend } = await openSettings();
    const toggle = within(card('OpenAI')).getByRole('switch', { name: 'Enabled' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    expect(backend.request).toHaveBeenCalledWith('providers.update', { provider: 'openai', enabled: false });
    await waitFor(() =>
      expect(within(card('OpenAI')).getByRole('switch', { name: 'Enabled' })).not.toBeChecked(),
    );
  });

  it('says KEYCHAIN_UNAVAILABLE with the reason and disables key entry, while local servers stay usable', async () => {
    const backend = createSettingsBackend({
      keychain: {
        status: 'unavailable',
        backend: 'Secret Service',
        message: 'No Secret Service is running. Start `gnome-keyring-daemon`.',
      },
      candidates: [{ provider: 'openai', envVar: 'OPENAI_API_KEY', stored: 'no' }],
    });
    await openSettings(backend);
    const notice = screen.getByText('The OS keychain is unavailable').closest('.notice') as HTMLElement;
    expect(notice).toHaveTextContent('KEYCHAIN_UNAVAILABLE');
    expect(notice).toHaveTextContent('No Secret Service is running. Start gnome-keyring-daemon.');
    expect(within(card('OpenAI')).getByLabelText('API key')).toBeDisabled();
    expect(card('OpenAI')).toHaveTextContent('Needs the keychain to read the key.');
    expect(within(card('Ollama')).getByRole('button', { name: 'Test connection' })).toBeEnabled();
    expect(screen.queryByText('API keys found in the environment')).not.toBeInTheDocument();
    expect(backend.request).not.toHaveBeenCalledWith('keys.envCandidates', expect.anything());
  });

  it('offers to import keys found in main’s environment, names only', async () => {
    const backend = createSettingsBackend({
      candidates: [
        { provider: 'openai', envVar: 'OPENAI_API_KEY', stored: 'no' },
        { provider: 'anthropic', envVar: 'ANTHROPIC_API_KEY', stored: 'different' },
        { provider: 'groq', envVar: 'GROQ_API_KEY', stored: 'same' },
      ],
    });
    const { user } = await openSettings(backend);
    const offer = (await screen.findByText('API keys found in the environment')).closest(
      '.notice',
    ) as HTMLElement;
    const boxes = within(offer).getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    expect(within(offer).getByRole('checkbox', { name: 'OpenAI from OPENAI_API_KEY' })).toBeChecked();
    const replace = within(offer).getByRole('checkbox', {
      name: /Anthropic from ANTHROPIC_API_KEY \(replaces a different key/,
    });
    expect(replace).not.toBeChecked();
    await user.click(within(offer).getByRole('button', { name: 'Import selected' }));
    expect(backend.request).toHaveBeenCalledWith('keys.importEnv', {
      providers: ['openai'],
      overwrite: false,
    });
    expect(await screen.findByText('Imported OpenAI')).toBeInTheDocument();
  });

  it('"Not now" hides the offer for the session', async () => {
    const backend = createSettingsBackend({
      candidates: [{ provider: 'openai', envVar: 'OPENAI_API_KEY', stored: 'no' }],
    });
    const { user } = await openSettings(backend);
    await user.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(screen.queryByText('API keys found in the environment')).not.toBeInTheDocument();
  });

  it('refreshes when main says a provider changed elsewhere', async () => {
    const { backend } = await openSettings();
    backend.views.set('openai', {
      ...backend.views.get('openai')!,
      key: {
        provider: 'openai',
        present: true,
        last4: 'cli1',
        status: 'untested',
        reason: 'Set from the CLI.',
      },
    });
    await act(async () => backend.emit('providers.changed', { provider: 'openai' }));
    expect(await within(card('OpenAI')).findByText('Set from the CLI.')).toBeInTheDocument();
  });
});
