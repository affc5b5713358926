import { ActionBar } from './ActionBar';
import { ComposePanel } from './ComposePanel';
import { HistoryPanel } from './HistoryPanel';
import { CompareView } from './CompareView';
import { ModeSwitch } from './ModeSwitch';
import { usePlaygroundView } from './playgroundStore';
import { RouteOptions } from './RouteOptions';
import { RoutePreview } from './RoutePreview';
import { RunOutput } from './RunOutput';
import { SimulationToggle } from './SimulationToggle';
import { useExecutionEvents } from './useExecution';
import { PlaygroundTabs } from './tasks/PlaygroundTabs';
import './playground.css';

/** The single answer: under the prompt, beside the route preview. */
function SingleOutput() {
  const mode = usePlaygroundView((s) => s.mode);
  const single = usePlaygroundView((s) => s.singleRunId);
  return mode === 'single' && single ? <RunOutput requestId={single} /> : null;
}

/** The comparison: its columns need the whole width, so it comes after the prompt and preview. */
function CompareOutput() {
  const mode = usePlaygroundView((s) => s.mode);
  const comparison = usePlaygroundView((s) => s.comparison);
  return mode === 'compare' && comparison ? <CompareView comparison={comparison} /> : null;
}

/** Paste a prompt, see where it would go and why, run it or race it on several models. */
export function PlaygroundScreen() {
  useExecutionEvents();
  return (
    <div className="pg-playground">
      <div className="screen__toolbar">
        <p className="screen__lead">
          Paste a prompt to see which model the router picks and why, then run it, or compare several models
          side by side and vote for the best answer.
        </p>
      </div>
      <SimulationToggle />
      <PlaygroundTabs>
        <div className="pg-playground__grid">
          <section className="card pg-playground__compose" aria-label="Prompt and options">
            <div className="card__body pg-compose__body">
              <ComposePanel />
              <RouteOptions />
              <ModeSwitch />
              <ActionBar />
            </div>
          </section>
          <RoutePreview />
          <SingleOutput />
        </div>
        <CompareOutput />
        <HistoryPanel />
      </PlaygroundTabs>
    </div>
  );
}
