import { useId, useState } from 'react';

interface NumberFieldProps {
  label: string;
  value: number | undefined;
  /** Called with the parsed number, NaN for text that is not one, or undefined when emptied (optional fields). */
  onChange(value: number | undefined): void;
  optional?: boolean;
  step?: number;
  /** A hint under the field, e.g. the default that applies when it is empty. */
  hint?: string;
  invalid?: boolean;
  /** Shown when an optional field is empty (default: "default"). */
  placeholder?: string;
}

/** A number input that keeps what is typed (so "0." survives) and reports every change. */
export function NumberField({
  label,
  value,
  onChange,
  optional = false,
  step,
  hint,
  invalid,
  placeholder = 'default',
}: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  // A change from outside (drag, revert, import) replaces the text; one we reported keeps it as typed.
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (value === undefined) setText('');
    else if (!Number.isNaN(value) && Number(text) !== value) setText(String(value));
  }
  return (
    <div className="rules-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        step={step ?? 'any'}
        value={text}
        aria-invalid={invalid || undefined}
        placeholder={optional ? placeholder : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const raw = e.target.value.trim();
          onChange(raw === '' ? (optional ? undefined : Number.NaN) : Number(raw));
        }}
      />
      {hint && <span className="small muted">{hint}</span>}
    </div>
  );
}
