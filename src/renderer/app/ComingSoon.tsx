import type { ScreenInfo } from './screens';

/** A screen that is not built yet says so, and what it will do; it never pretends to work. */
export function ComingSoon({ info }: { info: ScreenInfo }) {
  return (
    <div className="coming-soon">
      <p className="coming-soon__lead">
        <span className="badge badge--info">Coming soon</span> This screen is not built yet. Nothing on it
        works today.
      </p>
      <h2 className="coming-soon__heading">What it will do</h2>
      <ul className="coming-soon__plan">
        {info.plan?.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
