/** What other rooms use of the budget room. */
export { BudgetService, type BudgetServiceOptions, type ParsedBudgetInput } from './budgetService';
export type { BudgetPolicyView, BudgetHeadroom, BudgetTarget } from './budgetPolicyView';
export type { BudgetReservation, ReservationRequest } from './budgetGate';
export { maxCallCostNanos, DEFAULT_RESERVATION_TTL_MS } from './budgetGate';
export type { Admission, AdmissionCandidate, AdmissionRequest } from './budgetAdmission';
