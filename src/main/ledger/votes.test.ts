import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VoteInput } from '../../shared/contract/votes';
import { createDispatcher, type Dispatcher } from '../rpc/dispatch';
import type { SecretStore } from '../secrets/secretStore';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { DATABASE_FILE } from './database';

/** Votes do not touch the keychain; an empty in-memory one keeps this test about the database. */
const noKeychain: SecretStore = {
  backend: 'none (test)',
  get: async () => null,
  set: async () => undefined,
  delete: async () => false,
  list: async () => [],
  probe: async () => ({ status: 'unavailable', backend: 'none (test)' }),
};

const candidates = [
  {
    target: 'routed',
    modelKey: 'groq/llama-3.1-8b-instant',
    requestId: 'pg-aaaaaaaa',
    costUsd: 0.000012,
    latencyMs: 420,
    simulated: true,
  },
  {
    target: 'openai/gpt-4o',
    modelKey: 'openai/gpt-4o',
    requestId: 'pg-bbbbbbbb',
    costUsd: 0.0031,
    latencyMs: 1800,
    simulated: true,
  },
  {
    target: 'anthropic/claude-opus-4',
    modelKey: null,
    requestId: 'pg-cccccccc',
    costUsd: null,
    latencyMs: null,
    simulated: true,
  },
] satisfies VoteInput['candidates'];

describe('votes through the contract', () => {
  let dir: ReturnType<typeof tempDir>;
  let services: Services;
  let dispatch: Dispatcher;
  const call = async (route: string, input: unknown) => dispatch(route, input, { source: 'ui' });

  beforeEach(async () => {
    dir = tempDir();
    services = await Services.create({ dataDir: dir.path, shell: 'headless', secrets: noKeychain, env: {} });
    dispatch = createDispatcher(services);
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('stores a winner with its candidates in SQLite and lists it back', async () => {
    const recorded = await call('votes.record', {
      comparisonId: 'cmp-12345678',
      verdict: 'winner',
      winner: 1,
      candidates,
      useCase: 'analysis',
      complexity: 0.42,
    });
    expect(recorded).toMatchObject({
      ok: true,
      data: { replaced: false, vote: { verdict: 'winner', winner: 1, winnerModelKey: 'openai/gpt-4o' } },
    });

    const listed = await call('votes.list', {});
    expect(listed.ok && (listed.data as { votes: unknown[] }).votes).toEqual([
      expect.objectContaining({
        comparisonId: 'cmp-12345678',
        useCase: 'analysis',
        complexity: 0.42,
        candidates,
      }),
    ]);

    services.close();
    const raw = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
    expect(raw.prepare('SELECT verdict, winner_n FROM votes').all()).toEqual([
      { verdict: 'winner', winner_n: 1 },
    ]);
    expect(raw.prepare('SELECT cost_nanos FROM vote_candidates ORDER BY n').all()).toEqual([
      { cost_nanos: 12_000 },
      { cost_nanos: 3_100_000 },
      { cost_nanos: null },
    ]);
    raw.close();
  });

  it('voting again on the same comparison replaces the verdict', async () => {
    await call('votes.record', { comparisonId: 'cmp-12345678', verdict: 'winner', winner: 0, candidates });
    const again = await call('votes.record', {
      comparisonId: 'cmp-12345678',
      verdict: 'all_bad',
      candidates,
    });

    expect(again).toMatchObject({
      ok: true,
      data: { replaced: true, vote: { verdict: 'all_bad', winner: null } },
    });
    const listed = await call('votes.list', { comparisonId: 'cmp-12345678' });
    expect(listed.ok && (listed.data as { votes: unknown[] }).votes).toHaveLength(1);
  });

  it('refuses a winner verdict without a winner, and a winner out of range', async () => {
    const missing = await call('votes.record', {
      comparisonId: 'cmp-12345678',
      verdict: 'winner',
      candidates,
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const tieWithWinner = await call('votes.record', {
      comparisonId: 'cmp-12345678',
      verdict: 'tie',
      winner: 0,
      candidates,
    });
    expect(tieWithWinner).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const outOfRange = await call('votes.record', {
      comparisonId: 'cmp-12345678',
      verdict: 'winner',
      winner: 5,
      candidates,
    });
    expect(outOfRange).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call('votes.list', {})).toMatchObject({ ok: true, data: { votes: [] } });
  });
});
