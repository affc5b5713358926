import { admit, type Admission, type AdmissionRequest } from './budgetAdmission';
import type { BudgetGate } from './budgetGate';

interface Waiting {
  req: AdmissionRequest;
  resolve: (a: Admission) => void;
  reject: (e: unknown) => void;
  outcome?: { ok: true; admission: Admission } | { ok: false; error: unknown };
}

/**
 * Group admission: the admissions asked for in one turn of the event loop are made in one
 * BEGIN IMMEDIATE transaction, in the order they were asked. Each keeps its own check: its
 * reservation is a savepoint inside the batch (better-sqlite3 nests a transaction function called
 * inside another), so it sees every hold admitted before it in the batch, a refusal rolls back only
 * its own savepoint, and the batch holds SQLite's write lock from its first read to its commit —
 * the same cap guarantee, against other calls and other processes, as one transaction per call.
 * Nobody is told "admitted" before the batch has committed.
 *
 * Measured reason (issue #10, `npm run bench -- gateway`, `node --cpu-prof`): with one BEGIN
 * IMMEDIATE … COMMIT per call the reservation was ~7 % of the gateway's CPU per request, half of it
 * the transaction's own begin and commit.
 */
export class AdmissionQueue {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly gate: BudgetGate) {}

  admit(req: AdmissionRequest): Promise<Admission> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    try {
      this.gate.inOneTransaction('check the budget before the call', () => {
        for (const w of batch) {
          try {
            w.outcome = { ok: true, admission: admit(this.gate, w.req) };
          } catch (error) {
            w.outcome = { ok: false, error };
          }
        }
      });
    } catch (e) {
      // The batch did not commit: no hold of it exists, whatever its members were told inside.
      for (const w of batch) w.reject(e);
      return;
    }
    for (const w of batch) {
      const o = w.outcome!;
      if (o.ok) w.resolve(o.admission);
      else w.reject(o.error);
    }
  }
}
