import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../core/errors';
import { fakeConnection } from '../execution/fake/connections';
import { startFakeProviders, type FakeProviderServer } from '../execution/fake/server';
import { ProviderAdapter } from '../execution/providers/adapter';
import type { ChatMessage } from '../execution/types';
import { openLedgerFixture, price, type LedgerFixture } from '../ledger/testing/ledgerFixture';
import type { BudgetPolicy } from '../../shared/contract/budget';
import type { AdmissionCandidate } from './budgetAdmission';

/**
 * The proof that a hard cap holds under concurrency: 200 requests at once against a $1.00
 * cap, each admitted by a reservation, sent through the real provider SDKs to the fake provider
 * server over HTTP, and recorded with the usage the server reported.
 */
let fake: FakeProviderServer;
beforeAll(async () => (fake = await startFakeProviders()));
afterAll(() => fake.close());

const PREMIUM: AdmissionCandidate = { provider: 'anthropic', model: 'claude-opus-4-1', price: price(15, 75) };
const ECONOMY: AdmissionCandidate = { provider: 'openai', model: 'gpt-4o-mini', price: price(0.15, 0.6) };
const MAX_OUTPUT = 400;
const CAP_NANOS = 1_000_000_000;

/** What the fake counts: four characters per token plus 4 per message and 3 for the reply. */
const estimateInput = (messages: ChatMessage[]): number =>
  3 + messages.reduce((n, m) => n + Math.ceil(m.content.length / 4) + 4, 0);

type Outcome = 'premium' | 'downgraded' | 'refused';

async function oneRequest(f: LedgerFixture, i: number): Promise<Outcome> {
  await new Promise((r) => setTimeout(r, (i * 37) % 800)); // arrivals spread over 0.8 s: calls overlap and settle
  const messages: ChatMessage[] = [
    { role: 'system', content: 'You are a careful analyst.' },
    {
      role: 'user',
      content: `Request ${i}: explain the ledger entries for batch ${i} [[words:${60 + ((i * 37) % 300)}]]`,
    },
  ];
  const startedAt = Date.now();
  const estimatedInputTokens = estimateInput(messages);
  let admission;
  try {
    admission = f.budget.admit({
      candidates: [PREMIUM, ECONOMY],
      useCase: 'analysis',
      estimatedInputTokens,
      maxOutputTokens: MAX_OUTPUT,
    });
  } catch (e) {
    if (!isSwitchyardError(e) || e.code !== 'BUDGET_EXCEEDED') throw e;
    await f.ledger.record({
      startedAt,
      latencyMs: 0,
      source: 'gateway',
      status: 'blocked',
      useCase: 'analysis',
      attempts: [],
    });
    return 'refused';
  }
  const { candidate, reservation } = admission;
  const adapter = new ProviderAdapter(
    fakeConnection(fake, candidate.provider as 'openai' | 'anthropic', 'sk-test-hard-cap'),
  );
  const result = await adapter.generate({ model: candidate.model, messages, maxOutputTokens: MAX_OUTPUT });
  await f.ledger.record(
    {
      startedAt,
      latencyMs: result.totalMs,
      ttftMs: result.timeToFirstTokenMs,
      source: 'gateway',
      status: 'ok',
      useCase: 'analysis',
      attempts: [
        {
          provider: candidate.provider,
          model: candidate.model,
          status: 'ok',
          latencyMs: result.totalMs,
          usage: result.usage,
          estimate: { inputTokens: estimatedInputTokens, outputTokens: 0 },
          price: candidate.price,
        },
      ],
    },
    { reservationId: reservation.id },
  );
  return admission.downgraded ? 'downgraded' : 'premium';
}

async function runAgainstCap(policy: BudgetPolicy) {
  f.setBudget({ scope: 'global', window: 'total', limitUsd: 1, mode: 'hard', policy });
  const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => oneRequest(f, i)));
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  const db = f.ledger.db;
  const spent = (db.prepare('SELECT SUM(cost_nanos) AS s FROM ledger_requests').get() as { s: number }).s;
  const rows = db.prepare('SELECT count(*) AS n FROM ledger_requests').get() as { n: number };
  const left = db.prepare('SELECT count(*) AS n FROM budget_reservations').get() as { n: number };
  const estimated = db
    .prepare('SELECT count(*) AS n FROM ledger_requests WHERE usage_estimated = 1 AND status = 0')
    .get() as { n: number };
  return {
    premium: count('premium'),
    downgraded: count('downgraded'),
    refused: count('refused'),
    spent,
    rows: rows.n,
    reservationsLeft: left.n,
    estimated: estimated.n,
  };
}

let f: LedgerFixture;
beforeEach(() => {
  fake.reset();
  f = openLedgerFixture({ timeZone: 'UTC' });
});
afterEach(() => f.cleanup());

describe('200 concurrent requests against a $1.00 hard cap (fake provider over HTTP)', () => {
  it('downgrade policy: premium until it no longer fits, then the economy model, never past $1.00', async () => {
    const r = await runAgainstCap('downgrade');
    expect(r.premium + r.downgraded + r.refused).toBe(200);
    expect(r.rows).toBe(200);
    expect(r.spent).toBeLessThanOrEqual(CAP_NANOS);
    expect(r.spent).toBeGreaterThan(CAP_NANOS * 0.5);
    expect(r.premium).toBeGreaterThan(0);
    expect(r.downgraded).toBeGreaterThan(0);
    expect(r.reservationsLeft).toBe(0);
    expect(r.estimated).toBe(0); // every row is billed on the usage the server reported
    const served = fake.log.list().filter((e) => e.outcome === 'ok').length;
    expect(served).toBe(r.premium + r.downgraded);
  });

  it('block policy: refused with BUDGET_EXCEEDED once the premium model no longer fits, never past $1.00', async () => {
    const r = await runAgainstCap('block');
    expect(r.downgraded).toBe(0);
    expect(r.refused).toBeGreaterThan(0);
    expect(r.premium + r.refused).toBe(200);
    expect(r.spent).toBeLessThanOrEqual(CAP_NANOS);
    expect(r.reservationsLeft).toBe(0);
    const blocked = f.ledger.db
      .prepare('SELECT count(*) AS n FROM ledger_requests WHERE status = 4')
      .get() as { n: number };
    expect(blocked.n).toBe(r.refused);
  });
});
