import type { RouteOutput } from '../../../shared/contract';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { BudgetGauges } from './BudgetGauges';
import { CostSummary } from './CostSummary';
import { useCostsStore } from './costsStore';
import { CsvExport } from './CsvExport';
import { LatencyByModel } from './LatencyByModel';
import { RangeBar } from './RangeBar';
import { SavingsChart } from './SavingsChart';
import { SpendBreakdown } from './SpendBreakdown';
import { SpendOverTime } from './SpendOverTime';
import { TopRequests } from './TopRequests';
import { useAfterPaint } from './useAfterPaint';
import {
  useBudgets,
  useCostsRange,
  useModelTotals,
  useOverview,
  useSpend,
  useTimeline,
  useTopRequests,
} from './useCostReports';

/** Where the money goes in the chosen range; every figure is one SQL aggregate from main. */
export function CostsDashboard() {
  const range = useCostsRange();
  const preset = useCostsStore((s) => s.preset);
  const overview = useOverview(range);
  const timeline = useTimeline(range);
  const budgets = useBudgets();

  // The spend chart paints first; the budget arcs and the cards below it one frame later.
  const chartPainted = useAfterPaint(timeline.data !== undefined || timeline.isError);
  const failed = [overview, timeline].find((q) => q.isError);
  const empty = overview.data?.requests === 0;

  return (
    <div className="costs-dashboard" aria-busy={overview.isFetching || timeline.isFetching}>
      <div className="screen__toolbar">
        <RangeBar />
        <CsvExport />
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
        <Notice tone="info" title={preset === 'all' ? 'Nothing spent yet' : 'No requests in this range'}>
          <p>
            {preset === 'all'
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
          {timeline.data && chartPainted && <CostDetails timeline={timeline.data} />}
        </div>
      )}
    </div>
  );
}

function CostDetails({ timeline }: { timeline: RouteOutput<'reports.timeline'> }) {
  const range = useCostsRange();
  const byModel = useSpend(range, 'model');
  const byUseCase = useSpend(range, 'use_case');
  const models = useModelTotals(range);
  const top = useTopRequests(range);
  const failed = [byModel, byUseCase, models, top].find((q) => q.isError);
  return (
    <>
      {failed && (
        <div className="card--wide">
          <ErrorNotice title="Could not load the report" error={failed.error} />
        </div>
      )}
      <Card title="Spend by model">
        {byModel.data && <SpendBreakdown rows={byModel.data.rows} label="Model" testId="by-model" />}
      </Card>
      <Card title="Spend by use case">
        {byUseCase.data && (
          <SpendBreakdown rows={byUseCase.data.rows} label="Use case" testId="by-use-case" />
        )}
      </Card>
      <Card title="Savings against the baseline" wide>
        {timeline.baselineModel && (
          <SavingsChart rows={timeline.rows} baselineModel={timeline.baselineModel} />
        )}
      </Card>
      <Card title="Latency by model">{models.data && <LatencyByModel models={models.data.models} />}</Card>
      <Card title="Most expensive requests" wide>
        {top.data &&
          (top.data.requests.length ? (
            <TopRequests requests={top.data.requests} />
          ) : (
            <p className="muted">No single requests are kept for this range (raw-row retention).</p>
          ))}
      </Card>
    </>
  );
}
