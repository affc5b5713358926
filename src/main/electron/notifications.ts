import { Notification } from 'electron';
import type { EventBus } from '../core/eventBus';

/**
 * Every new alert (`alerts.raised`: a budget warning or limit, a circuit opening) also as a desktop
 * notification; clicking it brings a window forward. Returns the unsubscribe.
 */
export function showAlertNotifications(events: EventBus, onClick: () => void): () => void {
  if (!Notification.isSupported()) return () => undefined;
  return events.on('alerts.raised', (alert) => {
    const notification = new Notification({
      title: alert.title,
      body: alert.message,
      silent: alert.kind === 'budget_warning',
    });
    notification.on('click', onClick);
    notification.show();
  });
}
