import type { ReactNode } from 'react';

interface CardProps {
  title: string;
  /** A badge or short state shown beside the title. */
  aside?: ReactNode;
  /** Spans the whole row of a card grid. */
  wide?: boolean;
  children: ReactNode;
}

/** A titled panel; its heading names the region for screen readers. */
export function Card({ title, aside, wide = false, children }: CardProps) {
  const id = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={wide ? 'card card--wide' : 'card'} aria-labelledby={id}>
      <header className="card__header">
        <h2 className="card__title" id={id}>
          {title}
        </h2>
        {aside}
      </header>
      <div className="card__body">{children}</div>
    </section>
  );
}
