import { useEffect, useLayoutEffect, useRef, type RefObject, type TextareaHTMLAttributes } from 'react';
import { useCompose } from './composeStore';

type DraftField = 'system' | 'user';

/**
 * Keeps React's `selectionchange` listener (on the document, for its `onSelect` polyfill, which
 * nothing here uses) from running while this textarea has focus. Traced per keystroke into a
 * 450k-character prompt (thread time, Chromium 156): the `selectionchange` task took 3.7–4.3 ms
 * with React's listener reached and 0.1 ms with it stopped here; a bare textarea takes 0.3 ms.
 * Stopped in the capture phase at the document, so only listeners on the document and window miss
 * the event, and only while a prompt field has focus.
 */
function useSelectionChangeShield(ref: RefObject<HTMLTextAreaElement | null>) {
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const shield = (event: Event) => {
      if (node.ownerDocument.activeElement === node) event.stopImmediatePropagation();
    };
    const doc = node.ownerDocument;
    doc.addEventListener('selectionchange', shield, true);
    return () => doc.removeEventListener('selectionchange', shield, true);
  }, [ref]);
}

/**
 * A textarea bound to a draft field without being a controlled input. React keeps a controlled
 * textarea's defaultValue in step with its value, which rewrites the element's whole text node on
 * every keystroke: ~65 ms per key for a 400k-character prompt in Chromium. Here typing only hands
 * the browser's string (by reference) to the store; the element's text is set only when the draft
 * changes from elsewhere (reopening a run, continuing a conversation).
 *
 * The text is not passed as `defaultValue` either: after every `input` event React re-applies a
 * textarea's `defaultValue` prop to the element, so a field mounted with a long draft (coming back
 * to the screen) rebuilt a 450k-character text node per key: 117 ms of main-thread time per key,
 * 53 ms without (traced). The draft is put in `value` once, before the first paint.
 */
export function DraftTextarea({
  field,
  ...props
}: { field: DraftField } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'defaultValue' | 'onChange'
>) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const typed = useRef('');
  const edit = useCompose((s) => s.edit);
  useSelectionChangeShield(ref);

  useLayoutEffect(() => {
    const node = ref.current;
    const initial = useCompose.getState()[field];
    typed.current = initial;
    if (node && node.value !== initial) node.value = initial;
  }, [field]);

  useEffect(
    () =>
      useCompose.subscribe((state) => {
        const node = ref.current;
        const value = state[field];
        // Identity, not content: the string typed here is the same object the store holds.
        if (!node || value === typed.current) return;
        typed.current = value;
        node.value = value;
      }),
    [field],
  );

  return (
    <textarea
      {...props}
      ref={ref}
      onChange={(e) => {
        typed.current = e.target.value;
        edit({ [field]: typed.current });
      }}
    />
  );
}
