import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../ledger/ledgerEntry';
import {
  okAttempt,
  okRequest,
  openLedgerFixture,
  PRICES,
  type LedgerFixture,
} from '../ledger/testing/ledgerFixture';
import { defaultRules } from '../routing/rules/defaultRules';
import { suggestTierThresholds } from './thresholdSuggestions';

describe('threshold suggestions from history', () => {
  let fx: LedgerFixture;
  beforeEach(() => (fx = openLedgerFixture()));
  afterEach(() => fx.cleanup());

  const rules = defaultRules();
  const [simpleProvider, ...rest] = rules.complexity_tiers.simple!.models[0]!.split('/');
  const simpleModel = rest.join('/');
  const record = (complexity: number, ok: boolean) => {
    const first: AttemptRecord = ok
      ? okAttempt(simpleProvider!, simpleModel, PRICES.mini, 100, 100)
      : {
          ...okAttempt(simpleProvider!, simpleModel, PRICES.mini, 100, 0),
          status: 'error',
          errorKind: 'server',
        };
    const attempts = ok ? [first] : [first, okAttempt('openai', 'gpt-5-mini', PRICES.sonnet, 100, 100)];
    return fx.ledger.record(
      okRequest(attempts.at(-1)!, {
        attempts,
        fallbackUsed: !ok,
        features: {
          inputTokens: 100,
          expectedOutputTokens: 200,
          complexity,
          useCaseConfidence: 0,
          vision: false,
        },
      }),
    );
  };

  it('suggests ending the simple tier where its models start failing, and applies nothing', async () => {
    // Simple-tier models do fine up to 0.20 and fail most first attempts from 0.20 to 0.30.
    for (let i = 0; i < 40; i++) await record(0.02 + (i % 4) * 0.045, true);
    for (let i = 0; i < 12; i++) await record(0.21 + (i % 3) * 0.01, i % 4 === 0);
    for (let i = 0; i < 12; i++) await record(0.26 + (i % 3) * 0.01, i % 3 === 0);
    const suggestions = suggestTierThresholds(fx.database.db, rules);
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({
      path: 'complexity_tiers.simple.complexity_range[1]',
      current: 0.3,
      suggested: 0.2,
      requests: 12,
      successRate: 0.25,
    });
    expect(suggestions[0]!.reason).toMatch(/answered only 25 % of 12 prompts of complexity 0\.20–0\.25/);
    expect(rules.complexity_tiers.simple!.complexity_range).toEqual([0, 0.3]);
  });

  it('stays quiet when a bucket has too few requests to say anything', async () => {
    for (let i = 0; i < 9; i++) await record(0.22, false);
    expect(suggestTierThresholds(fx.database.db, rules)).toEqual([]);
  });
});
