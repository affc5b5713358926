import type { RouteOutput } from '../../../shared/contract';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LatencyByModel } from './LatencyByModel';
import { SavingsChart } from './SavingsChart';
import { SpendBreakdown } from './SpendBreakdown';
import { TopRequests } from './TopRequests';
import { useCostsRange, useModelTotals, useSpend, useTopRequests } from './useCostReports';

/**
 * The cards below the spend chart, in a chunk of their own with recharts: the dashboard mounts them
 * (and so fetches the chunk and asks for their four reports) once the spend chart has painted.
 */
export default function CostDetails({ timeline }: { timeline: RouteOutput<'reports.timeline'> }) {
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
      <Card title="Latency by model" wide>
        {models.data && <LatencyByModel models={models.data.models} />}
      </Card>
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
