import type { ReactNode } from 'react';

interface NoticeProps {
  tone: 'warn' | 'error' | 'info';
  title: string;
  children?: ReactNode;
  /** Errors and warnings that appear after load are announced; static notes are not. */
  live?: boolean;
}

/** A banner for something the user should know or act on. */
export function Notice({ tone, title, children, live = tone !== 'info' }: NoticeProps) {
  const icon = tone === 'info' ? 'i' : '!';
  return (
    <div
      className={`notice notice--${tone}`}
      role={live ? (tone === 'error' ? 'alert' : 'status') : undefined}
    >
      <span className="notice__icon" aria-hidden="true">
        {icon}
      </span>
      <div className="notice__content">
        <p className="notice__title">{title}</p>
        {children}
      </div>
    </div>
  );
}
