import type { Capability, CatalogModel } from '../../shared/contract/catalog';
import type { ParsedRoutingRequest, RoutingDecision, StrategyName } from '../../shared/contract/routing';
import type { RoutingRules } from '../../shared/contract/rules';
import { SwitchyardError } from '../core/errors';
import { selectCandidates, proposalReason, type Selection } from './candidateSelection';
import {
  alternativesOf,
  choiceOf,
  chunkAdvice,
  confidenceOf,
  fallbackChain,
  round,
  summaryReason,
} from './decisionBuilder';
import { rejectionReason } from './eligibility';
import { closeThresholds, countExactly } from './exactCounting';
import type { LiveState } from './liveState';
import { EstimateTable, type ModelEstimate } from './modelEstimate';
import { gatherFacts } from './routingFacts';
import { strategyFor, type Proposal, type RoutingFacts } from './strategies';
import { BalancerState, equivalentPool } from './strategies/loadBalancing';
import { ExactTokenCounter } from './tokens/exactTokenCounter';
import { ScanCache } from './tokens/scanCache';
import { estimateRequestTokens, prepareRequest } from './tokens/requestTokens';

export interface CatalogView {
  list(): readonly CatalogModel[];
  get(key: string): CatalogModel | undefined;
}

/**
 * Decides which model serves a request, and why. Pure apart from the state it owns: the exact-count
 * worker (lazy) and its cache, the scans of recent long texts, the last request's per-model
 * estimates, and the load-balancing counters. Reading the catalog and rules through functions
 * means a saved change applies to the next decision.
 */
export class RoutingEngine {
  readonly counter: ExactTokenCounter;
  private readonly balancer = new BalancerState();
  private readonly scans = new ScanCache();
  private readonly estimates = new EstimateTable();

  constructor(
    private readonly catalog: CatalogView,
    private readonly rules: () => RoutingRules,
    counter?: ExactTokenCounter,
  ) {
    this.counter = counter ?? new ExactTokenCounter();
  }

