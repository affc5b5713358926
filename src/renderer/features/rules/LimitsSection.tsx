import type { RoutingRules } from '../../../shared/contract/rules';
import { Card } from '../../ui/Card';
import { NumberField } from './NumberField';

interface Props {
  draft: RoutingRules;
  edit(change: (d: RoutingRules) => void): void;
}

type Cascade = RoutingRules['cascade'];

const DEFAULT_STRATEGIES: RoutingRules['defaults']['strategy'][] = [
  'auto',
  'context_bands',
  'complexity_tiers',
  'use_case',
  'constraints',
  'load_balanced',
];

/** Sets an optional nested cascade value, dropping empty groups so the document stays minimal. */
function setCascade<G extends 'backoff' | 'breaker'>(
  d: RoutingRules,
  group: G,
  key: keyof NonNullable<Cascade[G]>,
  v: number | undefined,
): void {
  const next = { ...(d.cascade[group] ?? {}), [key]: v } as Record<string, number | undefined>;
  if (v === undefined) delete next[key as string];
  if (Object.keys(next).length === 0) delete d.cascade[group];
  else (d.cascade as Record<string, unknown>)[group] = next;
}

function setTop(
  d: RoutingRules,
  key: 'max_attempts' | 'total_timeout_ms' | 'attempt_timeout_ms' | 'first_token_timeout_ms',
  v: number | undefined,
) {
  if (v === undefined) delete d.cascade[key];
  else d.cascade[key] = v;
}

/** Chunking thresholds and the fallback cascade: attempts, backoff, breaker, timeouts. */
export function LimitsSection({ draft, edit }: Props) {
  const c = draft.cascade;
  return (
    <Card title="Defaults, chunking and cascade" wide>
      <div className="rules-row">
        <label className="rules-field">
          Default strategy
          <select
            value={draft.defaults.strategy}
            onChange={(e) =>
              edit((d) => void (d.defaults.strategy = e.target.value as RoutingRules['defaults']['strategy']))
            }
          >
            {DEFAULT_STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="Use-case confidence needed"
          value={draft.defaults.use_case_min_confidence}
          step={0.05}
          onChange={(v) => edit((d) => void (d.defaults.use_case_min_confidence = v ?? Number.NaN))}
        />
        <NumberField
          label="Max fallbacks"
          value={draft.defaults.max_fallbacks}
          step={1}
          onChange={(v) => edit((d) => void (d.defaults.max_fallbacks = v ?? Number.NaN))}
        />
        <NumberField
          label="Expected answer (tokens)"
          value={draft.defaults.expected_output_tokens}
          step={1}
          onChange={(v) => edit((d) => void (d.defaults.expected_output_tokens = v ?? Number.NaN))}
        />
      </div>
      <h3 className="rules-list__title">Advise chunking above</h3>
      <div className="rules-row">
        <NumberField
          label="Input tokens"
          value={draft.chunking.max_input_tokens}
          step={1}
          onChange={(v) => edit((d) => void (d.chunking.max_input_tokens = v ?? Number.NaN))}
        />
        <NumberField
          label="Input files"
          value={draft.chunking.max_input_files}
          step={1}
          onChange={(v) => edit((d) => void (d.chunking.max_input_files = v ?? Number.NaN))}
        />
        <NumberField
          label="Lines of code"
          value={draft.chunking.max_code_lines}
          step={1}
          onChange={(v) => edit((d) => void (d.chunking.max_code_lines = v ?? Number.NaN))}
        />
      </div>
      <h3 className="rules-list__title">Cascade (empty: the built-in default)</h3>
      <div className="rules-row">
        <NumberField
          label="Max attempts"
          optional
          value={c.max_attempts}
          step={1}
          onChange={(v) => edit((d) => setTop(d, 'max_attempts', v))}
        />
        <NumberField
          label="Backoff base (ms)"
          optional
          value={c.backoff?.base_ms}
          step={1}
          onChange={(v) => edit((d) => setCascade(d, 'backoff', 'base_ms', v))}
        />
        <NumberField
          label="Backoff factor"
          optional
          value={c.backoff?.factor}
          onChange={(v) => edit((d) => setCascade(d, 'backoff', 'factor', v))}
        />
        <NumberField
          label="Backoff cap (ms)"
          optional
          value={c.backoff?.cap_ms}
          step={1}
          onChange={(v) => edit((d) => setCascade(d, 'backoff', 'cap_ms', v))}
        />
      </div>
      <div className="rules-row">
        <NumberField
          label="Breaker threshold (failures)"
          optional
          value={c.breaker?.failure_threshold}
          step={1}
          onChange={(v) => edit((d) => setCascade(d, 'breaker', 'failure_threshold', v))}
        />
        <NumberField
          label="Breaker recovery (ms)"
          optional
          value={c.breaker?.recovery_timeout_ms}
          step={1}
          onChange={(v) => edit((d) => setCascade(d, 'breaker', 'recovery_timeout_ms', v))}
        />
        <NumberField
          label="Request timeout (ms)"
          optional
          value={c.total_timeout_ms}
          step={1}
          onChange={(v) => edit((d) => setTop(d, 'total_timeout_ms', v))}
        />
        <NumberField
          label="Attempt timeout (ms)"
          optional
          value={c.attempt_timeout_ms}
          step={1}
          onChange={(v) => edit((d) => setTop(d, 'attempt_timeout_ms', v))}
        />
        <NumberField
          label="First token timeout (ms)"
          optional
          value={c.first_token_timeout_ms}
          step={1}
          onChange={(v) => edit((d) => setTop(d, 'first_token_timeout_ms', v))}
        />
      </div>
    </Card>
  );
}
