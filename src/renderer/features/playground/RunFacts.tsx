import type { ReactNode } from 'react';
import type { RoutedGeneration } from '../../../shared/contract/execution';
import { Badge } from '../../ui/Badge';
import { CopyButton } from './CopyButton';
import { formatMs, formatTokens, formatUsd } from './format';

const tokens = (n: number | null) => (n === null ? 'not reported' : formatTokens(n));

export function costText(result: RoutedGeneration): string {
  if (result.costUsd === null) return 'unknown (no price for this model)';
  const cost = formatUsd(result.costUsd);
  return result.simulated ? `${cost} (would-be: nothing was spent)` : cost;
}

/** What a finished run actually took: tokens, cost, time, who answered and how. */
export function RunFacts({ result }: { result: RoutedGeneration }) {
  const items: [string, ReactNode][] = [
    [
      'Answered by',
      <span className="mono" key="m">
        {result.modelKey}
      </span>,
    ],
    ['Provider', result.provider],
    [
      'Tokens',
      `${tokens(result.promptTokens)} in · ${tokens(result.completionTokens)} out` +
        (result.cachedInputTokens ? ` · ${formatTokens(result.cachedInputTokens)} cached` : '') +
        (result.usageSource === 'estimated' ? ' (estimated: the provider reported none)' : ''),
    ],
    ['Cost', `${costText(result)} · estimated ${formatUsd(result.estimatedCostUsd)}`],
    ['Latency', formatMs(result.latencyMs)],
    ['First token', formatMs(result.timeToFirstTokenMs)],
    [
      'Cache',
      result.cache === 'similar' && result.similar ? (
        <Badge tone="info" key="c">
          Similar-prompt cache: $0
        </Badge>
      ) : result.cacheHit ? (
        <Badge tone="ok" key="c">
          Cache hit: $0
        </Badge>
      ) : result.sharedFlight ? (
        'Shared an identical request in flight'
      ) : (
        'Miss'
      ),
    ],
    [
      'Fallback',
      result.fallbackUsed ? (
        <Badge tone="warn" key="f">
          Fallback used
        </Badge>
      ) : (
        'No'
      ),
    ],
    ['Finish', result.finishReason],
  ];
  if (result.budget.note) items.push(['Budget', result.budget.note]);
  return (
    <dl className="pg-run-facts" aria-label="Run figures">
      {items.map(([label, value]) => (
        <div key={label} className="pg-run-facts__item">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {result.providerRequestId && (
        // A row of its own: an id is copied whole, so it is never broken across lines in a cell.
        <div className="pg-run-facts__item pg-run-facts__item--wide">
          <dt>Request id</dt>
          <dd className="pg-run-facts__id">
            <span className="mono">{result.providerRequestId}</span>
            <CopyButton text={result.providerRequestId} label="Copy id" />
          </dd>
        </div>
      )}
    </dl>
  );
}
