import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ModelHealth } from '../../../shared/contract';
import { Badge, type Tone } from '../../ui/Badge';
import { formatDuration, formatTime } from './format';
import { refreshHealth } from './useHealth';

const LABEL: Record<ModelHealth['circuit']['state'], string> = {
  closed: 'Closed',
  open: 'Open',
  half_open: 'Half-open',
  forced_open: 'Held open',
};
const TONE: Record<ModelHealth['circuit']['state'], Tone> = {
  closed: 'ok',
  open: 'error',
  half_open: 'warn',
  forced_open: 'error',
};

/** Milliseconds until `at`, ticking once a second while there is something to count down to. */
function useCountdown(at: string | null): number | null {
  const target = at === null ? null : Date.parse(at);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (target === null || target <= Date.now()) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [target]);
  return target === null ? null : target - now;
}

/**
 * The circuit's state with what happens next: a live countdown to the probe while open. When the
 * countdown runs out the board asks main once, which then reports the circuit half-open.
 */
export function CircuitState({ health }: { health: ModelHealth }) {
  const { state, probeAt, openedAt } = health.circuit;
  const left = useCountdown(state === 'open' ? probeAt : null);
  const queryClient = useQueryClient();
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (left !== null && left <= 0 && probeAt !== null && asked.current !== probeAt) {
      asked.current = probeAt;
      refreshHealth(queryClient);
    }
  }, [left, probeAt, queryClient]);

  return (
    <div className="circuit" data-testid="circuit-state" data-state={state}>
      <Badge tone={TONE[state]}>{LABEL[state]}</Badge>
      <span className="circuit__next small muted">
        {state === 'open' && left !== null && left > 0 && (
          <span data-testid="probe-countdown">probe in {formatDuration(left)}</span>
        )}
        {state === 'open' && (left === null || left <= 0) && 'probe due'}
        {state === 'half_open' && 'next call is the probe'}
        {state === 'forced_open' && 'until reset'}
        {state !== 'closed' && openedAt !== null && <> · opened {formatTime(openedAt)}</>}
      </span>
      {health.cooldownUntil !== null && (
        <span className="small muted">429 cooldown until {formatTime(health.cooldownUntil)}</span>
      )}
    </div>
  );
}
