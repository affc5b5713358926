/**
 * One of two processes racing for the same hard cap (reservationRace.test.ts): admits `count`
 * calls through reservations (one transaction each, or `queued`: group admission, AdmissionQueue),
 * 20 in flight at a time, records each with a realistic actual cost
 * (60–100 % of what was reserved), and prints a JSON summary as its last line.
 */
import { isSwitchyardError } from '../../core/errors';
import { LedgerDatabase } from '../../ledger/database';
import { Ledger } from '../../ledger/ledger';
import { okAttempt, okRequest, price } from '../../ledger/testing/ledgerFixture';
import { BudgetService } from '../budgetService';

const [dataDir, countRaw, seedRaw, mode] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: reserveRaceChild <dataDir> <count> <seed>');
const count = Number(countRaw);
let seed = Number(seedRaw);
const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

const database = LedgerDatabase.open(dataDir);
database.db.pragma('busy_timeout = 20000'); // two writers on two cores: waiting is expected here
const ledger = new Ledger(database);
const budget = new BudgetService(ledger);
const P = price(0, 2); // $2 per 1M output tokens: a 1,000-token cap reserves 0.2 ¢

let admitted = 0;
let refused = 0;
async function oneCall(): Promise<void> {
  let reservation;
  try {
    const call = { estimatedInputTokens: 0, maxOutputTokens: 1_000 };
    reservation =
      mode === 'queued'
        ? (
            await budget.admitQueued({
              candidates: [{ provider: 'openai', model: 'gpt-4.1', price: P }],
              ...call,
            })
          ).reservation
        : budget.reserve({ provider: 'openai', model: 'gpt-4.1', price: P, ...call });
  } catch (e) {
    if (isSwitchyardError(e) && e.code === 'BUDGET_EXCEEDED') {
      refused += 1;
      return;
    }
    throw e;
  }
  admitted += 1;
  await new Promise((r) => setTimeout(r, 1 + random() * 10)); // the provider call
  const output = Math.round(600 + random() * 400);
  await ledger.record(okRequest(okAttempt('openai', 'gpt-4.1', P, 0, output)), {
    reservationId: reservation.id,
  });
}

async function main(): Promise<void> {
  // Both processes start racing at the same moment: when the test writes to their stdin.
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();
  for (let done = 0; done < count; done += 20)
    await Promise.all(Array.from({ length: Math.min(20, count - done) }, oneCall));
  ledger.close();
  database.close();
  console.log(JSON.stringify({ admitted, refused }));
}
void main();
