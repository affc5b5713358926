import { AlertBell } from '../features/alerts/AlertBell';
import { TRANSPORT_LABEL } from '../transport';
import { useTransport } from '../transport/TransportProvider';
import { Logo } from './Logo';

const TRANSPORT_NOTE = {
  desktop: 'Desktop app: talking to Switchyard over Electron IPC',
  browser: 'Browser: talking to the Switchyard headless shell over HTTP on this machine',
} as const;

export function AppHeader() {
  const { kind } = useTransport();
  return (
    <header className="app-header">
      <div className="brand">
        <Logo />
        <span className="brand__name">Switchyard</span>
        <span className="brand__tagline">LLM router &amp; budget manager</span>
      </div>
      <div className="header-actions">
        <AlertBell />
        <p className="transport" title={TRANSPORT_NOTE[kind]}>
          <span className="visually-hidden">Connection: </span>
          <span className={`transport__dot transport__dot--${kind}`} aria-hidden="true" />
          {TRANSPORT_LABEL[kind]}
        </p>
      </div>
    </header>
  );
}
