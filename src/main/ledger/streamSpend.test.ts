import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeConnection } from '../execution/fake/connections';
import { startFakeProviders, type FakeProviderServer } from '../execution/fake/server';
import { isGenerationError } from '../execution/generationError';
import { ProviderAdapter } from '../execution/providers/adapter';
import type { ChatMessage, GenerationRequest } from '../execution/types';
import { StreamSpendMeter } from './streamSpend';
import { openLedgerFixture, PRICES, type LedgerFixture } from './testing/ledgerFixture';

let fake: FakeProviderServer;
beforeAll(async () => (fake = await startFakeProviders()));
afterAll(() => fake.close());

const messages: ChatMessage[] = [
  { role: 'user', content: 'Stream a long report on the ledger [[words:200]]' },
];
const INPUT_ESTIMATE = 20;

/** Streams through the real SDK and records the attempt the way execution does, whatever happens. */
async function streamAndRecord(f: LedgerFixture, req: Partial<GenerationRequest>, abortAfter?: number) {
  const adapter = new ProviderAdapter(fakeConnection(fake, 'openai', 'sk-test-stream'));
  const meter = new StreamSpendMeter(INPUT_ESTIMATE);
  const controller = new AbortController();
  let outcome: ReturnType<StreamSpendMeter['finished']>;
  let errorKind: string | null = null;
  try {
    let deltas = 0;
    let done = null;
    for await (const ev of adapter.stream({
      model: 'gpt-4o-mini',
      messages,
      signal: controller.signal,
      ...req,
    })) {
      if (ev.type === 'delta') {
        meter.delta(ev.text);
        if (++deltas === abortAfter) controller.abort(); // the client went away
      } else done = ev.result;
    }
    outcome = meter.finished(done!.usage);
  } catch (e) {
    if (!isGenerationError(e)) throw e;
    errorKind = e.kind;
    outcome = meter.broken(e.partialText);
  }
  const latencyMs = Date.now() - meter.startedAt;
  const receipt = await f.ledger.record({
    startedAt: meter.startedAt,
    latencyMs,
    ttftMs: meter.ttftMs,
    source: 'ui',
    status: outcome.status,
    attempts: [
      { provider: 'openai', model: 'gpt-4o-mini', latencyMs, errorKind, price: PRICES.opus, ...outcome },
    ],
  });
  const row = f.ledger.db
    .prepare(
      'SELECT status, cost_nanos, tokens_in, tokens_out, usage_estimated FROM ledger_requests WHERE id = ?',
    )
    .get(receipt.id) as {
    status: number;
    cost_nanos: number;
    tokens_in: number;
    tokens_out: number;
    usage_estimated: number;
  };
  return { row, errorKind, delivered: meter.deliveredText };
}

describe('streaming spend', () => {
  let f: LedgerFixture;
  beforeEach(() => {
    fake.reset();
    f = openLedgerFixture();
  });
  afterEach(() => f.cleanup());

  it('a finished stream is billed on the usage of its final chunk', async () => {
    const { row } = await streamAndRecord(f, {});
    expect(row).toMatchObject({ status: 0, usage_estimated: 0 });
    expect(row.tokens_out).toBeGreaterThan(200);
    expect(row.cost_nanos).toBe(row.tokens_in * 15_000 + row.tokens_out * 75_000);
  });

  it('a stream the server cuts midway leaves a partial row billed for what was delivered (never $0)', async () => {
    const { row, errorKind, delivered } = await streamAndRecord(f, {
      headers: { 'x-fake-fault': 'cut-after=40' },
    });
    expect(errorKind).toBe('stream_cut');
    expect(delivered.length).toBeGreaterThan(0);
    expect(row.status).toBe(2); // partial
    expect(row.usage_estimated).toBe(1);
    expect(row.tokens_in).toBe(INPUT_ESTIMATE);
    expect(row.tokens_out).toBe(Math.ceil(delivered.length / 4));
    expect(row.cost_nanos).toBeGreaterThan(0);
    expect(row.cost_nanos).toBe(INPUT_ESTIMATE * 15_000 + row.tokens_out * 75_000);
  });

  it('a client that disconnects midway leaves a partial row with cost > 0', async () => {
    const { row, errorKind } = await streamAndRecord(f, { headers: { 'x-fake-fault': 'chunk-delay=5' } }, 15);
    expect(errorKind).toBe('cancelled');
    expect(row.status).toBe(2);
    expect(row.tokens_out).toBeGreaterThan(0);
    expect(row.cost_nanos).toBeGreaterThan(0);
  });
});
