import { CompareTargets } from './CompareTargets';
import { usePlaygroundView, type PlaygroundMode } from './playgroundStore';

const MODES: { mode: PlaygroundMode; label: string }[] = [
  { mode: 'single', label: 'Single answer' },
  { mode: 'compare', label: 'Compare models' },
];

/** Run once on the routed model, or race the same prompt on several targets. */
export function ModeSwitch() {
  const mode = usePlaygroundView((s) => s.mode);
  const setMode = usePlaygroundView((s) => s.setMode);
  return (
    <div className="pg-mode">
      <div className="pg-segmented" role="group" aria-label="Mode">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            className={mode === m.mode ? 'pg-segmented__item pg-segmented__item--on' : 'pg-segmented__item'}
            aria-pressed={mode === m.mode}
            onClick={() => setMode(m.mode)}
          >
            {m.label}
          </button>
        ))}
      </div>
      {mode === 'compare' && <CompareTargets />}
    </div>
  );
}
