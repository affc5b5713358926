import { hrefFor } from '../../app/navigation';
import { InlineCode } from '../../ui/InlineCode';
import { Notice } from '../../ui/Notice';
import { adviceFor } from './errorAdvice';

/** An error with its code, its message and what to do about it, linking where that can be done. */
export function ErrorAdviceNotice({
  title,
  error,
  tone = 'error',
}: {
  title: string;
  error: unknown;
  tone?: 'error' | 'warn';
}) {
  const { code, message, advice, link } = adviceFor(error);
  return (
    <Notice tone={tone} title={title}>
      <p>
        <code className="error-code">{code}</code> <InlineCode text={message} />
      </p>
      <p>
        {advice}
        {link && (
          <>
            {' '}
            <a href={hrefFor(link.screen)}>{link.label}</a>
          </>
        )}
      </p>
    </Notice>
  );
}
