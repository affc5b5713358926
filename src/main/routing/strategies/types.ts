import type { CatalogModel } from '../../../shared/contract/catalog';
import type {
  Complexity,
  ParsedRoutingRequest,
  StrategyName,
  UseCase,
} from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import type { OutputEstimate } from '../analysis/outputEstimate';
import type { CostCap } from '../eligibility';
import type { LearnedView } from '../liveState';
import type { ModelEstimate } from '../modelEstimate';

/** Everything known about the request before any model is picked. */
export interface RoutingFacts {
  request: ParsedRoutingRequest;
  /** Input tokens in the reference encoding (o200k_base), text only. */
  referenceTokens: number;
  complexity: Complexity;
  useCase: {
    value: UseCase | null;
    source: 'given' | 'detected' | 'none';
    confidence: number;
    cues: string[];
  };
  output: OutputEstimate;
  hasImages: boolean;
}

export interface StrategyInput {
  facts: RoutingFacts;
  rules: RoutingRules;
  models: readonly CatalogModel[];
  estimates: ReadonlyMap<string, ModelEstimate>;
  /** The learning room's predictor, for the "learned" strategy. */
  learned?: LearnedView;
}

/**
 * A strategy's answer: model keys best-first and why. Strategies never filter for availability or
 * constraints; the engine does that the same way for all of them, so they stay pure orderings.
 */
export interface Proposal {
  strategy: StrategyName;
  /** What matched, in words: `balanced band`, `complexity tier "simple"`, `use case "expert"`. */
  matched: string;
  candidates: string[];
  reasons: string[];
  /** A per-request cost cap the strategy adds (tier or budget tier). */
  cap: CostCap | null;
  /** A quality gate the strategy adds (the optimizer's implicit floor). */
  gate?: { minQuality: number; label: string };
  /**
   * Models the strategy itself rules out, with why (learned: predicted quality under the request's
   * min quality). They are never used, not even to widen the choice or as a fallback.
   */
  turnedDown?: { modelKey: string; reason: string }[];
  temperature: number | null;
  maxTokens: number | null;
  /** When no candidate is eligible, the cheapest eligible model at or above this quality is used. */
  qualityFloor: number | null;
  /** How sure the strategy is of its match, 0–1. */
  confidence: number;
}

export type Strategy = (input: StrategyInput) => Proposal;
