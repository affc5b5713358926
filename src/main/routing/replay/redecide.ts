import type { Capability, CatalogModel } from '../../../shared/contract/catalog';
import {
  RoutingRequestSchema,
  type ParsedRoutingRequest,
  type UseCase,
} from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import { complexityTierOf } from '../analysis/complexity';
import { proposalReason, selectCandidates } from '../candidateSelection';
import { rejectionReason } from '../eligibility';
import { openLiveState } from '../liveState';
import { estimateForModel, type ModelEstimate } from '../modelEstimate';
import { strategyFor, type RoutingFacts } from '../strategies';
import type { RequestTokens } from '../tokens/requestTokens';

/** What the ledger kept of one request's routing inputs (`ledger_features` + its use case). */
export interface StoredFeatures {
  inputTokens: number;
  outputTokens: number;
  complexity: number;
  useCase: UseCase | null;
  useCaseConfidence: number;
  vision: boolean;
}

const REPLAY_REQUEST: ParsedRoutingRequest = RoutingRequestSchema.parse({ prompt: '' });
const LIVE = openLiveState();

/**
 * Re-decides one past request under `rules` from its stored features, with the same strategies,
 * eligibility and widening as a live decision, but with every provider available and no circuit
 * or budget state: the question is what the rules pick, not what was reachable that day. No text
 * is analysed and nothing touches the network. Returns the model key, or null when nothing fits.
 */
export class Redecider {
  private readonly byKey: Map<string, CatalogModel>;

  constructor(
    private readonly rules: RoutingRules,
    private readonly models: readonly CatalogModel[],
  ) {
    this.byKey = new Map(models.map((m) => [m.key, m]));
  }

  decide(f: StoredFeatures): string | null {
    const given = f.useCaseConfidence >= 1;
    const request: ParsedRoutingRequest =
      given && f.useCase ? { ...REPLAY_REQUEST, useCase: f.useCase } : REPLAY_REQUEST;
    const facts: RoutingFacts = {
      request,
      referenceTokens: f.inputTokens,
      complexity: { score: f.complexity, tier: complexityTierOf(f.complexity, this.rules), features: [] },
      useCase: {
        value: f.useCase,
        source: f.useCase ? (given ? 'given' : 'detected') : 'none',
        confidence: f.useCaseConfidence,
        cues: [],
      },
      output: { tokens: f.outputTokens, codeLines: null, basis: 'as routed' },
      hasImages: f.vision,
    };
    const tokens: RequestTokens = {
      reference: f.inputTokens,
      cl100k: null,
      method: 'estimate',
      messageCount: 1,
      images: f.vision ? [{ detail: 'auto' }] : [],
      scans: [],
    };
    const required: Capability[] = f.vision ? ['vision'] : [];
    const estimates = new Map<string, ModelEstimate>();
    const verdicts = new Map<string, string | null>();
    const judge = (m: CatalogModel): string | null => {
      let est = estimates.get(m.key);
      if (!est) estimates.set(m.key, (est = estimateForModel(m, tokens, f.outputTokens)));
      let verdict = verdicts.get(m.key);
      if (verdict === undefined)
        verdicts.set(m.key, (verdict = rejectionReason(m, est, { request, required, live: LIVE })));
      return verdict;
    };
    // Strategies read estimates only for the optimizer's ranking; the rest never look.
    if (this.rules.defaults.strategy === 'constraints') for (const m of this.models) judge(m);
    const proposal = strategyFor(this.rules.defaults.strategy)({
      facts,
      rules: this.rules,
      models: this.models,
      estimates,
    });
    // The usual answer: the first of the proposal's models that passes, as selectCandidates ranks
    // them, judged without estimating the whole catalog.
    for (const key of proposal.candidates) {
      const model = this.byKey.get(key);
      if (model && judge(model) === null && proposalReason(model, estimates.get(key)!, proposal) === null)
        return key;
    }
    for (const m of this.models) judge(m);
    const selection = selectCandidates({
      proposal,
      models: this.models,
      byKey: (k) => this.byKey.get(k),
      estimates,
      verdicts,
      localFallback: this.rules.local_fallback,
      allowWidening: true,
    });
    // None of them passes: widening or the local fallback, exactly as a live decision.
    return selection.ranked[0]?.model.key ?? null;
  }
}
