export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * What one caller of a shared flight gets. Exactly one caller still attached when the flight ends
 * is its `payer` (the earliest to join): it records the upstream call and its cost; the others
 * were answered for free. A caller that cancels while others still wait is simply let go (`left`).
 */
export type FlightOutcome<T> = { left: true } | { left: false; settled: Settled<T>; payer: boolean };

interface Member {
  onDelta?: (text: string) => void;
  finish: (o: FlightOutcome<never> | { left: false; settled: Settled<unknown>; payer: boolean }) => void;
}

interface Flight {
  key: string;
  controller: AbortController;
  deltas: string[];
  members: Set<Member>;
}

export type FlightStart<T> = (signal: AbortSignal, emit: (text: string) => void) => Promise<T>;

/**
 * Identical requests in flight at the same time share one upstream call. Late joiners get the text
 * streamed so far, then the rest live. The upstream call is cancelled only when every caller has
 * cancelled; the last one to leave gets the cancelled outcome (and pays for what was used).
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight>();
  /** Callers answered by a flight another caller started. */
  joined = 0;

  get inFlight(): number {
    return this.flights.size;
  }

  run(
    key: string,
    opts: { signal?: AbortSignal; onDelta?: (text: string) => void },
    start: FlightStart<T>,
  ): Promise<FlightOutcome<T>> {
    return new Promise<FlightOutcome<T>>((resolve) => {
      const member: Member = { onDelta: opts.onDelta, finish: resolve as Member['finish'] };
      let flight = this.flights.get(key);
      if (flight) {
        this.joined += 1;
        for (const d of flight.deltas) member.onDelta?.(d);
        flight.members.add(member);
      } else {
        flight = this.launch(key, start);
        flight.members.add(member);
      }
      this.watchCancel(flight, member, opts.signal);
    });
  }

  private launch(key: string, start: FlightStart<T>): Flight {
    const flight: Flight = { key, controller: new AbortController(), deltas: [], members: new Set() };
    this.flights.set(key, flight);
    const emit = (text: string): void => {
      flight.deltas.push(text);
      for (const m of flight.members) m.onDelta?.(text);
    };
    // Started on the next microtask so the first member is attached before any delta is emitted.
    void Promise.resolve()
      .then(() => start(flight.controller.signal, emit))
      .then(
        (value) => this.land(key, flight, { ok: true, value }),
        (error: unknown) => this.land(key, flight, { ok: false, error }),
      );
    return flight;
  }

  private land(key: string, flight: Flight, settled: Settled<T>): void {
    if (this.flights.get(key) === flight) this.flights.delete(key);
    let payer = true;
    for (const m of flight.members) {
      m.finish({ left: false, settled, payer });
      payer = false;
    }
    flight.members.clear();
  }

  private watchCancel(flight: Flight, member: Member, signal: AbortSignal | undefined): void {
    if (!signal) return;
    const leave = (): void => {
      if (!flight.members.has(member)) return;
      if (flight.members.size > 1) {
        flight.members.delete(member);
        member.finish({ left: true });
      } else {
        // The last caller: stop the upstream call and wait for its (cancelled) outcome. Newcomers
        // must not join a flight that is being torn down.
        if (this.flights.get(flight.key) === flight) this.flights.delete(flight.key);
        flight.controller.abort();
      }
    };
    if (signal.aborted) leave();
    else signal.addEventListener('abort', leave, { once: true });
  }
}
