import { useEffect, useState } from 'react';
import type { ReplayResult, RoutingRules } from '../../../shared/contract/rules';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ReplayResultView } from './ReplayResultView';

interface Props {
  draft: RoutingRules;
  valid: boolean;
}

/**
 * What-if replay: the last N days of the ledger re-decided under the draft, in main, in batches;
 * a progress bar follows rules.replayProgress, and Cancel stops it between batches.
 */
export function ReplayPanel({ draft, valid }: Props) {
  const api = useApi();
  const [days, setDays] = useState(30);
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ processed: number; total: number } | null>(null);
  const [result, setResult] = useState<ReplayResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!running) return;
    return api.subscribe('rules.replayProgress', (p) => {
      if (p.replayId === running) setProgress({ processed: p.processed, total: p.total });
    });
  }, [api, running]);

  const start = async () => {
    const replayId = `replay-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    setRunning(replayId);
    setProgress(null);
    setError(null);
    try {
      setResult(unwrap(await api.request('rules.replay', { replayId, rules: draft, days })));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(null);
    }
  };
  const cancel = async () => {
    if (running) await api.request('rules.replayCancel', { replayId: running });
  };

  return (
    <Card title="What-if replay" wide>
      <p className="muted small">
        Re-decides the requests of the last days under the draft, from what the ledger kept of each (tokens,
        complexity, use case, images), and prices the new choices with the catalog. Nothing is sent anywhere.
      </p>
      <div className="rules-row rules-row--end">
        <label className="rules-field">
          Days of history
          <input
            type="number"
            min={1}
            max={366}
            value={days}
            onChange={(e) => setDays(Math.min(366, Math.max(1, Math.round(Number(e.target.value) || 1))))}
          />
        </label>
        <button
          type="button"
          className="button button--primary"
          disabled={!valid || running !== null}
          onClick={() => void start()}
        >
          Replay history
        </button>
        {running && (
          <button type="button" className="button" onClick={() => void cancel()}>
            Cancel replay
          </button>
        )}
      </div>
      {running && (
        <div className="rules-replay__progress" role="status">
          <progress
            aria-label="Replay progress"
            max={progress?.total || 1}
            value={progress?.processed ?? 0}
          />
          <span className="small muted">
            {progress
              ? `${progress.processed.toLocaleString()} of ${progress.total.toLocaleString()} requests`
              : 'Starting…'}
          </span>
        </div>
      )}
      {error !== null && <ErrorNotice title="The replay failed" error={error} />}
      {result && <ReplayResultView result={result} />}
    </Card>
  );
}