  /** `draft` decides under rules that are not saved (the rules editor's live preview). */
  async decide(
    request: ParsedRoutingRequest,
    live: LiveState,
    draft?: RoutingRules,
  ): Promise<RoutingDecision> {
    const started = performance.now();
    const rules = draft ?? this.rules();
    const strategyName: StrategyName = request.model
      ? 'pinned'
      : (request.strategy ?? rules.defaults.strategy);
    if (strategyName === 'pinned' && !request.model) {
      throw new SwitchyardError(
        'VALIDATION_FAILED',
        'The pinned strategy needs a model ("<provider>/<model>").',
        {
          issues: [{ path: 'model', message: 'required with strategy "pinned"' }],
        },
      );
    }
    const strategy = strategyFor(strategyName);
    const models = this.catalog.list();
    const prepared = prepareRequest(request);
    let tokens = estimateRequestTokens(prepared, this.scans);
    let facts = gatherFacts(request, prepared, tokens, rules);
    const close = closeThresholds(tokens, facts.output.tokens, strategyName, rules, models);
    let tokenNote = `estimated: no threshold or context window within ${rules.defaults.exact_count_margin * 100}%`;
    let exactFailed = false;
    if (close.reasons.length > 0) {
      const exact = await countExactly(tokens, prepared, this.counter, close.cl100k);
      exactFailed = exact.failure !== null;
      tokens = exact.tokens;
      tokenNote = exactFailed
        ? `estimated: the exact count failed (${exact.failure})`
        : `counted exactly: ${close.reasons.join('; ')}`;
      facts = gatherFacts(request, prepared, tokens, rules);
    }

    const required = requiredCapabilities(request.requires, facts);
    const estimates = this.estimates.for(models, tokens, facts.output.tokens);
    const verdicts = new Map<string, string | null>();
    live = { ...live, budget: live.budget.forDecision?.() ?? live.budget };
    for (const m of models) {
      const est = estimates.get(m.key)!;
      verdicts.set(
        m.key,
        rejectionReason(m, est, {
          request,
          required,
          live,
          strategyJudgesQuality: strategyName === 'learned',
        }),
      );
    }
    const proposal = strategy({ facts, rules, models, estimates, learned: live.learned });
    const selection = selectCandidates({
      proposal,
      models,
      byKey: (k) => this.catalog.get(k),
      estimates,
      verdicts,
      localFallback: rules.local_fallback,
      allowWidening: true,
    });
    if (selection.ranked.length === 0)
      throw noEligibleModel(proposal, selection, models, estimates, verdicts);

    const reasons = [...proposal.reasons];
    if (selection.widened) reasons.push(selection.widened);
    let chosenIndex = 0;
    const mode =
      rules.balancing.mode !== 'none'
        ? rules.balancing.mode
        : strategyName === 'load_balanced'
          ? 'round_robin'
          : null;
    if (mode && strategyName !== 'pinned') {
      const pool = equivalentPool(selection.ranked, rules.balancing);
      const pick = this.balancer.pick(pool, mode, rules.balancing.weights, live.latency);
      chosenIndex = selection.ranked.indexOf(pool[pick.index] ?? selection.ranked[0]!);
      reasons.push(`load balancing (${mode.replace('_', '-')}): ${pick.reason}`);
    }
    const chosen = selection.ranked[chosenIndex]!;
    const others = selection.ranked.filter((_, i) => i !== chosenIndex);
    const local = rules.local_fallback.enabled
      ? rules.local_fallback.models.flatMap((k) => {
          const m = this.catalog.get(k);
          if (!m || verdicts.get(k) !== null) return [];
          if (proposal.turnedDown?.some((t) => t.modelKey === k)) return [];
          return [{ model: m, estimate: estimates.get(k)! }];
        })
      : [];
    const chain = fallbackChain(chosen, others, selection.reserve, local, rules.defaults.max_fallbacks);
    const skipped = new Map<string, string[]>();
    for (const r of selection.rejected) skipped.set(r.reason, [...(skipped.get(r.reason) ?? []), r.modelKey]);
    for (const [reason, keys] of skipped) reasons.push(`skipped ${keys.join(', ')}: ${reason}`);
    reasons.push(summaryReason(chosen));
    const chunkReason = chunkAdvice(facts, rules);

    return {
      modelKey: chosen.model.key,
      provider: chosen.model.provider,
      model: chosen.model.model,
      displayName: chosen.model.displayName,
      strategy: strategyName,
      matched: proposal.matched,
      useCase: {
        value: facts.useCase.value,
        source: facts.useCase.source,
        confidence: facts.useCase.confidence,
      },
      complexity: facts.complexity,
      tokens: {
        input: chosen.estimate.inputTokens,
        output: chosen.estimate.outputTokens,
        method: tokens.method,
        family: chosen.model.family,
        reference: facts.referenceTokens,
        note: `${tokenNote}; output: ${facts.output.basis}`,
      },
      estimate: {
        costUsd: chosen.estimate.costUsd,
        latencySeconds: round(chosen.estimate.latencySeconds, 2),
        quality: chosen.model.quality.score,
      },
      temperature: proposal.temperature,
      maxOutputTokens:
        request.maxOutputTokens ??
        Math.min(chosen.model.maxOutputTokens, Math.max(proposal.maxTokens ?? 4096, facts.output.tokens)),
      confidence: confidenceOf(proposal, selection, exactFailed),
      reasons,
      fallbackChain: chain.map(choiceOf),
      alternatives: alternativesOf(selection, chosen, chain),
      vision: facts.hasImages,
      shouldChunk: chunkReason !== null,
      chunkReason,
      simulated: live.availability.simulated,
      decidedInMs: round(performance.now() - started, 3),
    };
  }

  close(): Promise<void> {
    return this.counter.close();
  }
}

function requiredCapabilities(requires: readonly Capability[], facts: RoutingFacts): Capability[] {
  const set = new Set<Capability>(requires);
  if (facts.hasImages) set.add('vision');
  return [...set];
}

/** NO_ELIGIBLE_MODEL naming every model considered and why it was turned down. */
function noEligibleModel(
  proposal: Proposal,
  selection: Selection,
  models: readonly CatalogModel[],
  estimates: ReadonlyMap<string, ModelEstimate>,
  verdicts: ReadonlyMap<string, string | null>,
): SwitchyardError {
  const rejected =
    proposal.strategy === 'pinned'
      ? selection.rejected.map((r) => ({ model: r.modelKey, reason: r.reason }))
      : models.map((m) => ({
          model: m.key,
          reason:
            verdicts.get(m.key) ??
            proposalReason(m, estimates.get(m.key)!, proposal) ??
            `quality ${m.quality.score.toFixed(2)} < floor ${proposal.qualityFloor ?? 0} for ${proposal.matched}`,
        }));
  const sample = rejected
    .slice(0, 3)
    .map((r) => `${r.model}: ${r.reason}`)
    .join('; ');
  return new SwitchyardError(
    'NO_ELIGIBLE_MODEL',
    `No model can serve this request (${proposal.matched}); ${rejected.length} rejected, e.g. ${sample}. ` +
      'Relax the constraints, add a provider key, or use --simulate.',
    { strategy: proposal.strategy, matched: proposal.matched, rejected },
  );
}
