import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerRequest } from '../../shared/contract/ledger';
import { createDispatcher, type Dispatcher } from '../rpc/dispatch';
import type { SecretStore } from '../secrets/secretStore';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { PRICES, okAttempt, okRequest } from './testing/ledgerFixture';
import { REQUEST_PAGE_SQL, serialisePrompt } from './requestHistory';

const noKeychain: SecretStore = {
  backend: 'none (test)',
  get: async () => null,
  set: async () => undefined,
  delete: async () => false,
  list: async () => [],
  probe: async () => ({ status: 'unavailable', backend: 'none (test)' }),
};

const T0 = Date.parse('2026-03-10T12:00:00Z');

describe('ledger.requests and ledger.request through the contract (real SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  let services: Services;
  let dispatch: Dispatcher;
  const call = async <T>(route: string, input: unknown): Promise<T> => {
    const r = await dispatch(route, input, { source: 'ui' });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data as T;
  };
  type Page = { requests: LedgerRequest[]; next: string | null };

  beforeEach(async () => {
    dir = tempDir();
    services = await Services.create({ dataDir: dir.path, shell: 'headless', secrets: noKeychain, env: {} });
    dispatch = createDispatcher(services);
    await call('ledger.updateSettings', { timeZone: 'UTC' });
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  /** 25 requests a minute apart; #3 and #4 share a start time (the cursor must break the tie by id). */
  async function seed(): Promise<void> {
    const ledger = services.requireLedger();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        ledger.record(
          okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 100 + i, 10), {
            startedAt: T0 + (i === 3 ? 2 : i) * 60_000,
            source: 'ui',
          }),
        ),
      ),
    );
  }

  it('pages newest first by (startedAt, id) without gaps or repeats, within since/until', async () => {
    await seed();
    const seen: number[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page: Page = await call('ledger.requests', { limit: 7, ...(before ? { before } : {}) });
      seen.push(...page.requests.map((r) => r.id));
      before = page.next ?? undefined;
      pages += 1;
    } while (before);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(25);
    const all: Page = await call('ledger.requests', { limit: 200 });
    expect(all.next).toBeNull();
    expect(all.requests.map((r) => r.id)).toEqual(seen);
    const keys = all.requests.map((r) => [Date.parse(r.startedAt), r.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1]!, keys[i]!];
      expect(a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])).toBe(true);
    }
    expect(all.requests[0]).toMatchObject({
      source: 'ui',
      provider: 'openai',
      model: 'gpt-4o-mini',
      status: 'ok',
      useCase: 'conversation',
      strategy: 'auto',
      decision: 'complexity tier "simple"',
      tokensIn: 124,
      tokensOut: 10,
      partial: false,
      cacheHit: false,
      fallbackUsed: false,
      promptStored: false,
      prompt: null,
    });
    expect((await call<Page>('ledger.requests', {})).requests).toHaveLength(25); // default limit 50

    const ranged: Page = await call('ledger.requests', {
      since: new Date(T0 + 10 * 60_000).toISOString(),
      until: new Date(T0 + 15 * 60_000).toISOString(),
    });
    expect(ranged.requests.map((r) => r.startedAt)).toEqual(
      [14, 13, 12, 11, 10].map((m) => new Date(T0 + m * 60_000).toISOString()),
    );
    const rangedPaged: Page = await call('ledger.requests', {
      since: new Date(T0 + 10 * 60_000).toISOString(),
      until: new Date(T0 + 15 * 60_000).toISOString(),
      limit: 2,
    });
    const rest: Page = await call('ledger.requests', {
      since: new Date(T0 + 10 * 60_000).toISOString(),
      until: new Date(T0 + 15 * 60_000).toISOString(),
      before: rangedPaged.next,
    });
    expect([...rangedPaged.requests, ...rest.requests].map((r) => r.id)).toEqual(
      ranged.requests.map((r) => r.id),
    );

    const tooMany = await dispatch('ledger.requests', { limit: 201 }, { source: 'ui' });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('returns the prompt only where it was stored, and one request with its attempts', async () => {
    const ledger = services.requireLedger();
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'What is a ledger?' },
    ];
    const hidden = await ledger.record(
      okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 50, 5), {
        startedAt: T0,
        prompt: serialisePrompt(messages),
      }),
    );
    await call('ledger.updateSettings', { storePrompts: true });
    const failed = okAttempt('anthropic', 'claude-opus-4', PRICES.opus, 50, 0, 300);
    const kept = await ledger.record(
      okRequest(okAttempt('openai', 'gpt-4o', PRICES.sonnet, 50, 20), {
        startedAt: T0 + 1000,
        prompt: serialisePrompt(messages),
        fallbackUsed: true,
        attempts: [
          {
            ...failed,
            status: 'error',
            errorKind: 'overloaded',
            usage: null,
            estimate: { inputTokens: 0, outputTokens: 0 },
          },
          okAttempt('openai', 'gpt-4o', PRICES.sonnet, 50, 20),
        ],
      }),
    );
    const legacy = await ledger.record(
      okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 5, 5), {
        startedAt: T0 + 2000,
        prompt: 'plain text',
      }),
    );

    const page: Page = await call('ledger.requests', {});
    const byId = new Map(page.requests.map((r) => [r.id, r]));
    expect(byId.get(hidden.id)).toMatchObject({ promptStored: false, prompt: null });
    expect(byId.get(kept.id)).toMatchObject({ promptStored: true, prompt: messages, fallbackUsed: true });
    expect(byId.get(legacy.id)!.prompt).toEqual([{ role: 'user', content: 'plain text' }]);

    const one = await call<LedgerRequest & { attempts: unknown[] }>('ledger.request', { id: kept.id });
    expect(one).toMatchObject({ id: kept.id, provider: 'openai', model: 'gpt-4o', prompt: messages });
    expect(one.attempts).toEqual([
      expect.objectContaining({
        n: 1,
        provider: 'anthropic',
        model: 'claude-opus-4',
        status: 'error',
        errorKind: 'overloaded',
      }),
      expect.objectContaining({
        n: 2,
        provider: 'openai',
        model: 'gpt-4o',
        status: 'ok',
        tokensIn: 50,
        tokensOut: 20,
      }),
    ]);
    const missing = await dispatch('ledger.request', { id: 999_999 }, { source: 'ui' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('reads a page with a range search of the start-time index, no full scan and no sort', async () => {
    await seed();
    const db = services.requireLedger().db;
    const plan = (): string[] =>
      (
        db
          .prepare(`EXPLAIN QUERY PLAN ${REQUEST_PAGE_SQL}`)
          .all({ lo: 0, hi: Number.MAX_SAFE_INTEGER, beforeId: Number.MAX_SAFE_INTEGER, limit: 51 }) as {
          detail: string;
        }[]
      ).map((p) => p.detail);
    const index = /^SEARCH r USING INDEX ledger_requests_started \(started_at>\? AND started_at<\?\)/;
    expect(plan()[0]).toMatch(index);
    expect(plan().join('\n')).not.toMatch(/SCAN|TEMP B-TREE/);
    // With statistics (a one-model ledger) SQLite may scan the tiny names table, never the requests.
    db.exec('ANALYZE');
    expect(plan()[0]).toMatch(index);
    expect(plan().join('\n')).not.toMatch(/SCAN r\b|TEMP B-TREE/);
  });
});
