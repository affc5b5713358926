import type { ModelHealth } from '../../../shared/contract';
import { CircuitState } from './CircuitState';
import { formatMs, formatRate, formatTime } from './format';
import { useResetCircuit, useSetModelDisabled } from './useHealth';

export interface BoardModel {
  modelKey: string;
  name: string;
  /** Null for a model without any call in this data dir yet. */
  health: ModelHealth | null;
  disabled: boolean;
}

function LastError({ h }: { h: ModelHealth }) {
  if (h.lastErrorKind === null || h.lastFailureAt === null) return <span className="muted">none</span>;
  return (
    <span className="last-error">
      <code className="error-code">{h.lastErrorKind}</code>{' '}
      <span className="last-error__message" title={h.lastErrorMessage ?? undefined}>
        {h.lastErrorMessage ?? ''}
      </span>{' '}
      <span className="small muted">{formatTime(h.lastFailureAt)}</span>
    </span>
  );
}

/** One model on the board: its circuit, failures, success rates, latency, last error and actions. */
export function ModelHealthRow({ model }: { model: BoardModel }) {
  const reset = useResetCircuit();
  const disable = useSetModelDisabled();
  const h = model.health;
  const error = reset.error ?? disable.error;
  return (
    <tr aria-label={model.modelKey} data-testid="model-health-row">
      <th scope="row">
        <span className="model-name">{model.name}</span>
        <span className="small muted mono">{model.modelKey}</span>
        {model.disabled && <span className="badge badge--neutral">Disabled</span>}
      </th>
      <td>{h ? <CircuitState health={h} /> : <span className="muted">no calls yet</span>}</td>
      <td className="num" data-testid="failures">
        {h ? `${h.consecutiveFailures} / ${h.totalFailures}` : '—'}
      </td>
      <td className="num">{h ? `${formatRate(h.successRate5m)} · ${formatRate(h.successRate1h)}` : '—'}</td>
      <td className="num">{h ? `${formatMs(h.p50LatencyMs)} · ${formatMs(h.p95LatencyMs)}` : '—'}</td>
      <td>{h ? <LastError h={h} /> : '—'}</td>
      <td>
        <div className="actions">
          {h && h.circuit.state !== 'closed' && (
            <button
              type="button"
              className="button button--primary"
              disabled={reset.isPending}
              onClick={() => reset.mutate(model.modelKey)}
            >
              Reset circuit
            </button>
          )}
          <button
            type="button"
            className="button"
            disabled={disable.isPending}
            onClick={() => disable.mutate({ modelKey: model.modelKey, disabled: !model.disabled })}
          >
            {model.disabled ? 'Enable' : 'Disable'}
          </button>
          {error !== null && (
            <span role="alert" className="small error-text">
              {error instanceof Error ? error.message : String(error)}
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}
