import type { ReactNode } from 'react';

interface CardProps {
  title: string;
  /** A badge or short state shown beside the title. */
  aside?: ReactNode;
  /** Spans the whole row of a card grid. */
  wide?: boolean;
  /** The title's heading level, for cards under a section heading (default 2). */
  level?: 2 | 3;
  children: ReactNode;
}

/** A titled panel; its heading names the region for screen readers. */
export function Card({ title, aside, wide = false, level = 2, children }: CardProps) {
  const id = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <section className={wide ? 'card card--wide' : 'card'} aria-labelledby={id}>
      <header className="card__header">
        <Heading className="card__title" id={id}>
          {title}
        </Heading>
        {aside}
      </header>
      <div className="card__body">{children}</div>
    </section>
  );
}
