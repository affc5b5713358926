/** A candidate as the learned strategy sees it: predicted quality and expected cost. */
export interface ScoredCandidate {
  model: string;
  quality: number;
  costUsd: number;
}

/**
 * What the user wants: the cheapest model predicted to reach a quality, or the best trade of
 * quality against cost at a willingness to pay (USD the user would spend per request for a model
 * that is right every time instead of never).
 */
export type LearnedObjective =
  { kind: 'target'; minQuality: number } | { kind: 'tradeoff'; usdPerQuality: number };

/** Candidates best-first for the objective; ties go to the cheaper model. */
export function rankForObjective(
  candidates: readonly ScoredCandidate[],
  objective: LearnedObjective,
): ScoredCandidate[] {
  if (objective.kind === 'tradeoff') {
    const lambda = 1 / Math.max(objective.usdPerQuality, 1e-12);
    const score = (c: ScoredCandidate): number => c.quality - lambda * c.costUsd;
    return [...candidates].sort((a, b) => score(b) - score(a) || a.costUsd - b.costUsd);
  }
  const reaching = candidates
    .filter((c) => c.quality >= objective.minQuality)
    .sort((a, b) => a.costUsd - b.costUsd || b.quality - a.quality);
  const rest = candidates
    .filter((c) => c.quality < objective.minQuality)
    .sort((a, b) => b.quality - a.quality || a.costUsd - b.costUsd);
  return [...reaching, ...rest];
}
