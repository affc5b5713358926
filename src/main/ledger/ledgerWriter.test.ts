import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../core/errors';
import {
  openLedgerFixture,
  okAttempt,
  okRequest,
  price,
  PRICES,
  type LedgerFixture,
} from './testing/ledgerFixture';

describe('LedgerWriter', () => {
  let f: LedgerFixture;
  beforeEach(() => (f = openLedgerFixture()));
  afterEach(() => f.cleanup());

  it('bills provider-reported usage at the catalog price of the moment and stores that price on the row', async () => {
    const receipt = await f.ledger.record(
      okRequest(okAttempt('anthropic', 'claude-opus-4-1', PRICES.opus, 1_000, 500)),
    );
    // 1,000 × $15/M + 500 × $75/M = $0.015 + $0.0375
    expect(receipt.costNanos).toBe(52_500_000);
    const row = f.ledger.db.prepare('SELECT * FROM ledger_requests_readable WHERE id = ?').get(receipt.id);
    expect(row).toMatchObject({
      provider: 'anthropic',
      model: 'claude-opus-4-1',
      cost_nanos: 52_500_000,
      tokens_in: 1_000,
      tokens_out: 500,
      input_price: 15_000_000,
      output_price: 75_000_000,
      usage_estimated: 0,
      use_case: 'conversation',
      source: 2,
      status: 0,
    });
    const attempt = f.ledger.db.prepare('SELECT * FROM ledger_attempts WHERE request_id = ?').get(receipt.id);
    expect(attempt).toMatchObject({
      n: 1,
      cost_nanos: 52_500_000,
      input_price: 15_000_000,
      usage_estimated: 0,
    });
  });

  it('estimates usage the provider did not report and marks the row', async () => {
    const attempt = {
      ...okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 0, 0),
      usage: null,
      estimate: { inputTokens: 400, outputTokens: 100 },
    };
    const { id, costNanos } = await f.ledger.record(okRequest(attempt));
    expect(costNanos).toBe(Math.round((400 * 150_000 + 100 * 600_000) / 1000));
    const row = f.ledger.db
      .prepare('SELECT usage_estimated, tokens_in FROM ledger_requests WHERE id = ?')
      .get(id);
    expect(row).toEqual({ usage_estimated: 1, tokens_in: 400 });
  });

  it('bills all attempts of a fallback chain, cached input at its own price, and the long-context tier', async () => {
    const failed = {
      ...okAttempt('openai', 'gpt-4.1', price(2, 8), 0, 0),
      status: 'error' as const,
      errorKind: 'rate_limit',
      usage: null,
      estimate: { inputTokens: 0, outputTokens: 0 },
    };
    const gemini = price(1.25, 10, {
      cachedInputPerMTok: 0.31,
      longContext: { aboveInputTokens: 200_000, inputPerMTok: 2.5, outputPerMTok: 15 },
    });
    const answered = {
      ...okAttempt('google', 'gemini-2.5-pro', gemini, 250_000, 1_000),
      usage: { inputTokens: 250_000, outputTokens: 1_000, cachedInputTokens: 100_000 },
    };
    const { id, costNanos } = await f.ledger.record(
      okRequest(answered, { attempts: [failed, answered], fallbackUsed: true }),
    );
    // long-context tier: 150k × $2.50/M + 100k cached × $0.31/M + 1k × $15/M
    expect(costNanos).toBe(375_000_000 + 31_000_000 + 15_000_000);
    const rows = f.ledger.db
      .prepare(
        'SELECT n, status, cost_nanos, tokens_cached, input_price FROM ledger_attempts WHERE request_id = ? ORDER BY n',
      )
      .all(id);
    expect(rows).toEqual([
      { n: 1, status: 1, cost_nanos: 0, tokens_cached: null, input_price: 2_000_000 },
      { n: 2, status: 0, cost_nanos: costNanos, tokens_cached: 100_000, input_price: 2_500_000 },
    ]);
  });

  it('keeps the prompt text only when the user opted in, and always a hash', async () => {
    const first = await f.ledger.record(
      okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 10, 10), { prompt: 'secret plan' }),
    );
    f.ledger.settings.set({ storePrompts: true });
    const second = await f.ledger.record(
      okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 10, 10), { prompt: 'shared plan' }),
    );
    const prompts = f.ledger.db.prepare('SELECT request_id, prompt FROM ledger_prompts').all();
    expect(prompts).toEqual([{ request_id: second.id, prompt: 'shared plan' }]);
    const hashes = f.ledger.db
      .prepare('SELECT prompt_hash FROM ledger_requests_readable ORDER BY id')
      .all() as { prompt_hash: string }[];
    expect(hashes.map((h) => h.prompt_hash)).toEqual([
      expect.stringMatching(/^[0-9a-f]{16}$/),
      expect.stringMatching(/^[0-9a-f]{16}$/),
    ]);
    expect(first.id).toBeLessThan(second.id);
  });

  it('records a cache hit at $0 with the money it saved', async () => {
    const { id, costNanos } = await f.ledger.record({
      ...okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 1, 1)),
      attempts: [],
      cacheHit: {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        inputTokens: 2_000,
        outputTokens: 1_000,
        price: PRICES.sonnet,
      },
    });
    expect(costNanos).toBe(0);
    const row = f.ledger.db
      .prepare('SELECT cache_hit, saved_nanos, model FROM ledger_requests_readable WHERE id = ?')
      .get(id);
    expect(row).toEqual({ cache_hit: 1, saved_nanos: 21_000_000, model: 'claude-sonnet-4-5' });
  });

  it('group-commits one event-loop turn of records in one transaction', async () => {
    let commits = 0;
    f.ledger.writer.addHook({ afterInsert: () => void commits++ });
    const receipts = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        f.ledger.record(okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 100 + i, 50))),
      ),
    );
    expect(commits).toBe(1);
    expect(new Set(receipts.map((r) => r.id)).size).toBe(500);
    expect(f.ledger.db.prepare('SELECT count(*) AS n FROM ledger_requests').get()).toEqual({ n: 500 });
  });

  it('a row that cannot be written fails alone; its neighbours are committed', async () => {
    f.ledger.writer.addHook({
      afterInsert: (batch) => {
        if (batch.some((b) => b.row.tokensIn === 666)) throw new Error('bug in a hook');
      },
    });
    const results = await Promise.allSettled(
      [100, 666, 200].map((n) =>
        f.ledger.record(okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, n, 1))),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failure = (results[1] as PromiseRejectedResult).reason;
    expect(isSwitchyardError(failure) && failure.code).toBe('INTERNAL');
    expect(f.ledger.db.prepare('SELECT tokens_in FROM ledger_requests ORDER BY id').all()).toEqual([
      { tokens_in: 100 },
      { tokens_in: 200 },
    ]);
  });

  it('refuses a malformed record before queueing it', async () => {
    const bad = okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, Number.NaN, 1));
    bad.attempts[0]!.usage = { inputTokens: Number.NaN, outputTokens: 1, cachedInputTokens: null };
    await expect(f.ledger.record(bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
