import { BudgetInputSchema, type BudgetInput } from '../../../shared/contract/budget';
import type { ModelPrice } from '../../../shared/contract/catalog';
import { BudgetService } from '../../budget/budgetService';
import { EventBus } from '../../core/eventBus';
import { tempDir } from '../../test/tempDir';
import { LedgerDatabase } from '../database';
import { Ledger } from '../ledger';
import type { AttemptRecord, RequestRecord } from '../ledgerEntry';

/** A catalog-shaped price in USD per 1M tokens. */
export function price(
  inputPerMTok: number,
  outputPerMTok: number,
  extra: Partial<ModelPrice> = {},
): ModelPrice {
  return {
    inputPerMTok,
    outputPerMTok,
    cachedInputPerMTok: null,
    longContext: null,
    perRequestUsd: 0,
    asOf: '2026-01-01',
    source: 'test',
    ...extra,
  };
}

export const PRICES = {
  opus: price(15, 75),
  sonnet: price(3, 15),
  mini: price(0.15, 0.6),
};

/** One answered attempt with provider-reported usage. */
export function okAttempt(
  provider: string,
  model: string,
  p: ModelPrice,
  inputTokens: number,
  outputTokens: number,
  latencyMs = 800,
): AttemptRecord {
  return {
    provider,
    model,
    status: 'ok',
    latencyMs,
    usage: { inputTokens, outputTokens, cachedInputTokens: null },
    estimate: { inputTokens, outputTokens },
    price: p,
  };
}

export function okRequest(attempt: AttemptRecord, overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    startedAt: Date.now(),
    latencyMs: attempt.latencyMs,
    source: 'cli',
    status: 'ok',
    useCase: 'conversation',
    strategy: 'auto',
    decision: 'complexity tier "simple"',
    attempts: [attempt],
    ...overrides,
  };
}

export interface LedgerFixture {
  dir: string;
  database: LedgerDatabase;
  ledger: Ledger;
  budget: BudgetService;
  events: EventBus;
  /** `budget.set` with the input parsed as the contract parses it (defaults filled in). */
  setBudget(input: BudgetInput): ReturnType<BudgetService['set']>;
  /** Closes everything and reopens on the same files, as after a restart. */
  reopen(): LedgerFixture;
  close(): void;
  cleanup(): void;
}

/** A real file-backed ledger and budget service in a temp dir (removed by `cleanup`). */
export function openLedgerFixture(options: { now?: () => number; timeZone?: string } = {}): LedgerFixture {
  const temp = tempDir('switchyard-ledger-');
  return openIn(temp.path, options, temp.cleanup);
}

function openIn(
  dir: string,
  options: { now?: () => number; timeZone?: string },
  removeDir: () => void,
): LedgerFixture {
  const database = LedgerDatabase.open(dir);
  const events = new EventBus();
  const ledger = new Ledger(database);
  if (options.timeZone) ledger.settings.set({ timeZone: options.timeZone });
  const budget = new BudgetService(ledger, { events, now: options.now });
  const fixture: LedgerFixture = {
    dir,
    database,
    ledger,
    budget,
    events,
    setBudget: (input) => budget.set(BudgetInputSchema.parse(input)),
    reopen() {
      fixture.close();
      return openIn(dir, options, removeDir);
    },
    close() {
      budget.close();
      ledger.close();
      database.close();
    },
    cleanup() {
      fixture.close();
      removeDir();
    },
  };
  return fixture;
}
