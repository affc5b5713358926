import type { ReactNode } from 'react';
import { isContractRequestError } from '../transport';
import { Notice } from './Notice';

/** Shows a contract error as the user can act on it: its stable code and its message. */
export function ErrorNotice({
  title,
  error,
  children,
}: {
  title: string;
  error: unknown;
  children?: ReactNode;
}) {
  const code = isContractRequestError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Notice tone="error" title={title}>
      <p>
        <code className="error-code">{code}</code> {message}
      </p>
      {children}
    </Notice>
  );
}
