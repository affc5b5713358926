import { useState } from 'react';
import type { RoutingDecision } from '../../../shared/contract/routing';
import { Badge } from '../../ui/Badge';
import { formatScore, formatSeconds, formatUsd } from './format';

/** The models tried after the chosen one, in order. */
export function FallbackChain({ chain }: { chain: RoutingDecision['fallbackChain'] }) {
  if (chain.length === 0) return <p className="muted">No fallback: if this model fails, the run fails.</p>;
  return (
    <ol className="pg-chain">
      {chain.map((m) => (
        <li key={m.modelKey} className="pg-chain__item">
          <span className="mono">{m.modelKey}</span>
          <span className="pg-chain__figures muted">
            {formatUsd(m.estimatedCostUsd)} · {formatSeconds(m.estimatedLatencySeconds)} · quality{' '}
            {formatScore(m.quality)}
          </span>
        </li>
      ))}
    </ol>
  );
}

const STATUS: Record<
  RoutingDecision['alternatives'][number]['status'],
  { label: string; tone: 'info' | 'neutral' | 'warn' }
> = {
  fallback: { label: 'Fallback', tone: 'info' },
  ranked_lower: { label: 'Ranked lower', tone: 'neutral' },
  rejected: { label: 'Rejected', tone: 'warn' },
};

const SHOWN_AT_FIRST = 6;

/** Every other model considered, with why it was not chosen. */
export function Alternatives({ alternatives }: { alternatives: RoutingDecision['alternatives'] }) {
  const [all, setAll] = useState(false);
  if (alternatives.length === 0) return <p className="muted">No other model was considered.</p>;
  const shown = all ? alternatives : alternatives.slice(0, SHOWN_AT_FIRST);
  return (
    <>
      <ul className="pg-alternatives">
        {shown.map((a) => (
          <li key={a.modelKey} className="pg-alternatives__item">
            <Badge tone={STATUS[a.status].tone}>{STATUS[a.status].label}</Badge>
            <span className="mono pg-alternatives__model">{a.modelKey}</span>
            <span className="pg-alternatives__reason">{a.reason}</span>
          </li>
        ))}
      </ul>
      {alternatives.length > SHOWN_AT_FIRST && (
        <button
          type="button"
          className="button button--link"
          onClick={() => setAll(!all)}
          aria-expanded={all}
        >
          {all ? 'Show fewer' : `Show all ${alternatives.length}`}
        </button>
      )}
    </>
  );
}
