import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutedGeneration, SimilarCacheView } from '../../../shared/contract';
import { LedgerDatabase } from '../../ledger/database';
import { servicesFixture, unwrap } from '../../test/servicesFixture';
import { twoConnections } from '../../test/twoConnections';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { KEY, upstreamCalls } from '../test/harness';
import { SqliteSimilarSettings } from './similarSettings';

/**
 * The similar-prompt cache's settings are kept in memory between requests; a change through this
 * process (`execution.updateSimilarCache`) or from another (the CLI's own connection to the same
 * file, `cache set --similar`) must still decide the very next request.
 */
describe('similar-cache settings shared by the app and the CLI', () => {
  const db = twoConnections();

  it("sees another connection's change on its next read, and its own at once", () => {
    const app = new SqliteSimilarSettings(db.app.db);
    const cli = new SqliteSimilarSettings(db.cli.db);
    expect(app.get()).toEqual({ enabled: false, threshold: 0.85 });

    cli.set({ enabled: true, threshold: 0.9 });
    expect(app.get()).toEqual({ enabled: true, threshold: 0.9 });

    app.set({ threshold: 0.95 });
    expect(app.get()).toEqual({ enabled: true, threshold: 0.95 });
    expect(cli.get()).toEqual({ enabled: true, threshold: 0.95 });

    // Written by hand on the other connection (no store involved): seen too.
    db.cli.db
      .prepare("UPDATE app_meta SET value = 'false' WHERE key = 'execution.similar_cache.enabled'")
      .run();
    expect(app.get().enabled).toBe(false);
  });

  it('hands out copies: what a caller does with one does not change the next read', () => {
    const app = new SqliteSimilarSettings(db.app.db);
    app.get().enabled = true;
    expect(app.get().enabled).toBe(false);
  });
});

describe('similar-cache settings on real Services, through the contract', () => {
  const NANO = 'openai/gpt-4.1-nano';
  const FRANCE = 'What is the capital of France? Answer in one short sentence.';
  const FRANCE_AGAIN = 'what is the capital of France? Answer in one short sentence!';
  let fake: FakeProviderServer;
  let cli: LedgerDatabase | null = null;
  const f = servicesFixture({ keys: { openai: KEY } });
  const { call } = f;
  const run = (prompt: string) =>
    unwrap<RoutedGeneration>(call('execution.run', { request: { model: NANO, prompt }, stream: false }));
  const update = (patch: Record<string, unknown>) =>
    unwrap<SimilarCacheView>(call('execution.updateSimilarCache', patch));

  beforeAll(async () => {
    fake = await startFakeProviders();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    await unwrap(call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai }));
    await unwrap(call('ledger.updateSettings', { storePrompts: true }));
  });
  afterEach(() => {
    cli?.close();
    cli = null;
  });

  it('the next request follows execution.updateSimilarCache (on, threshold, off)', async () => {
    await run(FRANCE);
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: null });

    await update({ enabled: true });
    await run(FRANCE);
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: 'similar' });

    await update({ threshold: 1 });
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: null });
    await update({ threshold: 0.85 });
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: 'similar' });

    await update({ enabled: false });
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: null });
  });

  it("the next request follows another connection's change (on, threshold, off)", async () => {
    await run(FRANCE);
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: null });
    const calls = upstreamCalls(fake).length;

    cli = LedgerDatabase.open(f.dataDir);
    const cliSettings = new SqliteSimilarSettings(cli.db);
    cliSettings.set({ enabled: true });
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: 'similar' });
    expect(upstreamCalls(fake)).toHaveLength(calls);

    cliSettings.set({ threshold: 1 });
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: null });

    cliSettings.set({ threshold: 0.85, enabled: false });
    expect(await run(FRANCE_AGAIN)).toMatchObject({ cache: null });
    // And the app's own screen shows what the CLI set.
    expect(await unwrap<SimilarCacheView>(call('execution.similarCache', {}))).toMatchObject({
      enabled: false,
      threshold: 0.85,
    });
  });
});
