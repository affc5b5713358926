import type { Alert } from '../../shared/contract/alerts';
import type { ModelHealth } from '../../shared/contract/health';
import { SwitchyardError } from '../core/errors';
import type { EventBus } from '../core/eventBus';
import type { LedgerDatabase } from '../ledger/database';
import { AlertLog } from './alertLog';

export interface AlertCenterDeps {
  database: LedgerDatabase | null;
  events: EventBus;
  /** The model's health when its circuit changes (null while execution is not built). */
  circuitHealth: (modelKey: string) => ModelHealth | null;
  now?: () => number;
}

/**
 * Listens for budget crossings and circuit changes, stores each new alert once and announces it as
 * `alerts.raised` (the renderer's bell and the Electron shell's desktop notification follow it).
 * Without a database there is no alert list: nothing is stored and `list` is DB_UNAVAILABLE.
 */
export class AlertCenter {
  private log: AlertLog | null = null;
  private failed = false;

  constructor(private readonly deps: AlertCenterDeps) {
    deps.events.on('budget.alert', (a) => this.publish(() => this.requireLog().budget(a)));
    deps.events.on('health.changed', ({ modelKey, state }) =>
      this.publish(() => this.requireLog().circuit(modelKey, state, deps.circuitHealth(modelKey))),
    );
  }

  list(limit: number): { alerts: Alert[]; unread: number } {
    return this.requireLog().list(limit);
  }

  markRead(ids: readonly number[] | undefined): { updated: number; unread: number } {
    return this.requireLog().markRead(ids);
  }

  private requireLog(): AlertLog {
    if (!this.deps.database) throw new SwitchyardError('DB_UNAVAILABLE', 'The database is not open.');
    this.log ??= new AlertLog(this.deps.database.db, this.deps.now);
    return this.log;
  }

  private publish(raise: () => Alert | null): void {
    if (!this.deps.database) return;
    let alert: Alert | null;
    try {
      alert = raise();
      this.failed = false;
    } catch (e) {
      // Alerts ride on a request or a breaker change: a locked database must not fail either.
      if (!this.failed) console.error('[switchyard] an alert could not be stored:', (e as Error).message);
      this.failed = true;
      return;
    }
    if (alert) this.deps.events.emit('alerts.raised', alert);
  }
}
