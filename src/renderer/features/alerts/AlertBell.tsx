import { useEffect, useId, useRef, useState } from 'react';
import type { Alert } from '../../../shared/contract';
import { Badge, type Tone } from '../../ui/Badge';
import { useAlerts, useLiveAlerts, useMarkAllRead } from './useAlerts';
import './alerts.css';

const KIND: Record<Alert['kind'], { label: string; tone: Tone }> = {
  budget_warning: { label: 'Budget warning', tone: 'warn' },
  budget_exceeded: { label: 'Budget used up', tone: 'error' },
  circuit_open: { label: 'Circuit opened', tone: 'error' },
};

function AlertItem({ alert }: { alert: Alert }) {
  const kind = KIND[alert.kind];
  return (
    <li
      className={alert.read ? 'alert-item' : 'alert-item alert-item--unread'}
      data-testid="alert-item"
      data-kind={alert.kind}
    >
      <div className="alert-item__head">
        <Badge tone={kind.tone}>{kind.label}</Badge>
        <time className="small muted" dateTime={alert.raisedAt}>
          {new Date(alert.raisedAt).toLocaleString()}
        </time>
      </div>
      <p className="alert-item__title">{alert.title}</p>
      <p className="small">{alert.message}</p>
      {alert.resolvedAt && (
        <p className="small muted">Closed again {new Date(alert.resolvedAt).toLocaleString()}.</p>
      )}
    </li>
  );
}

/** The bell in the app header: the unread count, and the alert list it opens. */
export function AlertBell() {
  useLiveAlerts();
  const alerts = useAlerts();
  const markRead = useMarkAllRead();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const unread = alerts.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div className="alert-bell" ref={root}>
      <button
        type="button"
        className="alert-bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Alerts, ${unread} unread` : 'Alerts'}
        onClick={() => {
          // Opening re-reads the list once: a circuit alert may have been resolved since it arrived.
          if (!open) void alerts.refetch();
          setOpen(!open);
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="alert-bell__count" data-testid="alert-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <section className="alert-panel" id={panelId} aria-label="Alerts">
          <header className="alert-panel__header">
            <h2 className="alert-panel__title">Alerts</h2>
            <button
              type="button"
              className="button"
              disabled={unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate()}
            >
              Mark all read
            </button>
          </header>
          {alerts.error && (
            <p role="alert" className="small">
              Alerts could not be read: {alerts.error instanceof Error ? alerts.error.message : ''}
            </p>
          )}
          {alerts.data && alerts.data.alerts.length === 0 && (
            <p className="small muted">
              No alerts. Budget warnings, budgets used up and circuits that open appear here.
            </p>
          )}
          {alerts.data && alerts.data.alerts.length > 0 && (
            <ul className="alert-list">
              {alerts.data.alerts.map((a) => (
                <AlertItem key={a.id} alert={a} />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
