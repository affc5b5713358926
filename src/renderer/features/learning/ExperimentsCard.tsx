import { useState } from 'react';
import type { Experiment, ExperimentArmReport, RulesVersion } from '../../../shared/contract';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ExperimentForm } from './ExperimentForm';
import {
  ARM_STRATEGY_LABEL,
  formatDateTime,
  formatMs,
  formatShortDateTime,
  formatPercent,
  formatRateCi,
  formatUsd,
  type ArmStrategy,
} from './format';
import { useEndExperiment, useExperimentReport, useExperiments, useRulesVersions } from './useLearning';

const STATUS_TONE = { running: 'info', stopped: 'neutral', promoted: 'ok' } as const;

/** A/B experiments: start one, follow its arms live, stop it or promote an arm. */
export function ExperimentsCard() {
  const experiments = useExperiments();
  const [picked, setPicked] = useState<string | null>(null);
  const list = experiments.data ?? [];
  const running = list.find((e) => e.status === 'running') ?? null;
  const shown = list.find((e) => e.name === picked) ?? running ?? list[0] ?? null;
  return (
    <Card title="A/B experiments" wide aside={running && <Badge tone="info">running: {running.name}</Badge>}>
      {experiments.isError && <ErrorNotice title="Experiments could not be read" error={experiments.error} />}
      {experiments.data && !running && (
        <details className="experiment-new" open={list.length === 0}>
          <summary>Start an experiment</summary>
          <ExperimentForm onStarted={setPicked} />
        </details>
      )}
      {list.length > 1 && (
        <label className="learning-inline-field">
          <span className="small muted">Experiment</span>
          <select
            aria-label="Experiment"
            value={shown?.name ?? ''}
            onChange={(e) => setPicked(e.target.value)}
          >
            {list.map((e) => (
              <option key={e.id} value={e.name}>
                {e.name} ({e.status})
              </option>
            ))}
          </select>
        </label>
      )}
      {shown && <ExperimentReportView experiment={shown} />}
    </Card>
  );
}

function ExperimentReportView({ experiment }: { experiment: Experiment }) {
  const report = useExperimentReport(experiment.name);
  const versions = useRulesVersions();
  const end = useEndExperiment();
  const running = experiment.status === 'running';
  const arms = report.data?.arms ?? [];
  return (
    <section className="experiment-report" aria-label={`Experiment ${experiment.name}`}>
      <header className="experiment-report__header">
        <h3>
          {experiment.name} <Badge tone={STATUS_TONE[experiment.status]}>{experiment.status}</Badge>
        </h3>
        <span className="small muted">
          started {formatDateTime(experiment.createdAt)}
          {experiment.endedAt && `, ended ${formatDateTime(experiment.endedAt)}`}
          {experiment.promotedArm && `, promoted ${experiment.promotedArm}`}
        </span>
        {running && (
          <button
            type="button"
            className="button button--small"
            disabled={end.isPending}
            onClick={() => end.mutate({ name: experiment.name, promote: null })}
          >
            Stop
          </button>
        )}
      </header>
      {report.isError && <ErrorNotice title="The report could not be read" error={report.error} />}
      {end.isError && <ErrorNotice title="The experiment was not ended" error={end.error} />}
      <div className="table-scroll">
        <table className="learning-table" data-testid="experiment-report">
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col">Tests</th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col" className="num">
                Requests
              </th>
              <th scope="col" className="num">
                Spend
              </th>
              <th scope="col" className="num">
                Mean latency (95 % CI)
              </th>
              <th scope="col" className="num">
                Fallback rate (95 % CI)
              </th>
              <th scope="col" className="num">
                Success
              </th>
              <th scope="col" className="num">
                Vote win rate (95 % CI)
              </th>
              {running && (
                <th scope="col">
                  <span className="visually-hidden">Promote</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {arms.map((a) => (
              <ArmReportRow
                key={a.arm}
                arm={a}
                versions={versions.data ?? []}
                promote={
                  running
                    ? {
                        pending: end.isPending,
                        run: () => end.mutate({ name: experiment.name, promote: a.arm }),
                      }
                    : null
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      {running && (
        <p className="small muted">
          Promoting an arm ends the experiment and puts the arm in force: its strategy becomes the rules&apos;
          default strategy, or its rules version (as it was when the experiment started) becomes the rules. A
          &ldquo;learned&rdquo; arm cannot be the default: promoting it only ends the experiment.
        </p>
      )}
    </section>
  );
}

function ArmReportRow({
  arm: a,
  versions,
  promote,
}: {
  arm: ExperimentArmReport;
  versions: RulesVersion[];
  promote: { pending: boolean; run(): void } | null;
}) {
  const version = a.rulesVersion ? versions.find((v) => v.id === a.rulesVersion) : undefined;
  return (
    <tr data-testid="arm-row" data-arm={a.arm}>
      <th scope="row">{a.arm}</th>
      <td>
        {a.rulesVersion ? (
          <span title={version?.summary ?? 'no longer in the saved history; the experiment kept a copy'}>
            rules saved {formatShortDateTime(rulesVersionDate(a.rulesVersion))}
          </span>
        ) : (
          (ARM_STRATEGY_LABEL[a.strategy as ArmStrategy] ?? a.strategy)
        )}
      </td>
      <td className="num">{formatPercent(a.share)}</td>
      <td className="num" data-testid="arm-requests">
        {a.requests}
      </td>
      <td className="num">{formatUsd(a.spendUsd)}</td>
      <td className="num">
        {formatMs(a.meanLatencyMs)}
        {a.latencyMsCi && (
          <span className="learning-ci small muted">
            {formatMs(a.latencyMsCi[0])}–{formatMs(a.latencyMsCi[1])}
          </span>
        )}
      </td>
      <td className="num">
        {formatPercent(a.fallbackRate)}
        <span className="learning-ci small muted">{formatRateCi(a.fallbackRateCi)}</span>
      </td>
      <td className="num">{formatPercent(a.successRate)}</td>
      <td className="num" data-testid="arm-votes">
        {a.votes === 0 ? (
          <span className="muted">no votes</span>
        ) : (
          <>
            {formatPercent(a.voteWinRate)}
            <span className="learning-ci small muted">
              {formatRateCi(a.voteWinRateCi)} of {a.votes}
            </span>
          </>
        )}
      </td>
      {promote && (
        <td>
          <button
            type="button"
            className="button button--small"
            disabled={promote.pending}
            aria-label={`Promote ${a.arm}`}
            onClick={promote.run}
          >
            Promote
          </button>
        </td>
      )}
    </tr>
  );
}

/** A rules version id starts with the epoch milliseconds it was saved at. */
const rulesVersionDate = (id: string): string => new Date(Number(id.split('-')[0])).toISOString();
