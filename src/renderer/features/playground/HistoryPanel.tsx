import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';
import { Badge } from '../../ui/Badge';
import { useSystemStatus } from '../status/useSystemStatus';
import { useCompose } from './composeStore';
import { formatUsd } from './format';
import { useHistory, type HistoryEntry } from './historyStore';
import { LedgerHistory } from './LedgerHistory';
import { usePlaygroundView } from './playgroundStore';
import { useRuns, useSettledRunCount, type RunState } from './runStore';

const time = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { timeStyle: 'short' });

/** Back to a run: its prompt and options in the editor, its answer(s) below. */
function reopen(entry: HistoryEntry): void {
  useCompose.getState().load(entry.draft);
  const view = usePlaygroundView.getState();
  view.setMode(entry.kind);
  if (entry.kind === 'single') view.setSingleRun(entry.requestIds[0] ?? null);
  else if (entry.comparison) {
    view.setTargets(entry.comparison.targets);
    view.setComparison(entry.comparison);
  }
  document.getElementById('pg-user')?.focus();
}

function summary(runs: (RunState | undefined)[]): { text: string; cost: number | null; failed: boolean } {
  const done = runs.filter((r) => r?.result);
  const models = runs.map((r) => r?.result?.modelKey ?? r?.modelKey).filter(Boolean);
  const costs = done.map((r) => r?.result?.costUsd).filter((c): c is number => typeof c === 'number');
  return {
    text: models.length > 0 ? models.join(', ') : 'routing…',
    cost: costs.length > 0 ? costs.reduce((a, b) => a + b, 0) : null,
    failed: runs.some((r) => r?.status === 'failed'),
  };
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const runs = useRuns((s) => s.runs);
  const entryRuns = entry.requestIds.map((id) => runs[id]);
  const { text, cost, failed } = summary(entryRuns);
  const running = entryRuns.some((r) => r?.status === 'running');
  const prompt = entry.draft.user.slice(0, 140);
  return (
    <li className="pg-history__item">
      <div className="pg-history__main">
        <p className="pg-history__prompt" title={prompt}>
          {prompt || <span className="muted">(image only)</span>}
        </p>
        <p className="muted small">
          {time(entry.at)} · {entry.kind === 'compare' ? `Compared ${entry.requestIds.length}: ` : ''}
          <span className="mono">{text}</span>
          {cost !== null && ` · ${formatUsd(cost)}`}
        </p>
      </div>
      <div className="pg-history__side">
        {running && <Badge tone="info">Running</Badge>}
        {failed && <Badge tone="error">Failed</Badge>}
        {entry.draft.simulate || entryRuns.some((r) => r?.simulated) ? (
          <Badge tone="warn">Simulated</Badge>
        ) : null}
        <button type="button" className="button button--small" onClick={() => reopen(entry)}>
          Reopen
        </button>
      </div>
    </li>
  );
}

/** Today's totals from the ledger: what every client's runs cost, not only this window's. */
function LedgerToday({ runs, simulating }: { runs: number; simulating: boolean }) {
  const api = useApi();
  const today = new Date().toLocaleDateString('en-CA'); // YYYY-MM-DD, the local day
  // Keyed by the runs that have ended, not only by those started: a run's ledger row is committed
  // before its end is announced, so a query made for the new key always includes it (a query
  // started with the run, and merely invalidated at its end, could answer from before the commit).
  const settled = useSettledRunCount();
  const overview = useQuery({
    queryKey: ['reports.overview', { since: today }, runs, settled],
    queryFn: async ({ signal }) =>
      unwrap(await api.request('reports.overview', { since: today }, { signal })),
  });
  if (!overview.data) return null;
  const { requests, costUsd, errors, fallbackRate } = overview.data;
  return (
    <p className="muted small" data-testid="ledger-today">
      Ledger today: {requests} request{requests === 1 ? '' : 's'} · {formatUsd(costUsd)} spent · {errors}{' '}
      error
      {errors === 1 ? '' : 's'} · fallback rate {Math.round(fallbackRate * 100)}%
      {simulating && ' (simulated runs are not recorded)'}
    </p>
  );
}

/**
 * Runs made in this window (with their answers and comparisons), then the ledger's recent requests
 * from every client; reopen either to see its prompt, route and result again.
 */
export function HistoryPanel() {
  const entries = useHistory((s) => s.entries);
  const draftSimulates = useCompose((s) => s.simulate);
  const serverSimulates = useSystemStatus().data?.simulate === true;
  const simulating = draftSimulates || serverSimulates;
  return (
    <section className="card pg-history" aria-labelledby="pg-history-title">
      <header className="card__header">
        <h2 className="card__title" id="pg-history-title">
          History
        </h2>
        <LedgerToday runs={entries.length} simulating={simulating} />
      </header>
      <div className="card__body">
        {entries.length > 0 && (
          <>
            <h3 className="small">This window</h3>
            <ol className="pg-history__list" aria-label="Runs in this window">
              {entries.map((e) => (
                <Entry key={e.id} entry={e} />
              ))}
            </ol>
          </>
        )}
        <LedgerHistory simulating={simulating} />
      </div>
    </section>
  );
}
