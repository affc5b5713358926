import { useEffect, useRef, useState, type TextareaHTMLAttributes } from 'react';
import { useCompose } from './composeStore';

type DraftField = 'system' | 'user';

/**
 * A textarea bound to a draft field without being a controlled input. React keeps a controlled
 * textarea's defaultValue in step with its value, which rewrites the element's whole text node on
 * every keystroke: ~65 ms per key for a 400k-character prompt in Chromium. Here typing only hands
 * the browser's string (by reference) to the store; the element's text is set only when the draft
 * changes from elsewhere (reopening a run, continuing a conversation).
 */
export function DraftTextarea({
  field,
  ...props
}: { field: DraftField } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'defaultValue' | 'onChange'
>) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [initial] = useState(() => useCompose.getState()[field]);
  const typed = useRef(initial);
  const edit = useCompose((s) => s.edit);

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
      defaultValue={initial}
      onChange={(e) => {
        typed.current = e.target.value;
        edit({ [field]: typed.current });
      }}
    />
  );
}
