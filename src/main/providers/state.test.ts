import { describe, expect, it } from 'vitest';
import { twoConnections } from '../test/twoConnections';
import { SqliteProviderState } from './state';

/**
 * Provider settings are read for every request and kept between reads; `npm run switchyard --
 * providers set` (another connection to the same file) must still reach a running app at once.
 */
describe('provider settings shared by the app and the CLI', () => {
  const db = twoConnections();

  it("the next read sees another connection's change and this state's own", () => {
    const appState = new SqliteProviderState(db.app);
    const cliState = new SqliteProviderState(db.cli);
    expect(appState.settings('openai')).toMatchObject({ enabled: true, baseUrl: null });

    cliState.saveSettings('openai', {
      enabled: false,
      baseUrl: 'http://127.0.0.1:9/v1',
      azureResource: null,
      azureDeployment: null,
    });
    expect(appState.settings('openai')).toMatchObject({ enabled: false, baseUrl: 'http://127.0.0.1:9/v1' });

    appState.saveSettings('openai', { ...appState.settings('openai'), enabled: true });
    expect(appState.settings('openai').enabled).toBe(true);
    expect(cliState.settings('openai').enabled).toBe(true);

    // What a caller does with its copy does not change what the next caller reads.
    const copy = appState.settings('anthropic');
    copy.enabled = false;
    expect(appState.settings('anthropic').enabled).toBe(true);
  });
});
