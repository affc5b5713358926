import type { Capability, CatalogModel } from '../../shared/contract/catalog';
import type { ParsedRoutingRequest } from '../../shared/contract/routing';
import type { LiveState } from './liveState';
import type { ModelEstimate } from './modelEstimate';

const usd = (v: number): string => (v >= 0.01 ? `$${v.toFixed(4)}` : `$${v.toPrecision(2)}`);
const int = (v: number): string => Math.round(v).toLocaleString('en-US');

export interface EligibilityInput {
  request: ParsedRoutingRequest;
  required: readonly Capability[];
  live: LiveState;
  /**
   * The strategy compares the request's min quality itself (learned: with the quality it predicts
   * for this prompt), so the catalog's quality score is not a gate here.
   */
  strategyJudgesQuality?: boolean;
}

/**
 * Why a model cannot serve this request, or null when it can. The checks run in the order a person
 * would fix them (is it on? can I call it? can it do this at all? right now? within my limits?),
 * so the reason shown is the most fundamental one.
 */
export function rejectionReason(model: CatalogModel, est: ModelEstimate, i: EligibilityInput): string | null {
  const { request, live } = i;
  const c = request.constraints;
  if (model.disabled) return 'disabled in the catalog';
  if (c.excludedProviders.includes(model.provider)) return `provider ${model.provider} is excluded`;
  const available = live.availability.check(model.provider);
  if (!available.ok) return available.reason;
  // A plain loop first: this runs for each model on each decision; the list is built only to say no.
  for (const cap of i.required) {
    if (!model.capabilities.includes(cap)) {
      return `lacks ${i.required.filter((c) => !model.capabilities.includes(c)).join(', ')}`;
    }
  }
  if (request.maxOutputTokens && request.maxOutputTokens > model.maxOutputTokens) {
    return `max output ${int(model.maxOutputTokens)} tokens < ${int(request.maxOutputTokens)} requested`;
  }
  const needed = est.inputTokens + est.outputTokens;
  if (needed > model.contextWindow) {
    return `context window ${int(model.contextWindow)} < ~${int(est.inputTokens)} input + ${int(est.outputTokens)} output tokens`;
  }
  const circuit = live.circuits.check(model.key);
  if (!circuit.ok) return circuit.reason;
  if (c.minQuality !== undefined && !i.strategyJudgesQuality && model.quality.score < c.minQuality) {
    return `quality ${model.quality.score.toFixed(2)} < min ${c.minQuality}`;
  }
  if (c.maxLatencySeconds !== undefined) {
    const latency = live.latency.observedSeconds(model.key) ?? est.latencySeconds;
    if (latency > c.maxLatencySeconds)
      return `~${latency.toFixed(1)} s > max latency ${c.maxLatencySeconds} s`;
  }
  if (c.maxCostUsd !== undefined && est.costUsd > c.maxCostUsd) {
    return `~${usd(est.costUsd)} > max cost ${usd(c.maxCostUsd)}`;
  }
  const budget = live.budget.check({
    modelKey: model.key,
    provider: model.provider,
    estimatedCostUsd: est.costUsd,
  });
  if (!budget.ok) return budget.reason;
  return null;
}

/** A cost cap a strategy adds on top (a tier's or a budget tier's max cost per request). */
export interface CostCap {
  usd: number;
  label: string;
}

export function capReason(est: ModelEstimate, cap: CostCap | null): string | null {
  if (!cap || est.costUsd <= cap.usd) return null;
  return `~${usd(est.costUsd)} > ${cap.label} ${usd(cap.usd)}`;
}

export const formatUsd = usd;
export const formatInt = int;
