import type { ModelPrice } from '../../shared/contract/catalog';
import { SwitchyardError, isSwitchyardError } from '../core/errors';
import { formatUsd } from '../ledger/money';
import { maxCallCostNanos, type BudgetGate, type BudgetReservation } from './budgetGate';

/** A model the call may go to, in the router's order of preference. */
export interface AdmissionCandidate {
  provider: string;
  model: string;
  price: ModelPrice;
}

export interface AdmissionRequest {
  /** The routing decision's choice first, then its eligible alternatives. */
  candidates: readonly AdmissionCandidate[];
  useCase?: string | null;
  estimatedInputTokens: number;
  maxOutputTokens: number;
  ttlMs?: number;
}

export interface Admission {
  reservation: BudgetReservation;
  candidate: AdmissionCandidate;
  /** True when a hard budget's downgrade policy moved the call off the first choice. */
  downgraded: boolean;
}

/**
 * Reserve for the preferred model; when a hard budget with the downgrade policy refuses it, try
 * the other candidates from the cheapest up, so the call lands on the cheapest eligible model
 * that fits what is left. A budget with the block policy refuses outright (BUDGET_EXCEEDED).
 * Each attempt is its own reservation transaction, so the result holds under concurrency.
 */
export function admit(gate: BudgetGate, req: AdmissionRequest): Admission {
  const [first, ...rest] = req.candidates;
  if (!first) throw new SwitchyardError('NO_ELIGIBLE_MODEL', 'No model was offered for this call.');
  let refusal: SwitchyardError;
  try {
    return { reservation: reserveFor(gate, req, first), candidate: first, downgraded: false };
  } catch (e) {
    if (!isSwitchyardError(e) || e.code !== 'BUDGET_EXCEEDED' || e.details?.['policy'] !== 'downgrade')
      throw e;
    refusal = e;
  }
  const costOf = (c: AdmissionCandidate): number => maxCallCostNanos({ ...req, price: c.price });
  const firstCost = costOf(first);
  const cheaper = rest.filter((c) => costOf(c) < firstCost).sort((a, b) => costOf(a) - costOf(b));
  for (const candidate of cheaper) {
    try {
      return { reservation: reserveFor(gate, req, candidate), candidate, downgraded: true };
    } catch (e) {
      if (!isSwitchyardError(e) || e.code !== 'BUDGET_EXCEEDED') throw e;
      // Go on: a dearer candidate may still fit when the refusing budget is scoped to another model.
    }
  }
  const cheapest = cheaper[0];
  throw new SwitchyardError(
    'BUDGET_EXCEEDED',
    `${refusal.message} No cheaper eligible model fits what is left${cheapest ? ` (the cheapest, ${cheapest.provider}/${cheapest.model}, may cost up to ${formatUsd(costOf(cheapest))})` : ''}.`,
    { ...refusal.details, downgradeTried: cheaper.map((c) => `${c.provider}/${c.model}`) },
  );
}

/** A module-level helper, not a closure made on every admission (see `toRequestRecord`). */
function reserveFor(gate: BudgetGate, req: AdmissionRequest, c: AdmissionCandidate): BudgetReservation {
  return gate.reserve({ ...req, provider: c.provider, model: c.model, price: c.price });
}
