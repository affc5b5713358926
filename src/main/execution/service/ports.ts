import type { ModelPrice } from '../../../shared/contract/catalog';
import type { CascadeRules } from '../../../shared/contract/execution';
import type { ParsedRoutingRequest, RoutingDecision } from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import type { ProviderId } from '../../../shared/providers';
import type { RecordOptions, RequestRecord } from '../../ledger/ledgerEntry';
import type { ChainModel } from '../cascade/cascade';
import type { ProviderConnection } from '../types';

/**
 * What the generation service needs from other rooms, as small interfaces: each has a real
 * implementation in its room (or an adapter in ./roomAdapters.ts) and an honest default here.
 */

/**
 * A/B experiments (the learning room): the arm of a request, by its id; null when none runs. An
 * arm sets the request's strategy, or (a rules-version arm) the rules it is decided under.
 */
export interface ArmAssigner {
  assign(
    requestId: string,
  ): { label: string; strategy: ParsedRoutingRequest['strategy'] | null; rules: RoutingRules | null } | null;
}

/** routing.decide; `rules` decides under another rules document than the one in force. */
export interface Router {
  decide(request: ParsedRoutingRequest, rules?: RoutingRules): Promise<RoutingDecision>;
}

/** Where each provider is reached: the keychain and provider settings, or the simulated providers. */
export interface ConnectionSource {
  connection(provider: ProviderId): Promise<ProviderConnection>;
}

/** The catalog's current price of a model; null for a model the catalog does not know. */
export interface PriceBook {
  price(modelKey: string): ModelPrice | null;
}

/** The rules document's `cascade` section as it is now. */
export interface CascadeRulesSource {
  cascade(): CascadeRules | undefined;
}

export interface SpendRequest {
  requestId: string;
  /** The routed model first, then its fallbacks. */
  chain: readonly ChainModel[];
  useCase: string | null;
  estimatedInputTokens: number;
  maxOutputTokens: number;
}

/** Budget held for one request until its ledger row replaces it. */
export interface SpendAdmission {
  reservationId: number | null;
  /** The model the budget admitted: the routed one, or a cheaper one under a downgrade policy. */
  modelKey: string;
  downgraded: boolean;
  /** Whether any budget was checked at all. */
  enforced: boolean;
  note: string | null;
  /** Whether a call to this model stays within what was reserved (a dearer fallback may not). */
  covers(modelKey: string): boolean;
}

/** budget.reserve / budget.release. `admit` throws BUDGET_EXCEEDED to refuse a request. */
export interface SpendGuard {
  admit(request: SpendRequest): Promise<SpendAdmission> | SpendAdmission;
  /** Nothing was recorded against the reservation (cache hit, ledger failure): let it go now. */
  release(admission: SpendAdmission): void;
}

/** ledger.record: one row per request with all its attempts; settles the reservation with it. */
export interface AttemptRecorder {
  /** Resolves with the ledger id of the committed row (nothing where there is no ledger). */
  record(request: RequestRecord, options?: RecordOptions): Promise<{ id: number } | void>;
}

/** A provider refused its key during a request; the keys screen shows it as the provider's status. */
export interface ProviderStatusSink {
  keyRejected(event: { provider: ProviderId; status: number | null; message: string; at: string }): void;
}
