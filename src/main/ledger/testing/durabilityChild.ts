/**
 * A process that writes to the ledger under load until it is killed: each request is admitted
 * by a reservation, recorded with it, and acknowledged on stdout (`ack <id> <tokens>`) only after
 * `record()` resolved, exactly as a shell answers its client only after the ledger committed.
 * Run by durability.test.ts, which kills it with SIGKILL mid-stream.
 */
import { BudgetInputSchema } from '../../../shared/contract/budget';
import { BudgetService } from '../../budget/budgetService';
import { LedgerDatabase } from '../database';
import { Ledger } from '../ledger';
import { okAttempt, okRequest, PRICES } from './ledgerFixture';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: durabilityChild <dataDir>');
const database = LedgerDatabase.open(dataDir);
const ledger = new Ledger(database);
const budget = new BudgetService(ledger);
budget.set(BudgetInputSchema.parse({ scope: 'global', window: 'total', limitUsd: 1_000_000, mode: 'hard' }));

let next = 1;
async function oneRequest(): Promise<void> {
  const tokens = next++;
  const reservation = budget.reserve({
    provider: 'openai',
    model: 'gpt-4o-mini',
    estimatedInputTokens: tokens,
    maxOutputTokens: 50,
    price: PRICES.mini,
  });
  const receipt = await ledger.record(
    okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, tokens, 50)),
    {
      reservationId: reservation.id,
    },
  );
  process.stdout.write(`ack ${receipt.id} ${tokens}\n`);
}

function burst(): void {
  for (let i = 0; i < 200; i++) void oneRequest();
  setImmediate(burst);
}
process.stdout.write('ready\n');
burst();
