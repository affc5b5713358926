import { ErrorAdviceNotice } from './ErrorAdviceNotice';
import { AnswerText } from './AnswerText';
import { AttemptsTimeline } from './AttemptsTimeline';
import { RunFacts } from './RunFacts';
import { useRun } from './runStore';
import { SimilarCacheNote } from './SimilarCacheNote';
import { SimulatedNote } from './SimulatedNote';
import { ContractRequestError } from '../../transport';

const STATUS_TEXT = { running: 'Streaming', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' } as const;

/** The single run: its answer as it streams, then what it cost and how it got there. */
export function RunOutput({ requestId }: { requestId: string }) {
  const run = useRun(requestId);
  if (!run) return null;
  const { result } = run;
  const running = run.status === 'running';
  const simulated = result?.simulated ?? run.simulated;
  const failure =
    run.error ?? (result?.error ? { code: result.error.code, message: result.error.message } : null);

  return (
    <section className="card pg-run" aria-labelledby="run-title" data-status={run.status}>
      <header className="card__header">
        <h2 className="card__title" id="run-title">
          Answer
        </h2>
        <p className="pg-run__status" role="status" data-testid="run-status">
          {running && <span className="spinner spinner--small" aria-hidden="true" />}
          {STATUS_TEXT[run.status]}
          {run.modelKey && <span className="mono muted"> · {run.modelKey}</span>}
        </p>
      </header>
      <div className="card__body pg-run__body">
        {simulated && <SimulatedNote />}
        {result && <SimilarCacheNote requestId={requestId} result={result} />}
        {failure && (
          <ErrorAdviceNotice
            title={
              run.status === 'cancelled'
                ? 'Run cancelled'
                : result?.partial
                  ? 'The answer stopped part-way'
                  : 'The run failed'
            }
            tone={run.status === 'cancelled' || result?.partial ? 'warn' : 'error'}
            error={new ContractRequestError(failure)}
          />
        )}
        {run.text === '' && running && <p className="muted">Waiting for the first token…</p>}
        {run.text !== '' && (
          <div className="pg-run__answer" data-testid="answer">
            <AnswerText text={run.text} streaming={running} />
          </div>
        )}
        {result && <RunFacts result={result} />}
        <AttemptsTimeline attempts={run.attempts} running={running} />
      </div>
    </section>
  );
}
