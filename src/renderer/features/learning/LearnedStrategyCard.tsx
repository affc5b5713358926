import { useEffect, useRef, useState } from 'react';
import type { LearningStatus } from '../../../shared/contract';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime, stepFromWtp, WTP_STEPS, wtpFromStep } from './format';
import { useLearningStatus, useSetWillingnessToPay, useTrainNow } from './useLearning';

/** The slider saves this long after it stops moving, so a drag is one command, not eighty. */
const SAVE_AFTER_MS = 400;

/** The learned strategy: what it was trained on, a Train now action, and willingness to pay. */
export function LearnedStrategyCard() {
  const status = useLearningStatus();
  const train = useTrainNow();
  const s = status.data;
  return (
    <Card
      title="Learned strategy"
      aside={
        s && (
          <>
            {s.training && <Badge tone="neutral">training…</Badge>}{' '}
            <Badge tone={s.trained ? 'ok' : 'neutral'}>{s.trained ? 'trained' : 'not trained'}</Badge>
          </>
        )
      }
    >
      {status.isError && <ErrorNotice title="The learned strategy could not be read" error={status.error} />}
      {train.isError && <ErrorNotice title="Training failed" error={train.error} />}
      {s && (
        <>
          <dl className="facts learning-facts">
            <div className="facts__row">
              <dt>Trained</dt>
              <dd data-testid="learned-trained-at">{s.trainedAt ? formatDateTime(s.trainedAt) : 'never'}</dd>
            </div>
            <div className="facts__row">
              <dt>Prompts learned from</dt>
              <dd data-testid="learned-prompts">
                {s.prompts} <span className="small muted">(at least {s.minPrompts} needed)</span>
              </dd>
            </div>
            <div className="facts__row">
              <dt>Models</dt>
              <dd className="small">{s.models.length ? s.models.join(', ') : '—'}</dd>
            </div>
            {s.lastOutcome && (
              <div className="facts__row">
                <dt>Last training</dt>
                <dd data-testid="learned-outcome">{s.lastOutcome}</dd>
              </div>
            )}
          </dl>
          <p className="small muted">
            It learns only from prompts you chose to store (Settings) and their outcomes, and retrains by
            itself 30 s after new requests, in the background: routing keeps using the current model until the
            new one is ready. Until it is trained, &ldquo;learned&rdquo; routes like auto.
          </p>
          <div className="learning-actions">
            <button
              type="button"
              className="button"
              disabled={train.isPending || s.training}
              onClick={() => train.mutate()}
            >
              {train.isPending || s.training ? 'Training…' : 'Train now'}
            </button>
          </div>
          <WillingnessToPay status={s} />
        </>
      )}
    </Card>
  );
}

function WillingnessToPay({ status }: { status: LearningStatus }) {
  const save = useSetWillingnessToPay();
  // The step moved to, shown from a move until the save of the value it left has settled. Otherwise
  // the slider shows main's value (saved elsewhere too: the CLI, another window). So an earlier
  // save's answer (a pause mid-drag) neither pulls the slider back nor says "Saved." for a value
  // that is not saved yet.
  const [moved, setMoved] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const step = moved ?? stepFromWtp(status.willingnessToPayUsd);
  const usd = wtpFromStep(step);
  const { mutate } = save;

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const move = (next: number): void => {
    setMoved(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      // Only the latest call's callbacks run, and a newer move keeps its value until its own save.
      mutate(wtpFromStep(next), { onSettled: () => !timer.current && setMoved(null) });
    }, SAVE_AFTER_MS);
  };

  return (
    <div className="learning-wtp">
      <label htmlFor="learning-wtp" className="field__label">
        Willingness to pay: <strong data-testid="wtp-value">${usd}</strong> per request
      </label>
      <input
        id="learning-wtp"
        type="range"
        min={0}
        max={WTP_STEPS}
        step={1}
        value={step}
        aria-valuetext={`$${usd} per request`}
        onChange={(e) => move(Number(e.target.value))}
      />
      <div className="learning-wtp__scale small muted" aria-hidden="true">
        <span>$0.0001 · cheapest that will do</span>
        <span>$1 · best answer</span>
      </div>
      <p className="small muted">
        What a sure answer is worth to you over a useless one: the learned strategy picks the model with the
        best predicted quality minus cost ÷ this amount.{' '}
        {moved !== null || save.isPending ? 'Saving…' : save.isSuccess ? 'Saved.' : ''}
      </p>
      {save.isError && <ErrorNotice title="The setting was not saved" error={save.error} />}
    </div>
  );
}
