/** Said wherever a simulated answer is shown: it was not written by the model it names. */
export function SimulatedNote({ compact = false }: { compact?: boolean }) {
  return (
    <p className={compact ? 'pg-simulated pg-simulated--compact' : 'pg-simulated'} role="note">
      <span className="badge badge--warn">Simulated</span>
      {compact
        ? ' Fake answer; costs are would-be.'
        : ' This answer was written by Switchyard’s built-in fake provider, not by a real model. Costs are what a real call would have cost; nothing was spent.'}
    </p>
  );
}
