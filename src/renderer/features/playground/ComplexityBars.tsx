import type { Complexity } from '../../../shared/contract/routing';
import { formatScore } from './format';

/** The complexity score and what made it up, largest share first. */
export function ComplexityBars({ complexity }: { complexity: Complexity }) {
  const features = [...complexity.features].sort((a, b) => b.contribution - a.contribution);
  const largest = Math.max(...features.map((f) => f.contribution), 0.0001);
  return (
    <div className="pg-complexity">
      <p className="pg-complexity__score">
        <span className="pg-complexity__value">{formatScore(complexity.score)}</span>
        <span className="badge badge--neutral">{complexity.tier}</span>
      </p>
      <table className="pg-complexity__table">
        <caption className="visually-hidden">Complexity features</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Share of the score</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {features.map((f) => (
            <tr key={f.name} title={`value ${formatScore(f.value)} × weight ${formatScore(f.weight)}`}>
              <th scope="row" className="pg-complexity__name">
                {f.name}
              </th>
              <td className="pg-complexity__bar-cell">
                <span className="pg-complexity__track" aria-hidden="true">
                  <span
                    className="pg-complexity__bar"
                    style={{ width: `${(f.contribution / largest) * 100}%` }}
                  />
                </span>
                <span className="pg-complexity__share">+{formatScore(f.contribution)}</span>
              </td>
              <td className="pg-complexity__evidence muted">{f.evidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
