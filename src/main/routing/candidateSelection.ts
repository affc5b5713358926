import type { CatalogModel } from '../../shared/contract/catalog';
import { capReason } from './eligibility';
import type { ModelEstimate } from './modelEstimate';
import type { RankedCandidate } from './strategies/loadBalancing';
import type { Proposal } from './strategies';

export interface SelectionInput {
  proposal: Proposal;
  models: readonly CatalogModel[];
  byKey: (key: string) => CatalogModel | undefined;
  estimates: ReadonlyMap<string, ModelEstimate>;
  /** Each model's reason from the global checks (null = passes them). */
  verdicts: ReadonlyMap<string, string | null>;
  localFallback: { enabled: boolean; models: string[] };
  allowWidening: boolean;
}

export interface Selection {
  /** Eligible models in order: the proposal's, else the widened set, else the local fallback. */
  ranked: RankedCandidate[];
  /** Eligible models beyond the proposal, cheapest first: fill the fallback chain. */
  reserve: RankedCandidate[];
  /** The proposal's models that were not eligible, with why. */
  rejected: { modelKey: string; reason: string }[];
  /** Set when the proposal had no eligible model and another set was used. */
  widened: string | null;
}

/** Whether a model stays within the proposal's own limits (the test behind `proposalReason`). */
function withinProposal(model: CatalogModel, est: ModelEstimate, p: Proposal): boolean {
  return (!p.cap || est.costUsd <= p.cap.usd) && (!p.gate || model.quality.score >= p.gate.minQuality);
}

/** Why a model fails the proposal's own limits (tier cost cap, quality gate, the strategy's own no). */
export function proposalReason(model: CatalogModel, est: ModelEstimate, p: Proposal): string | null {
  const turnedDown = p.turnedDown?.find((t) => t.modelKey === model.key);
  if (turnedDown) return turnedDown.reason;
  const cap = capReason(est, p.cap);
  if (cap) return cap;
  if (p.gate && model.quality.score < p.gate.minQuality) {
    return `quality ${model.quality.score.toFixed(2)} < ${p.gate.label} ${p.gate.minQuality}`;
  }
  return null;
}

/**
 * Turns a proposal into eligible candidates. When none of its models is eligible (no key, too
 * small, over the caps), the request is not failed at once: the cheapest eligible model at or
 * above the proposal's quality floor is used, and after that the local fallback tier.
 */
export function selectCandidates(i: SelectionInput): Selection {
  const { proposal, estimates, verdicts } = i;
  const ranked: RankedCandidate[] = [];
  const rejected: Selection['rejected'] = [];
  const seen = new Set<string>();
  for (const t of proposal.turnedDown ?? []) {
    if (seen.has(t.modelKey)) continue;
    seen.add(t.modelKey);
    rejected.push({ modelKey: t.modelKey, reason: verdicts.get(t.modelKey) ?? t.reason });
  }
  for (const key of proposal.candidates) {
    if (seen.has(key)) continue;
    seen.add(key);
    const model = i.byKey(key);
    const estimate = estimates.get(key);
    if (!model || !estimate) {
      rejected.push({ modelKey: key, reason: 'not in the catalog' });
      continue;
    }
    const reason = verdicts.get(key) ?? proposalReason(model, estimate, proposal);
    if (reason) rejected.push({ modelKey: key, reason });
    else ranked.push({ model, estimate });
  }
  if (proposal.strategy === 'pinned' || !i.allowWidening)
    return { ranked, reserve: [], rejected, widened: null };

  const floor = proposal.qualityFloor ?? 0;
  const reserve = i.models
    .filter((m) => !seen.has(m.key) && m.quality.score >= floor && verdicts.get(m.key) === null)
    .map((model) => ({ model, estimate: estimates.get(model.key) as ModelEstimate }))
    .filter((c) => withinProposal(c.model, c.estimate, proposal))
    .sort((a, b) => a.estimate.costUsd - b.estimate.costUsd || b.model.quality.score - a.model.quality.score);
  if (ranked.length > 0) return { ranked, reserve, rejected, widened: null };
  if (reserve.length > 0) {
    return {
      ranked: reserve,
      reserve: [],
      rejected,
      widened: `none of the ${proposal.matched} models is eligible, so the cheapest eligible model with quality ≥ ${floor} was taken`,
    };
  }
  const local = i.localFallback.enabled
    ? i.localFallback.models.flatMap((key) => {
        const model = i.byKey(key);
        return model && verdicts.get(key) === null && !proposal.turnedDown?.some((t) => t.modelKey === key)
          ? [{ model, estimate: estimates.get(key) as ModelEstimate }]
          : [];
      })
    : [];
  return {
    ranked: local,
    reserve: [],
    rejected,
    widened: local.length ? 'no cloud model qualifies, so the local fallback tier was used' : null,
  };
}
