import type { RoutingDecision } from '../../../shared/contract/routing';
import { Badge } from '../../ui/Badge';
import { Facts } from '../../ui/Facts';
import { Notice } from '../../ui/Notice';
import { USE_CASE_LABEL } from '../../ui/useCaseLabels';
import { ComplexityBars } from './ComplexityBars';
import { formatScore, formatSeconds, formatTokens, formatUsd, STRATEGY_LABEL } from './format';
import { Alternatives, FallbackChain } from './ModelChain';

function useCaseText(useCase: RoutingDecision['useCase']): string {
  if (!useCase.value) return 'None detected';
  const label = USE_CASE_LABEL[useCase.value] ?? useCase.value;
  if (useCase.source === 'given') return `${label} (given)`;
  return `${label} (detected, confidence ${formatScore(useCase.confidence)})`;
}

/** The router's decision and why, as the route preview shows it. */
export function DecisionView({ decision }: { decision: RoutingDecision }) {
  const { tokens, estimate } = decision;
  return (
    <div className="pg-decision">
      <div className="pg-decision__choice">
        <p className="pg-decision__label muted small">Routes to</p>
        <p className="pg-decision__model" data-testid="route-model">
          {decision.displayName}
        </p>
        <p className="pg-decision__key mono muted">{decision.modelKey}</p>
        <p className="pg-decision__badges">
          <Badge tone="info">{STRATEGY_LABEL[decision.strategy] ?? decision.strategy}</Badge>
          <span className="muted small">{decision.matched}</span>
          {decision.simulated && <Badge tone="warn">Simulated providers</Badge>}
          {decision.vision && <Badge tone="info">Vision: images attached</Badge>}
        </p>
      </div>

      <dl className="pg-estimate" aria-label="Estimate">
        <div>
          <dt>Tokens</dt>
          <dd>
            {formatTokens(tokens.input)} in · {formatTokens(tokens.output)} out
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{formatUsd(estimate.costUsd)}</dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{formatSeconds(estimate.latencySeconds)}</dd>
        </div>
        <div>
          <dt>Quality</dt>
          <dd>{formatScore(estimate.quality)}</dd>
        </div>
      </dl>

      {decision.shouldChunk && (
        <Notice tone="warn" title="Consider splitting this request" live={false}>
          <p>{decision.chunkReason}</p>
        </Notice>
      )}

      <section className="pg-decision__section" aria-label="Why this model">
        <h3 className="pg-decision__heading">Why</h3>
        <ul className="pg-decision__reasons">
          {decision.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <p className="small">
          <span className="muted">Use case:</span> {useCaseText(decision.useCase)}
        </p>
      </section>

      <section className="pg-decision__section" aria-label="Complexity">
        <h3 className="pg-decision__heading">Complexity</h3>
        <ComplexityBars complexity={decision.complexity} />
      </section>

      <section className="pg-decision__section" aria-label="Fallback chain">
        <h3 className="pg-decision__heading">If it fails</h3>
        <FallbackChain chain={decision.fallbackChain} />
      </section>

      <section className="pg-decision__section" aria-label="Alternatives">
        <h3 className="pg-decision__heading">Considered</h3>
        <Alternatives alternatives={decision.alternatives} />
      </section>

      <section className="pg-decision__section" aria-label="Details">
        <h3 className="pg-decision__heading">Details</h3>
        <Facts
          items={[
            {
              label: 'Token count',
              value: `${tokens.method === 'exact' ? 'Exact' : 'Estimated'} (${tokens.family}): ${tokens.note}`,
            },
            { label: 'Confidence', value: formatScore(decision.confidence) },
            { label: 'Decided in', value: `${decision.decidedInMs.toFixed(1)} ms` },
          ]}
        />
      </section>
    </div>
  );
}
