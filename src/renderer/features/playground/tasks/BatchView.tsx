import { useState } from 'react';
import type { BatchRow, BatchSummary } from '../../../../shared/contract/tasks';
import { useApi } from '../../../transport/TransportProvider';
import { unwrap } from '../../../transport';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { useSystemStatus } from '../../status/useSystemStatus';
import { useCompose } from '../composeStore';
import { download } from './download';
import { ProgressBar } from './ProgressBar';
import { formatUsd, newId, useBatchProgress } from './useTaskProgress';

interface BatchFile {
  name: string;
  text: string;
  format: 'jsonl' | 'csv';
}

const SHOWN_ROWS = 100;

/** A JSONL or CSV file of prompts through the router, a few at a time, with pause, cancel and export. */
export function BatchView() {
  const api = useApi();
  const composeSimulates = useCompose((s) => s.simulate);
  const simulate = useSystemStatus().data?.simulate === true || composeSimulates;
  const [file, setFile] = useState<BatchFile | null>(null);
  const [concurrency, setConcurrency] = useState('3');
  const [batchId, setBatchId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<BatchSummary | null>(null);
  const [rows, setRows] = useState<BatchRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  const progress = useBatchProgress(batchId);
  const limit = Number(concurrency);
  const limitOk = Number.isInteger(limit) && limit >= 1 && limit <= 16;

  const choose = async (list: FileList | null) => {
    const f = list?.[0];
    if (!f) return;
    setFile({
      name: f.name,
      text: await f.text(),
      format: f.name.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl',
    });
  };
  const run = async () => {
    if (!file) return;
    const id = newId('batch');
    setBatchId(id);
    setSummary(null);
    setRows([]);
    setError(null);
    setRunning(true);
    try {
      const s = unwrap(
        await api.request('batch.run', {
          batchId: id,
          format: file.format,
          text: file.text,
          fileName: file.name,
          concurrency: limit,
          ...(simulate ? { simulate: true } : {}),
        }),
      );
      setSummary(s);
      setRows(unwrap(await api.request('batch.rows', { batchId: id })).rows);
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  const exportAs = async (format: 'jsonl' | 'csv') => {
    if (!batchId) return;
    try {
      const out = unwrap(await api.request('batch.export', { batchId, format }));
      download(out.fileName, new Blob([out.text], { type: out.mediaType }));
    } catch (e) {
      setError(e);
    }
  };
  const control = (route: 'batch.pause' | 'batch.resume' | 'batch.cancel') => {
    if (batchId) void api.request(route, { batchId });
  };

  const total = summary?.total ?? progress?.total ?? 0;
  const done = summary ? summary.succeeded + summary.failed + summary.skipped : (progress?.done ?? 0);
  const paused = progress?.paused === true && running;
  return (
    <div className="tk-view">
      <section className="card" aria-label="Batch">
        <div className="card__body tk-form">
          <div className="pg-options__row">
            <div className="pg-field pg-field--grow">
              <label htmlFor="tk-batch-file" className="pg-field__label">
                Prompts file{' '}
                <span className="muted">
                  (JSONL: a prompt or {'{"prompt", "id"}'} a line; CSV: a prompt column)
                </span>
              </label>
              <input
                id="tk-batch-file"
                type="file"
                accept=".jsonl,.ndjson,.json,.csv,text/csv"
                onChange={(e) => void choose(e.target.files)}
              />
              {file && (
                <span className="small muted">
                  {file.name}: {file.format.toUpperCase()}, {file.text.length.toLocaleString()} chars
                </span>
              )}
            </div>
            <div className="pg-field pg-field--compact">
              <label htmlFor="tk-concurrency" className="pg-field__label">
                At a time
              </label>
              <input
                id="tk-concurrency"
                className="pg-input"
                inputMode="numeric"
                value={concurrency}
                aria-invalid={!limitOk}
                onChange={(e) => setConcurrency(e.target.value)}
              />
              {!limitOk && <span className="pg-field-error">1 to 16</span>}
            </div>
          </div>
          <div className="pg-action-bar">
            <button
              type="button"
              className="button button--primary"
              disabled={!file || running || !limitOk}
              onClick={() => void run()}
            >
              Run batch
            </button>
            {running && (
              <>
                <button
                  type="button"
                  className="button"
                  onClick={() => control(paused ? 'batch.resume' : 'batch.pause')}
                >
                  {paused ? 'Resume' : 'Pause'}
                </button>
                <button type="button" className="button button--stop" onClick={() => control('batch.cancel')}>
                  Cancel
                </button>
              </>
            )}
          </div>
          {simulate && (
            <p className="muted small">Simulated providers: answers are fake, nothing is spent.</p>
          )}
        </div>
      </section>
      {error !== null && <ErrorNotice title="The batch did not run" error={error} />}
      {batchId && (
        <section className="card" aria-label="Batch progress">
          <div className="card__body">
            <div className="tk-progress-head">
              <ProgressBar
                label="Batch progress"
                value={done}
                max={Math.max(total, 1)}
                text={`${done} / ${total} prompts${paused ? ' (paused)' : ''}${progress?.failed ? `, ${progress.failed} failed` : ''}`}
              />
              <span className="tk-cost" aria-label="Cost so far">
                {formatUsd(summary?.costUsd ?? progress?.costUsd ?? 0)}
              </span>
            </div>
            {summary && (
              <>
                <p className="small" role="status">
                  {summary.status === 'done'
                    ? 'Finished'
                    : summary.status === 'cancelled'
                      ? 'Cancelled'
                      : 'Stopped by a budget'}
                  : {summary.succeeded} ok, {summary.failed} failed, {summary.skipped} skipped.{' '}
                  {summary.note ?? ''}
                </p>
                <div className="pg-action-bar">
                  <button type="button" className="button" onClick={() => void exportAs('jsonl')}>
                    Export JSONL
                  </button>
                  <button type="button" className="button" onClick={() => void exportAs('csv')}>
                    Export CSV
                  </button>
                </div>
                <table className="tk-table small">
                  <thead>
                    <tr>
                      <th>#</th>
                      <th>id</th>
                      <th>status</th>
                      <th>model</th>
                      <th>cost</th>
                      <th>latency</th>
                      <th>answer</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.slice(0, SHOWN_ROWS).map((r) => (
                      <tr key={r.n}>
                        <td>{r.n}</td>
                        <td>{r.id}</td>
                        <td>{r.status}</td>
                        <td>{r.modelKey ?? '—'}</td>
                        <td>{r.costUsd === null ? '—' : formatUsd(r.costUsd)}</td>
                        <td>{r.latencyMs === null ? '—' : `${r.latencyMs} ms`}</td>
                        <td className="tk-table__answer">{r.error ?? r.output}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {rows.length > SHOWN_ROWS && (
                  <p className="small muted">
                    First {SHOWN_ROWS} of {rows.length} rows; export for all.
                  </p>
                )}
              </>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
