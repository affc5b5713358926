import type { Overview } from '../../../shared/contract';
import { formatCount, formatPercent, formatUsd } from './format';

function Figure({
  label,
  value,
  note,
  testId,
  usd,
}: {
  label: string;
  value: string;
  note?: string;
  testId: string;
  usd?: number;
}) {
  return (
    <div className="cost-figure" data-testid={testId} data-usd={usd}>
      <p className="cost-figure__label">{label}</p>
      <p className="cost-figure__value">{value}</p>
      {note && <p className="muted small">{note}</p>}
    </div>
  );
}

/** The range's headline numbers: spend, requests, fallback rate, cache savings, savings vs baseline. */
export function CostSummary({ overview }: { overview: Overview }) {
  const s = overview.savings;
  return (
    <div className="cost-summary">
      <Figure
        label="Spend"
        value={formatUsd(overview.costUsd)}
        testId="figure-spend"
        usd={overview.costUsd}
      />
      <Figure
        label="Requests"
        value={formatCount(overview.requests)}
        note={`${formatCount(overview.errors)} errors · ${formatCount(overview.blocked)} blocked`}
        testId="figure-requests"
      />
      <Figure
        label="Fallback rate"
        value={formatPercent(overview.fallbackRate)}
        note="answered after another model failed"
        testId="figure-fallback"
      />
      <Figure
        label="Saved by the cache"
        value={formatUsd(overview.cache.savedUsd)}
        note={`${formatCount(overview.cache.hits)} hits (${formatPercent(overview.cache.hitRate)})`}
        testId="figure-cache"
        usd={overview.cache.savedUsd}
      />
      <Figure
        label="Saved by routing"
        value={s ? formatUsd(s.savedUsd) : '—'}
        note={s ? `vs ${s.baselineModel} (${formatUsd(s.baselineCostUsd)})` : 'no answered requests'}
        testId="figure-savings"
        usd={s?.savedUsd}
      />
    </div>
  );
}
