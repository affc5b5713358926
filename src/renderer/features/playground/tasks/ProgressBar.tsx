/** A labelled progress bar: `value` of `max` (an indeterminate bar while `value` is null). */
export function ProgressBar({
  label,
  value,
  max,
  text,
}: {
  label: string;
  value: number | null;
  max: number;
  text?: string;
}) {
  const pct = value === null || max === 0 ? null : Math.round((value / max) * 100);
  return (
    <div className="tk-progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value ?? undefined}
        aria-valuetext={text}
        className={pct === null ? 'tk-progress__track tk-progress__track--busy' : 'tk-progress__track'}
      >
        <span className="tk-progress__fill" style={{ width: `${pct ?? 35}%` }} />
      </div>
      {text && <span className="tk-progress__text small">{text}</span>}
    </div>
  );
}
