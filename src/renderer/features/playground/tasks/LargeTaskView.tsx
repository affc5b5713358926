import { useState } from 'react';
import type {
  ChunkStatus,
  SplitStrategy,
  Step,
  StepAnalysis,
  TaskResult,
} from '../../../../shared/contract/tasks';
import { useApi } from '../../../transport/TransportProvider';
import { unwrap } from '../../../transport';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { useSystemStatus } from '../../status/useSystemStatus';
import { useCompose } from '../composeStore';
import { FileTree } from './FileTree';
import { ProgressBar } from './ProgressBar';
import { SaveResult } from './SaveResult';
import { StepForm, type StepDraft } from './StepForm';
import { formatUsd, newId, useTaskProgress } from './useTaskProgress';

const STATUS_VALUE: Record<ChunkStatus, number | null> = {
  pending: 0,
  running: null,
  done: 1,
  failed: 0,
  cancelled: 0,
};
const STRATEGY_LABEL: Record<SplitStrategy, string> = {
  by_file: 'by file',
  by_section: 'by section',
  by_component: 'by component',
  iterative: 'iteratively',
};

function toStep(d: StepDraft, simulate: boolean): Step {
  const lines = Number(d.expectedLines);
  return {
    description: d.description,
    type: d.type,
    inputFiles: d.files,
    ...(d.expectedLines.trim() !== '' && Number.isInteger(lines) && lines > 0
      ? { expectedLines: lines }
      : {}),
    ...(d.language.trim() ? { language: d.language.trim() } : {}),
    ...(d.targetFile.trim() ? { targetFile: d.targetFile.trim() } : {}),
    context: d.context,
    strategy: d.strategy,
    ...(simulate ? { simulate: true } : {}),
  };
}

/** A step too big for one call: analysed, split, each chunk routed on its own size, merged. */
export function LargeTaskView() {
  const api = useApi();
  const composeSimulates = useCompose((s) => s.simulate);
  const simulate = useSystemStatus().data?.simulate === true || composeSimulates;
  const [analysis, setAnalysis] = useState<StepAnalysis | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<TaskResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progress = useTaskProgress(taskId);

  const analyze = async (d: StepDraft) => {
    setError(null);
    try {
      setAnalysis(unwrap(await api.request('tasks.analyze', toStep(d, simulate))));
    } catch (e) {
      setError(e);
    }
  };
  const run = async (d: StepDraft) => {
    const id = newId('task');
    setError(null);
    setResult(null);
    setTaskId(id);
    setRunning(true);
    try {
      setResult(unwrap(await api.request('tasks.run', { taskId: id, step: toStep(d, simulate) })));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  const cancel = () => {
    if (taskId) void api.request('tasks.cancel', { taskId });
  };

  const chunks = result?.chunks ?? progress?.chunks ?? [];
  const done = result ? result.chunks.filter((c) => c.status === 'done').length : (progress?.current ?? 0);
  const total = result?.chunks.length ?? progress?.total ?? 0;
  const cost = result?.costUsd ?? progress?.costUsd ?? 0;

  return (
    <div className="tk-view">
      <section className="card" aria-label="Large task">
        <div className="card__body">
          <StepForm busy={running} onAnalyze={analyze} onRun={run} onCancel={cancel} />
          {simulate && (
            <p className="muted small">Simulated providers: answers are fake, nothing is spent.</p>
          )}
        </div>
      </section>
      {error !== null && <ErrorNotice title="The task did not run" error={error} />}
      {analysis && !taskId && (
        <section className="card" aria-label="Analysis">
          <div className="card__body">
            <h3 className="tk-h">
              {analysis.shouldSplit
                ? `Split ${analysis.strategy ? STRATEGY_LABEL[analysis.strategy] : ''}`
                : 'One call is enough'}
            </h3>
            <ul className="small">
              {analysis.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <p className="small muted">
              {analysis.chunks.length} chunk(s): {analysis.chunks.map((c) => c.name).join(', ')}
            </p>
          </div>
        </section>
      )}
      {taskId && (
        <section className="card" aria-label="Task progress">
          <div className="card__body">
            <div className="tk-progress-head">
              <ProgressBar
                label="Task progress"
                value={done}
                max={Math.max(total, 1)}
                text={`${done} / ${total} chunks`}
              />
              <span className="tk-cost" aria-label="Cost so far">
                {formatUsd(cost)}
              </span>
            </div>
            <ol className="tk-chunks">
              {chunks.map((c) => (
                <li key={c.id} className={`tk-chunk tk-chunk--${c.status}`}>
                  <span className="tk-chunk__name">{c.name}</span>
                  <ProgressBar
                    label={`Chunk ${c.name}`}
                    value={STATUS_VALUE[c.status]}
                    max={1}
                    text={c.status}
                  />
                </li>
              ))}
            </ol>
            {result && (
              <p className="small" role="status">
                {result.status === 'done'
                  ? 'Finished'
                  : result.status === 'cancelled'
                    ? 'Cancelled: finished chunks kept'
                    : 'Failed: finished chunks kept'}
                {result.strategy ? `, split ${STRATEGY_LABEL[result.strategy]}` : ''}; total{' '}
                {formatUsd(result.costUsd)}
                {result.ledgerTaskId !== null ? ` (ledger task ${result.ledgerTaskId})` : ''}.
              </p>
            )}
          </div>
        </section>
      )}
      {result && result.files.length > 0 && (
        <section className="card" aria-label="Result">
          <div className="card__body">
            <div className="tk-result-head">
              <h3 className="tk-h">Result</h3>
              <SaveResult files={result.files} />
            </div>
            <FileTree files={result.files} />
          </div>
        </section>
      )}
    </div>
  );
}
