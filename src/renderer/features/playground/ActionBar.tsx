import { useEffect } from 'react';
import { useApi } from '../../transport/TransportProvider';
import { useCompose } from './composeStore';
import { MIN_TARGETS, usePlaygroundView } from './playgroundStore';
import { runComparison, runSingle } from './runActions';
import { useRuns } from './runStore';
import { useCancelRun } from './useExecution';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const RUN_SHORTCUT = isMac ? '⌘+Enter' : 'Ctrl+Enter';

/** The ids of the runs the current mode has in flight. */
function useRunningIds(): string[] {
  const mode = usePlaygroundView((s) => s.mode);
  const single = usePlaygroundView((s) => s.singleRunId);
  const comparison = usePlaygroundView((s) => s.comparison);
  const ids = mode === 'single' ? (single ? [single] : []) : (comparison?.requestIds ?? []);
  // A string, so the selector's answer compares equal while nothing changes.
  const joined = useRuns((s) => ids.filter((id) => s.runs[id]?.status === 'running').join(' '));
  return joined === '' ? [] : joined.split(' ');
}

/** Run (or Compare) and Cancel; Ctrl/Cmd+Enter anywhere on the screen runs too. */
export function ActionBar() {
  const api = useApi();
  const cancel = useCancelRun();
  const canRun = useCompose((s) => s.images.length > 0 || s.user.trim() !== '');
  const mode = usePlaygroundView((s) => s.mode);
  const targets = usePlaygroundView((s) => s.targets.length);
  const running = useRunningIds();
  const busy = running.length > 0;
  const enough = mode === 'single' || targets >= MIN_TARGETS;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.repeat) return;
      e.preventDefault();
      if (busy) return;
      if (usePlaygroundView.getState().mode === 'single') runSingle(api);
      else runComparison(api);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, busy]);

  return (
    <div className="pg-action-bar">
      <button
        type="button"
        className="button button--primary"
        disabled={!canRun || busy || !enough}
        onClick={() => (mode === 'single' ? runSingle(api) : runComparison(api))}
        aria-keyshortcuts="Control+Enter Meta+Enter"
      >
        {mode === 'single' ? 'Run' : `Compare ${targets}`}
      </button>
      {busy && (
        <button
          type="button"
          className="button button--stop"
          onClick={() => running.forEach((id) => void cancel(id))}
        >
          Cancel
        </button>
      )}
      <span className="muted small">
        {!enough ? `Pick at least ${MIN_TARGETS} targets to compare.` : `${RUN_SHORTCUT} runs the prompt`}
      </span>
    </div>
  );
}
