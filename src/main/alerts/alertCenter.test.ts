import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, BudgetAlert } from '../../shared/contract';
import { EventBus } from '../core/eventBus';
import { isSwitchyardError } from '../core/errors';
import { LedgerDatabase } from '../ledger/database';
import { tempDir } from '../test/tempDir';
import { AlertCenter } from './alertCenter';

let dir: ReturnType<typeof tempDir>;
let db: LedgerDatabase;
let events: EventBus;
let raised: Alert[];
let now: number;

function center(database: LedgerDatabase | null = db): AlertCenter {
  return new AlertCenter({ database, events, circuitHealth: () => null, now: () => now });
}

beforeEach(() => {
  dir = tempDir();
  db = LedgerDatabase.open(dir.path);
  events = new EventBus();
  raised = [];
  events.on('alerts.raised', (a) => raised.push(a));
  now = Date.parse('2026-11-27T10:00:00Z');
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const warning: BudgetAlert = {
  budgetId: 3,
  scope: 'global',
  value: null,
  window: 'daily',
  mode: 'hard',
  level: 'warning',
  windowStart: '2026-11-27T00:00:00Z',
  windowEnd: '2026-11-28T00:00:00Z',
  spentUsd: 0.85,
  limitUsd: 1,
  percent: 85,
  message: 'The daily global budget is at 85% ($0.85 of $1.00).',
};

describe('alert list', () => {
  it('stores a budget crossing once, even when it is announced twice', () => {
    const alerts = center();
    events.emit('budget.alert', warning);
    events.emit('budget.alert', warning);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      kind: 'budget_warning',
      subject: '3',
      title: 'Budget at 85%: daily budget',
      message: warning.message,
      read: false,
    });
    events.emit('budget.alert', { ...warning, level: 'exceeded', percent: 100 });
    expect(raised.map((a) => a.kind)).toEqual(['budget_warning', 'budget_exceeded']);
    expect(alerts.list(10)).toMatchObject({
      unread: 2,
      alerts: [{ kind: 'budget_exceeded' }, { kind: 'budget_warning' }],
    });
  });

  it('a new window of the same budget alerts again', () => {
    center();
    events.emit('budget.alert', warning);
    events.emit('budget.alert', { ...warning, windowStart: '2026-11-28T00:00:00Z' });
    expect(raised).toHaveLength(2);
  });

  it('raises a circuit opening once until the circuit closes again', () => {
    const alerts = center();
    const key = 'openai/gpt-4o-mini';
    events.emit('health.changed', { modelKey: key, state: 'open' });
    now += 1000;
    // A failed probe: half-open, then open again. Still the same outage.
    events.emit('health.changed', { modelKey: key, state: 'half_open' });
    events.emit('health.changed', { modelKey: key, state: 'open' });
    events.emit('health.changed', { modelKey: key, state: 'forced_open' });
    expect(raised.map((a) => a.title)).toEqual([`Circuit open: ${key}`]);
    now += 1000;
    events.emit('health.changed', { modelKey: key, state: 'closed' });
    expect(alerts.list(10).alerts[0]?.resolvedAt).toBe(new Date(now).toISOString());
    now += 1000;
    events.emit('health.changed', { modelKey: key, state: 'open' });
    expect(raised).toHaveLength(2);
    expect(alerts.list(10).alerts.map((a) => a.resolvedAt === null)).toEqual([true, false]);
  });

  it('keeps alerts and read state across a restart', () => {
    const first = center();
    events.emit('budget.alert', warning);
    events.emit('health.changed', { modelKey: 'anthropic/claude-haiku-4-5', state: 'open' });
    const [circuit] = first.list(10).alerts;
    expect(first.markRead([circuit!.id, 9999])).toEqual({ updated: 1, unread: 1 });
    db.close();
    db = LedgerDatabase.open(dir.path);
    events = new EventBus();
    raised = [];
    events.on('alerts.raised', (a) => raised.push(a));
    const second = center();
    // The same crossing reported again after the restart is not a new alert.
    events.emit('budget.alert', warning);
    expect(raised).toHaveLength(0);
    expect(second.list(10).alerts.map((a) => [a.kind, a.read])).toEqual([
      ['circuit_open', true],
      ['budget_warning', false],
    ]);
    expect(second.markRead(undefined)).toEqual({ updated: 1, unread: 0 });
  });

  it('without a database there is no alert list, and raising does not throw', () => {
    const alerts = center(null);
    events.emit('budget.alert', warning);
    expect(raised).toHaveLength(0);
    let code: string | null = null;
    try {
      alerts.list(10);
    } catch (e) {
      code = isSwitchyardError(e) ? e.code : 'other';
    }
    expect(code).toBe('DB_UNAVAILABLE');
  });
});
