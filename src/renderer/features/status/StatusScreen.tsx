import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatTime } from './format';
import { StatusReport } from './StatusReport';
import { useLiveStatus, useRecheck, useSystemStatus } from './useSystemStatus';

export function StatusScreen() {
  useLiveStatus();
  const status = useSystemStatus();
  const recheck = useRecheck();

  return (
    <div className="status-screen">
      <div className="screen__toolbar">
        <p className="screen__lead">
          What Switchyard runs on, where it keeps its data, and whether the database and the OS keychain are
          usable.
        </p>
        <div className="screen__actions">
          <p className="muted small" aria-live="polite">
            {status.data &&
              `${recheck.isSuccess ? 'Rechecked' : 'Checked'} at ${formatTime(status.dataUpdatedAt)}`}
          </p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => recheck.mutate()}
            disabled={recheck.isPending}
            aria-describedby="recheck-help"
          >
            {recheck.isPending ? 'Rechecking…' : 'Recheck'}
          </button>
          <span id="recheck-help" className="visually-hidden">
            Probe the keychain and the database again
          </span>
        </div>
      </div>

      {recheck.isError && <ErrorNotice title="Recheck failed" error={recheck.error} />}

      {status.isPending && (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading status…
        </div>
      )}

      {status.isError && !status.data && (
        <ErrorNotice title="Could not load the status" error={status.error}>
          <p>
            <button type="button" className="button" onClick={() => void status.refetch()}>
              Try again
            </button>
          </p>
        </ErrorNotice>
      )}

      {status.isError && status.data && (
        <ErrorNotice title="Refreshing failed; showing the last known status" error={status.error} />
      )}

      {status.data && <StatusReport status={status.data} />}
    </div>
  );
}
