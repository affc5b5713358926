import { BudgetInputSchema } from '../../src/shared/contract/budget';
import { BudgetService } from '../../src/main/budget/budgetService';
import { LedgerDatabase } from '../../src/main/ledger/database';
import { Ledger } from '../../src/main/ledger/ledger';
import { random, syntheticRequest } from './syntheticTraffic';

const DAY = 86_400_000;
const BURST = 2_000;

/**
 * Writes `requests` synthetic requests spread evenly over the last `days` days into the ledger of
 * `dataDir`, through the real write path (group commit, rollups, budget spend), with the two
 * budgets of the ledger bench in force. Deterministic (seed 42), like `npm run bench -- ledger`.
 */
export async function seedSyntheticLedger(
  dataDir: string,
  requests: number,
  days: number,
  onProgress: (written: number) => void = () => {},
): Promise<void> {
  const database = LedgerDatabase.open(dataDir);
  const ledger = new Ledger(database);
  ledger.settings.set({ timeZone: 'Europe/Berlin', retentionDays: days + 1 });
  const budget = new BudgetService(ledger);
  budget.set(
    BudgetInputSchema.parse({ scope: 'global', window: 'monthly', limitUsd: 1_000_000, policy: 'downgrade' }),
  );
  budget.set(
    BudgetInputSchema.parse({
      scope: 'model',
      value: 'anthropic/claude-opus-4-1',
      window: 'daily',
      limitUsd: 50_000,
      mode: 'soft',
    }),
  );
  const start = Date.now() - days * DAY;
  const rnd = random(42);
  let written = 0;
  while (written < requests) {
    const n = Math.min(BURST, requests - written);
    const pending = new Array<Promise<unknown>>(n);
    for (let i = 0; i < n; i++) {
      const startedAt = start + Math.floor(((written + i) / requests) * days * DAY);
      pending[i] = ledger.record(syntheticRequest(rnd, startedAt));
    }
    await Promise.all(pending);
    written += n;
    if (written % 200_000 === 0) onProgress(written);
  }
  database.db.pragma('wal_checkpoint(TRUNCATE)');
  database.db.pragma('optimize');
  ledger.close();
  budget.close();
  database.close();
}
