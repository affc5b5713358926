import { hrefFor } from '../../app/navigation';
import { Notice } from '../../ui/Notice';
import { useSystemStatus } from '../status/useSystemStatus';
import { useCompose } from './composeStore';
import { useKeysPresent } from './useKeysPresent';

/**
 * Simulation: every provider answered by Switchyard's built-in fake, so routing and runs can be tried
 * with no keys and no spend. Offered up front when no key is stored; always labelled as fake.
 */
export function SimulationToggle() {
  const simulate = useCompose((s) => s.simulate);
  const edit = useCompose((s) => s.edit);
  const serverSimulates = useSystemStatus().data?.simulate === true;
  const keys = useKeysPresent();
  const on = simulate || serverSimulates;

  const toggle = (
    <label className={on ? 'pg-switch pg-switch--on' : 'pg-switch'}>
      <input
        type="checkbox"
        role="switch"
        checked={on}
        disabled={serverSimulates}
        onChange={(e) => edit({ simulate: e.target.checked })}
        aria-describedby="pg-simulate-help"
      />
      <span className="pg-switch__track" aria-hidden="true">
        <span className="pg-switch__thumb" />
      </span>
      <span className="pg-switch__label">Simulated providers</span>
    </label>
  );
  const help = (
    <span id="pg-simulate-help" className="muted small">
      {serverSimulates
        ? 'This server was started with --simulate: every answer is fake and nothing is spent.'
        : on
          ? 'Answers come from a built-in fake, not a real model; costs are would-be, nothing is spent.'
          : 'Off: runs call real providers with your keys and spend money.'}
    </span>
  );

  if (keys === 0 && !on) {
    return (
      <Notice tone="info" title="No provider key is stored yet">
        <p>
          Try the playground with simulated providers: routing works as it will with keys, answers are fake
          and nothing is spent. Or <a href={hrefFor('settings')}>add a key in Settings</a>.
        </p>
        <div className="pg-simulation">
          {toggle}
          {help}
        </div>
      </Notice>
    );
  }
  return (
    <div className={on ? 'pg-simulation pg-simulation--on' : 'pg-simulation'}>
      {toggle}
      {help}
    </div>
  );
}
