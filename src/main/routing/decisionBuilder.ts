import type { RoutingDecision } from '../../shared/contract/routing';
import type { RoutingRules } from '../../shared/contract/rules';
import type { Selection } from './candidateSelection';
import { formatInt, formatUsd } from './eligibility';
import type { Proposal, RoutingFacts } from './strategies';
import type { RankedCandidate } from './strategies/loadBalancing';

type ModelChoice = RoutingDecision['fallbackChain'][number];

export function choiceOf(c: RankedCandidate): ModelChoice {
  return {
    modelKey: c.model.key,
    provider: c.model.provider,
    model: c.model.model,
    estimatedCostUsd: c.estimate.costUsd,
    estimatedLatencySeconds: round(c.estimate.latencySeconds, 2),
    quality: c.model.quality.score,
  };
}

/**
 * The fallback chain: the other eligible candidates in rank order, topped up from the reserve,
 * with the first fallback moved to another provider when one exists (an outage or a missing quota
 * usually takes a whole provider down), and the local fallback tier last when enabled.
 */
export function fallbackChain(
  chosen: RankedCandidate,
  others: RankedCandidate[],
  reserve: RankedCandidate[],
  local: RankedCandidate[],
  max: number,
): RankedCandidate[] {
  const seen = new Set([chosen.model.key]);
  const chain: RankedCandidate[] = [];
  for (const c of [...others, ...reserve]) {
    if (chain.length >= max) break;
    if (!seen.has(c.model.key)) chain.push(c);
    seen.add(c.model.key);
  }
  const firstOther = chain.findIndex((c) => c.model.provider !== chosen.model.provider);
  if (firstOther > 0) chain.unshift(...chain.splice(firstOther, 1));
  const lastResort = local.find((c) => !seen.has(c.model.key));
  if (lastResort && max > 0) chain.push(lastResort);
  return chain;
}

/** The chunking advice: the thresholds (strictly more than each limit), from the rules. */
export function chunkAdvice(facts: RoutingFacts, rules: RoutingRules): string | null {
  const c = rules.chunking;
  if (facts.referenceTokens > c.max_input_tokens) {
    return `~${formatInt(facts.referenceTokens)} input tokens is over the ${formatInt(c.max_input_tokens)}-token chunking threshold`;
  }
  if (facts.request.files > c.max_input_files) {
    return `${facts.request.files} input files is more than ${c.max_input_files}`;
  }
  const lines = facts.output.codeLines;
  if (lines !== null && lines > c.max_code_lines) {
    return `~${lines} lines of code expected, more than ${c.max_code_lines}`;
  }
  return null;
}

export function alternativesOf(
  selection: Selection,
  chosen: RankedCandidate,
  chain: RankedCandidate[],
): RoutingDecision['alternatives'] {
  const inChain = new Set(chain.map((c) => c.model.key));
  const out: RoutingDecision['alternatives'] = [];
  for (const c of selection.ranked) {
    if (c.model.key === chosen.model.key) continue;
    out.push(
      inChain.has(c.model.key)
        ? { modelKey: c.model.key, status: 'fallback', reason: `eligible, ~${formatUsd(c.estimate.costUsd)}` }
        : {
            modelKey: c.model.key,
            status: 'ranked_lower',
            reason: `eligible, ranked below the fallback chain`,
          },
    );
  }
  for (const c of chain) {
    if (!out.some((a) => a.modelKey === c.model.key)) {
      out.push({
        modelKey: c.model.key,
        status: 'fallback',
        reason: `reserve: ~${formatUsd(c.estimate.costUsd)}`,
      });
    }
  }
  for (const r of selection.rejected)
    out.push({ modelKey: r.modelKey, status: 'rejected', reason: r.reason });
  return out;
}

/** Confidence: the strategy's own certainty, lowered when it had to widen or decide on a guess. */
export function confidenceOf(proposal: Proposal, selection: Selection, exactFailed: boolean): number {
  let c = proposal.confidence;
  if (selection.widened) c *= 0.6;
  if (exactFailed) c *= 0.9;
  return round(Math.max(0, Math.min(1, c)), 2);
}

export function summaryReason(c: RankedCandidate): string {
  return (
    `chose ${c.model.key}: ~${formatUsd(c.estimate.costUsd)}, ~${c.estimate.latencySeconds.toFixed(1)} s, ` +
    `quality ${c.model.quality.score.toFixed(2)}`
  );
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
