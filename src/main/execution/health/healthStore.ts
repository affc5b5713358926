import type Database from 'better-sqlite3';
import type { LedgerDatabase } from '../../ledger/database';
import type { ErrorKind } from '../generationError';
import type { ModelCounters } from './modelStats';

/** What survives a restart for one model: its counters, its 429 cooldown and its breaker. */
export interface HealthRecord {
  modelKey: string;
  counters: ModelCounters;
  /** Epoch ms; null when not cooling down. */
  cooldownUntil: number | null;
  /** cockatiel's breaker JSON; null when the model never had a breaker. */
  circuit: string | null;
}

export interface HealthStore {
  load(): HealthRecord[];
  save(record: HealthRecord): void;
}

/** Where there is no database: health lasts as long as the process. */
export class MemoryHealthStore implements HealthStore {
  private readonly records = new Map<string, HealthRecord>();
  load(): HealthRecord[] {
    return [...this.records.values()].map((r) => structuredClone(r));
  }
  save(record: HealthRecord): void {
    this.records.set(record.modelKey, structuredClone(record));
  }
}

interface Row {
  model_key: string;
  attempts: number;
  successes: number;
  failures: number;
  failures_by_kind: string;
  consecutive_failures: number;
  first_at: number | null;
  last_success_at: number | null;
  last_failure_at: number | null;
  last_error_kind: string | null;
  last_error_message: string | null;
  cooldown_until: number | null;
  circuit: string | null;
}

/** Table `model_health` (see the execution migration in src/main/ledger/migrations.ts). */
export class SqliteHealthStore implements HealthStore {
  private upsert: Database.Statement | null = null;
  constructor(private readonly ledger: LedgerDatabase) {}

  load(): HealthRecord[] {
    const rows = this.ledger.db.prepare('SELECT * FROM model_health').all() as Row[];
    return rows.map((r) => ({
      modelKey: r.model_key,
      counters: {
        attempts: r.attempts,
        successes: r.successes,
        failures: r.failures,
        failuresByKind: parseKinds(r.failures_by_kind),
        consecutiveFailures: r.consecutive_failures,
        firstAt: r.first_at,
        lastSuccessAt: r.last_success_at,
        lastFailureAt: r.last_failure_at,
        lastErrorKind: r.last_error_kind as ErrorKind | null,
        lastErrorMessage: r.last_error_message,
      },
      cooldownUntil: r.cooldown_until,
      circuit: r.circuit,
    }));
  }

  save(r: HealthRecord): void {
    // A batched write (ExecutionHealth.persistSoon) may come due after shutdown closed the file.
    if (!this.ledger.db.open) return;
    const c = r.counters;
    this.upsert ??= this.ledger.db.prepare(
      `INSERT INTO model_health (model_key, attempts, successes, failures, failures_by_kind,
           consecutive_failures, first_at, last_success_at, last_failure_at, last_error_kind,
           last_error_message, cooldown_until, circuit, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(model_key) DO UPDATE SET attempts = excluded.attempts,
           successes = excluded.successes, failures = excluded.failures,
           failures_by_kind = excluded.failures_by_kind,
           consecutive_failures = excluded.consecutive_failures, first_at = excluded.first_at,
           last_success_at = excluded.last_success_at, last_failure_at = excluded.last_failure_at,
           last_error_kind = excluded.last_error_kind, last_error_message = excluded.last_error_message,
           cooldown_until = excluded.cooldown_until, circuit = excluded.circuit,
           updated_at = excluded.updated_at`,
    );
    this.upsert.run(
      r.modelKey,
      c.attempts,
      c.successes,
      c.failures,
      JSON.stringify(c.failuresByKind),
      c.consecutiveFailures,
      c.firstAt,
      c.lastSuccessAt,
      c.lastFailureAt,
      c.lastErrorKind,
      c.lastErrorMessage,
      r.cooldownUntil,
      r.circuit,
      Date.now(),
    );
  }
}

function parseKinds(json: string): Partial<Record<ErrorKind, number>> {
  try {
    const v = JSON.parse(json) as unknown;
    return typeof v === 'object' && v !== null ? (v as Partial<Record<ErrorKind, number>>) : {};
  } catch {
    return {};
  }
}
