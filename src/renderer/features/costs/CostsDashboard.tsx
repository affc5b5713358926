import { useIsFetching } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { BudgetGauges } from './BudgetGauges';
import { CostSummary } from './CostSummary';
import { CsvExport } from './CsvExport';
import { RangeBar } from './RangeBar';
import { SpendOverTime } from './SpendOverTime';
import { useAfterPaint } from './useAfterPaint';
import { REPORTS, useBudgets, useCostsRange, useOverview, useTimeline } from './useCostReports';

// recharts is in this chunk, fetched once the spend chart has painted (see SpendOverTime).
const CostDetails = lazy(() => import('./CostDetails'));

/** Where the money goes in the chosen range; every figure is one SQL aggregate from main. */
export function CostsDashboard() {
  const range = useCostsRange();
  const overview = useOverview(range);
  const timeline = useTimeline(range);
  const budgets = useBudgets();

  // The spend chart paints first; the budget arcs and the cards below it one frame later.
  const chartPainted = useAfterPaint(timeline.data !== undefined || timeline.isError);
  const failed = [overview, timeline].find((q) => q.isError);
  const empty = overview.data?.requests === 0;
  // Said of the range the figures on screen are for (the previous one while a new range loads), not
  // of the preset just clicked: "Nothing spent yet" must not be claimed from a 30-day answer.
  const wholeLedger = overview.data?.range.since === null && overview.data.range.until === null;
  // Every card keeps its previous range's figures until its own answer lands (the cards below the
  // chart ask later than the chart): while any of them is on its way the screen says so, so figures
  // of two ranges side by side are never shown as current.
  const updating = useIsFetching({ queryKey: [REPORTS] }) > 0;

  return (
    <div className="costs-dashboard" aria-busy={updating || overview.isFetching || timeline.isFetching}>
      <div className="screen__toolbar">
        <RangeBar />
        <CsvExport />
        {/* Last in the row, so its text coming and going moves no button. */}
        <span className="muted small" aria-live="polite" data-testid="costs-freshness">
          {updating ? 'Updating…' : ''}
        </span>
      </div>
      {failed && <ErrorNotice title="Could not load the report" error={failed.error} />}
      {overview.data?.range.approximate && (
        <Notice tone="info" title="Part of this range is older than the raw-row retention">
          <p>
            Whole days were counted there; hourly buckets and the most expensive requests cover only what is
            kept.
          </p>
        </Notice>
      )}
      {budgets.data && budgets.data.budgets.length > 0 && (
        <Card title="Budgets" wide aside={<span className="muted small">current windows</span>}>
          <BudgetGauges budgets={budgets.data.budgets} drawArcs={chartPainted} />
        </Card>
      )}
      {overview.isPending && (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading spend…
        </div>
      )}
      {empty && (
        <Notice tone="info" title={wholeLedger ? 'Nothing spent yet' : 'No requests in this range'}>
          <p>
            {wholeLedger
              ? 'Every request routed through Switchyard (the Playground, the CLI or the local gateway) is recorded in the ledger and appears here.'
              : 'Pick a longer range, or "All time", to see earlier spend.'}
          </p>
        </Notice>
      )}
      {overview.data && !empty && <CostSummary overview={overview.data} />}
      {!empty && (
        <div className="card-grid costs-grid">
          <Card title="Spend over time" wide>
            {timeline.data && <SpendOverTime rows={timeline.data.rows} totalUsd={timeline.data.totalUsd} />}
          </Card>
          {/* Below the fold: mounted (and asked for) once the chart above is painted. */}
          {timeline.data && chartPainted && (
            <Suspense fallback={null}>
              <CostDetails timeline={timeline.data} />
            </Suspense>
          )}
        </div>
      )}
    </div>
  );
}
