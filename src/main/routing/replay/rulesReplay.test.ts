import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingRules } from '../../../shared/contract/rules';
import type { RequestRecord, RoutingFeatures } from '../../ledger/ledgerEntry';
import {
  okAttempt,
  okRequest,
  openLedgerFixture,
  price,
  type LedgerFixture,
} from '../../ledger/testing/ledgerFixture';
import { ModelCatalog } from '../catalog/modelCatalog';
import { defaultRules } from '../rules/defaultRules';
import { REPLAY_BATCH, RulesReplay } from './rulesReplay';

const catalog = new ModelCatalog(null);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);

/** A request the default rules sent to the "simple" tier's first model, as the ledger has it. */
function simpleRequest(features: Partial<RoutingFeatures> = {}, at = NOW - DAY): RequestRecord {
  return okRequest(okAttempt('groq', 'llama-3.1-8b-instant', price(0.05, 0.08), 1_000, 400), {
    startedAt: at,
    useCase: null,
    features: {
      inputTokens: 1_000,
      expectedOutputTokens: 400,
      complexity: 0.2,
      useCaseConfidence: 0,
      vision: false,
      ...features,
    },
  });
}

/** The default rules with the simple/medium boundary moved from 0.3 to `at`. */
function simpleBelow(at: number): RoutingRules {
  const r = defaultRules();
  r.complexity_tiers.simple!.complexity_range = [0, at];
  r.complexity_tiers.medium!.complexity_range = [at, 0.6];
  return r;
}

describe('what-if replay of the ledger', () => {
  let fx: LedgerFixture;
  let replay: RulesReplay;
  beforeEach(() => {
    fx = openLedgerFixture();
    replay = new RulesReplay(fx.database.db, () => catalog.list());
  });
  afterEach(() => fx.cleanup());

  it('stores the routing features of each request', async () => {
    const { id } = await fx.ledger.record(
      simpleRequest({ complexity: 0.25, vision: true, useCaseConfidence: 1 }),
    );
    const row = fx.database.db.prepare('SELECT * FROM ledger_features WHERE request_id = ?').get(id);
    expect(row).toEqual({
      request_id: id,
      input_tokens: 1_000,
      output_tokens: 400,
      complexity: 250,
      use_case_confidence: 1000,
      vision: 1,
    });
  });

  it('rejects features out of range without writing anything', async () => {
    await expect(fx.ledger.record(simpleRequest({ complexity: 1.5 }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(fx.database.db.prepare('SELECT COUNT(*) AS n FROM ledger_requests').get()).toEqual({ n: 0 });
  });

  it('projects the spend under draft rules and lists the requests that change model', async () => {
    await Promise.all([
      fx.ledger.record(simpleRequest({ complexity: 0.2 })),
      fx.ledger.record(simpleRequest({ complexity: 0.05 })),
      fx.ledger.record(simpleRequest({ complexity: 0.2 }, NOW - 40 * DAY)), // outside 30 days
      fx.ledger.record({ ...simpleRequest(), features: null }), // recorded before features were kept
    ]);
    const progress: number[] = [];
    const same = await replay.run({ replayId: 'a', rules: defaultRules(), days: 30 }, () => {}, NOW);
    expect(same).toMatchObject({ requests: 2, skipped: 1, changedTotal: 0, cancelled: false });
    expect(same.projectedCostUsd).toBeCloseTo(same.actualCostUsd, 12);

    const moved = await replay.run(
      { replayId: 'b', rules: simpleBelow(0.1), days: 30 },
      (p) => progress.push(p.processed),
      NOW,
    );
    expect(moved.requests).toBe(2);
    expect(moved.changedTotal).toBe(1);
    expect(moved.changed[0]).toMatchObject({
      from: 'groq/llama-3.1-8b-instant',
      to: 'openai/gpt-5-mini',
    });
    // gpt-5-mini costs more than llama-3.1-8b at the same tokens.
    expect(moved.projectedCostUsd).toBeGreaterThan(moved.actualCostUsd);
    expect(moved.mix.find((m) => m.modelKey === 'openai/gpt-5-mini')).toMatchObject({
      actualRequests: 0,
      projectedRequests: 1,
    });
    expect(moved.mix.find((m) => m.modelKey === 'groq/llama-3.1-8b-instant')).toMatchObject({
      actualRequests: 2,
      projectedRequests: 1,
    });
    expect(progress.at(-1)).toBe(2);
  });

  it('routes a replayed request with images to a vision model', async () => {
    await fx.ledger.record(simpleRequest({ vision: true }));
    const r = defaultRules();
    r.defaults.strategy = 'context_bands';
    const result = await replay.run({ replayId: 'v', rules: r, days: 30 }, () => {}, NOW);
    expect(result.changed[0]?.to).toBe(r.context_bands.vision[0]);
  });

  it('can be cancelled between batches and says so', async () => {
    await Promise.all(Array.from({ length: 2_500 }, () => fx.ledger.record(simpleRequest())));
    const result = await replay.run(
      { replayId: 'c', rules: simpleBelow(0.1), days: 30 },
      (p) => {
        if (p.processed > 0) replay.cancel('c');
      },
      NOW,
    );
    expect(result.cancelled).toBe(true);
    expect(result.requests).toBe(REPLAY_BATCH);
    expect(result.changedTotal).toBe(REPLAY_BATCH);
    expect(result.changed).toHaveLength(200);
    expect(replay.cancel('c')).toBe(false);
  });
});
