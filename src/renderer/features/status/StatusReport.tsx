import type { DatabaseStatus, Status } from '../../../shared/contract';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { Facts } from '../../ui/Facts';
import { InlineCode } from '../../ui/InlineCode';
import { Notice } from '../../ui/Notice';
import { SHELL_LABEL, formatBytes, formatDateTime } from './format';

const notRunning = <span className="muted">Not running under Electron</span>;

function schemaText(db: DatabaseStatus): string {
  const base = `${db.schemaVersion} of ${db.latestSchemaVersion}`;
  if (db.schemaVersion === db.latestSchemaVersion) return `${base} (latest)`;
  return db.schemaVersion < db.latestSchemaVersion
    ? `${base} (migrations pending)`
    : `${base} (newer than this app)`;
}

function Problems({ status }: { status: Status }) {
  const { keychain, database, accessToken } = status;
  return (
    <>
      {keychain.status === 'unavailable' && (
        <Notice tone="warn" title="The OS keychain is unavailable">
          {keychain.message && (
            <p className="notice__message">
              <InlineCode text={keychain.message} />
            </p>
          )}
          <p>
            Until it is available, provider API keys cannot be saved
            {accessToken.storage === 'memory'
              ? ' and the access token lives only in memory for this launch'
              : ''}
            . Fix it, then press <strong>Recheck</strong>.
          </p>
        </Notice>
      )}
      {database.status === 'error' && (
        <Notice tone="error" title="The database could not be opened">
          {database.message && (
            <p className="notice__message">
              <InlineCode text={database.message} />
            </p>
          )}
          <p>
            Requests cannot be recorded or budgeted until it opens. File: <code>{database.path}</code>
          </p>
        </Notice>
      )}
    </>
  );
}

/** Everything `system.status` reports, grouped the way a person troubleshooting would look for it. */
export function StatusReport({ status }: { status: Status }) {
  const { database: db, keychain, gateway } = status;
  const keychainOk = keychain.status === 'available';
  return (
    <div className="status-report">
      <Problems status={status} />
      <div className="card-grid">
        <Card title="Application">
          <Facts
            items={[
              { label: 'Version', value: `${status.app.name} ${status.app.version}` },
              { label: 'Shell', value: SHELL_LABEL[status.shell] },
              { label: 'Platform', value: status.platform, mono: true },
              { label: 'Data directory', value: status.dataDir, mono: true },
              {
                label: 'Providers',
                value: status.simulate ? (
                  <>
                    <Badge tone="info">Simulated</Badge> answers come from built-in fake providers
                  </>
                ) : (
                  'Real provider APIs'
                ),
              },
              {
                label: 'Started',
                value: <time dateTime={status.startedAt}>{formatDateTime(status.startedAt)}</time>,
              },
            ]}
          />
        </Card>
        <Card title="Runtime">
          <Facts
            items={[
              { label: 'Node.js', value: status.versions.node, mono: true },
              { label: 'V8', value: status.versions.v8, mono: true },
              {
                label: 'Electron',
                value: status.versions.electron ?? notRunning,
                mono: !!status.versions.electron,
              },
              {
                label: 'Chrome',
                value: status.versions.chrome ?? notRunning,
                mono: !!status.versions.chrome,
              },
            ]}
          />
        </Card>
        <Card
          title="Database"
          aside={
            <Badge tone={db.status === 'ok' ? 'ok' : 'error'}>{db.status === 'ok' ? 'OK' : 'Error'}</Badge>
          }
        >
          <Facts
            items={[
              { label: 'File', value: db.path, mono: true },
              { label: 'Schema version', value: schemaText(db) },
              { label: 'Journal mode', value: db.journalMode.toUpperCase(), mono: true },
              { label: 'Size', value: formatBytes(db.sizeBytes) },
              { label: 'SQLite', value: db.sqliteVersion, mono: true },
              ...(db.message && db.status === 'ok' ? [{ label: 'Message', value: db.message }] : []),
            ]}
          />
        </Card>
        <Card
          title="Keychain"
          aside={<Badge tone={keychainOk ? 'ok' : 'warn'}>{keychainOk ? 'Available' : 'Unavailable'}</Badge>}
        >
          <Facts
            items={[
              { label: 'Backend', value: keychain.backend },
              {
                label: 'Access token',
                value:
                  status.accessToken.storage === 'keychain'
                    ? 'Kept in the OS keychain'
                    : 'In memory only (this launch)',
              },
              // When unavailable, the message is already the warning above the cards.
              ...(keychain.message && keychainOk ? [{ label: 'Message', value: keychain.message }] : []),
            ]}
          />
        </Card>
        <Card
          title="Gateway"
          wide
          aside={
            <Badge tone={gateway.available ? 'ok' : 'neutral'}>
              {gateway.available ? 'Running' : 'Not available yet'}
            </Badge>
          }
        >
          <Facts
            items={[
              {
                label: 'Base URL',
                value: gateway.baseUrl ?? <span className="muted">Not assigned in this shell</span>,
                mono: gateway.baseUrl !== null,
              },
              { label: 'Note', value: gateway.message },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
