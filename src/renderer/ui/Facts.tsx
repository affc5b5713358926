import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  /** Paths, versions and URLs read better (and copy cleaner) in monospace. */
  mono?: boolean;
}

/** Label/value pairs as a description list. */
export function Facts({ items }: { items: Fact[] }) {
  return (
    <dl className="facts">
      {items.map((f) => (
        <div className="facts__row" key={f.label}>
          <dt>{f.label}</dt>
          <dd className={f.mono ? 'mono' : undefined}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
