import { useState } from 'react';
import type { UseCase } from '../../../shared/contract';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { USE_CASE_LABEL, USE_CASES } from '../../ui/useCaseLabels';
import { useLeaderboard } from './useLearning';

/**
 * Models ranked by their Bradley–Terry rating from the playground's compare votes, overall or for
 * one use case; the adjustment is what the learned strategy adds to each model's quality.
 */
export function LeaderboardCard() {
  const [useCase, setUseCase] = useState<UseCase | null>(null);
  const board = useLeaderboard(useCase);
  const entries = board.data?.entries ?? [];
  return (
    <Card
      title="Vote leaderboard"
      wide
      aside={
        <label className="learning-inline-field">
          <span className="small muted">Use case</span>
          <select
            aria-label="Leaderboard use case"
            value={useCase ?? ''}
            onChange={(e) => setUseCase(e.target.value === '' ? null : (e.target.value as UseCase))}
          >
            <option value="">All use cases</option>
            {USE_CASES.map((u) => (
              <option key={u} value={u}>
                {USE_CASE_LABEL[u]}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {board.isError && <ErrorNotice title="The leaderboard could not be read" error={board.error} />}
      {board.data && entries.length === 0 && (
        <p className="muted" data-testid="leaderboard-empty">
          No votes {useCase ? `for ${USE_CASE_LABEL[useCase].toLowerCase()} ` : ''}yet. Compare models in the
          Playground&apos;s Compare mode and vote for the better answer: each vote moves these ratings, and
          the learned strategy&apos;s quality estimates with them.
        </p>
      )}
      {entries.length > 0 && (
        <div className="table-scroll">
          <table className="learning-table" data-testid="leaderboard">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Model</th>
                <th scope="col" className="num" title="Bradley–Terry rating with its 95 % margin">
                  Rating (± 95 %)
                </th>
                <th scope="col" className="num">
                  Wins / ties / losses
                </th>
                <th scope="col" className="num">
                  Comparisons
                </th>
                <th scope="col" className="num" title="Added to the model's quality by the learned strategy">
                  Quality adjustment
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={e.modelKey} data-testid="leaderboard-row">
                  <td>{i + 1}</td>
                  <th scope="row" className="mono">
                    {e.modelKey}
                  </th>
                  <td className="num" data-testid="leaderboard-rating">
                    {Math.round(e.rating)} <span className="small muted">± {e.ratingMargin}</span>
                  </td>
                  <td className="num">
                    {fmt(e.wins)} / {fmt(e.ties)} / {fmt(e.losses)}
                  </td>
                  <td className="num">{fmt(e.comparisons)}</td>
                  <td className="num">
                    {e.qualityAdjustment >= 0 ? '+' : '−'}
                    {Math.abs(e.qualityAdjustment).toFixed(3)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted">
            Bradley–Terry ratings: a winner beats every other answered candidate, a tie is half a win each
            way. With few comparisons a rating moves a lot: two models whose intervals overlap are not yet
            told apart.
          </p>
        </div>
      )}
    </Card>
  );
}

/** Ties count half, so wins and losses can be fractional. */
const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
