import { lazy, Suspense } from 'react';
import { CopyButton } from './CopyButton';

// The Markdown renderer and its grammars load on the first answer, not with the app.
const MarkdownBody = lazy(() => import('./MarkdownBody'));

/** An answer: Markdown once loaded (plain text until then), with a copy button for the whole of it. */
export function AnswerText({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <div className="pg-answer">
      {!streaming && text !== '' && (
        <div className="pg-answer__tools">
          <CopyButton text={text} label="Copy answer" />
        </div>
      )}
      <Suspense fallback={<div className="pg-answer__plain">{text}</div>}>
        <MarkdownBody text={text} />
      </Suspense>
      {streaming && <span className="pg-answer__cursor" aria-hidden="true" />}
    </div>
  );
}
