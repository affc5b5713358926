import type Database from 'better-sqlite3';
import type { Alert, AlertKind } from '../../shared/contract/alerts';
import type { BudgetAlert } from '../../shared/contract/budget';
import type { ModelHealth } from '../../shared/contract/health';

interface Row {
  id: number;
  kind: AlertKind;
  subject: string;
  title: string;
  message: string;
  raised_at: number;
  read_at: number | null;
  resolved_at: number | null;
}

/** What a new alert says; where it came from decides its dedupe key. */
interface NewAlert {
  kind: AlertKind;
  subject: string;
  dedupeKey: string;
  title: string;
  message: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const toAlert = (r: Row): Alert => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  title: r.title,
  message: r.message,
  raisedAt: new Date(r.raised_at).toISOString(),
  read: r.read_at !== null,
  resolvedAt: iso(r.resolved_at),
});

/**
 * The alert list in the `alerts` table. Raising is idempotent (the dedupe key is UNIQUE and only
 * an INSERT that adds a row returns an alert), so a budget crossing seen twice, or by two
 * processes, is one alert; a circuit alert stays open until its circuit closes.
 */
export class AlertLog {
  private readonly insert: Database.Statement;
  private readonly openCircuit: Database.Statement;
  private readonly resolveCircuit: Database.Statement;
  private readonly latest: Database.Statement;
  private readonly unread: Database.Statement;
  private readonly readAll: Database.Statement;
  private readonly readOne: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      `INSERT INTO alerts (kind, subject, dedupe_key, title, message, raised_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING *`,
    );
    this.openCircuit = db.prepare(
      `SELECT 1 FROM alerts WHERE kind = 'circuit_open' AND subject = ? AND resolved_at IS NULL LIMIT 1`,
    );
    this.resolveCircuit = db.prepare(
      `UPDATE alerts SET resolved_at = ? WHERE kind = 'circuit_open' AND subject = ? AND resolved_at IS NULL`,
    );
    this.latest = db.prepare('SELECT * FROM alerts ORDER BY raised_at DESC, id DESC LIMIT ?');
    this.unread = db.prepare('SELECT count(*) AS n FROM alerts WHERE read_at IS NULL').pluck();
    this.readAll = db.prepare('UPDATE alerts SET read_at = ? WHERE read_at IS NULL');
    this.readOne = db.prepare('UPDATE alerts SET read_at = ? WHERE id = ? AND read_at IS NULL');
  }

  /** A budget crossed its warning threshold or its limit (already once per window and level). */
  budget(a: BudgetAlert): Alert | null {
    const warning = a.level === 'warning';
    const what = a.scope === 'global' ? `${a.window} budget` : `${a.window} ${a.value} budget`;
    return this.raise({
      kind: warning ? 'budget_warning' : 'budget_exceeded',
      subject: String(a.budgetId),
      dedupeKey: `budget:${a.budgetId}:${a.windowStart}:${a.level}`,
      title: warning ? `Budget at ${a.percent}%: ${what}` : `Budget used up: ${what}`,
      message: a.message,
    });
  }

  /**
   * A circuit changed state: opening from closed raises an alert; closing resolves it. Re-opening
   * after a failed probe, or a person forcing it open, raises nothing.
   */
  circuit(
    modelKey: string,
    state: ModelHealth['circuit']['state'],
    health: ModelHealth | null,
  ): Alert | null {
    if (state === 'closed') {
      this.resolveCircuit.run(this.now(), modelKey);
      return null;
    }
    if (state !== 'open' || this.openCircuit.get(modelKey) !== undefined) return null;
    const at = this.now();
    return this.raise({
      kind: 'circuit_open',
      subject: modelKey,
      dedupeKey: `circuit:${modelKey}:${at}`,
      title: `Circuit open: ${modelKey}`,
      message: circuitMessage(modelKey, health),
    });
  }

  list(limit: number): { alerts: Alert[]; unread: number } {
    return { alerts: (this.latest.all(limit) as Row[]).map(toAlert), unread: this.unreadCount() };
  }

  markRead(ids: readonly number[] | undefined): { updated: number; unread: number } {
    const at = this.now();
    const updated =
      ids === undefined
        ? this.readAll.run(at).changes
        : this.db.transaction(() => ids.reduce((n, id) => n + this.readOne.run(at, id).changes, 0))();
    return { updated, unread: this.unreadCount() };
  }

  private unreadCount(): number {
    return this.unread.get() as number;
  }

  private raise(a: NewAlert): Alert | null {
    const row = this.insert.get(a.kind, a.subject, a.dedupeKey, a.title, a.message, this.now()) as
      Row | undefined;
    return row ? toAlert(row) : null;
  }
}

function circuitMessage(modelKey: string, h: ModelHealth | null): string {
  if (!h) return `Routing skips ${modelKey} until a probe call succeeds.`;
  const cause =
    h.lastErrorKind !== null
      ? ` (last error: ${h.lastErrorKind}${h.lastErrorMessage ? `, ${h.lastErrorMessage}` : ''})`
      : '';
  const { openedAt, probeAt } = h.circuit;
  const seconds =
    openedAt !== null && probeAt !== null
      ? Math.round((Date.parse(probeAt) - Date.parse(openedAt)) / 1000)
      : null;
  const probe = seconds !== null ? ` A probe call is let through after ${seconds} s.` : '';
  return `${h.circuit.consecutiveServerFailures} server-side failures in a row${cause}; routing skips ${modelKey}.${probe}`;
}
