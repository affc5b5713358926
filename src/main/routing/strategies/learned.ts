import type { ParsedRoutingRequest } from '../../../shared/contract/routing';
import { rankForObjective, type LearnedObjective } from '../../learning/learnedChoice';
import { lastUserText } from '../../learning/learnedText';
import { auto } from './auto';
import type { Proposal, StrategyInput } from './types';

/** The text the learned model reads: the prompt, or the last user turn of a chat (`lastUserText`). */
export function promptText(request: ParsedRoutingRequest): string {
  return request.prompt ?? lastUserText(request.messages ?? []);
}

const pct = (v: number): string => `${Math.round(v * 100)} %`;

/**
 * The learned strategy: per model, quality predicted from past prompts like this one (the catalog
 * quality, moved by vote ratings, where the model has too little history), cost from the estimate;
 * then the cheapest model predicted to reach the caller's min quality, or the best quality − cost
 * trade at the user's willingness to pay. Without a trained model it ranks as auto and says so.
 */
export function learned(input: StrategyInput): Proposal {
  const { facts, models, estimates, learned: view } = input;
  const prediction = view?.predict(promptText(facts.request)) ?? null;
  const minQuality = facts.request.constraints.minQuality;
  if (!view || !prediction) {
    const base = auto(input);
    // Nothing predicted: the request's min quality gates on the catalog score, as for other strategies.
    const turnedDown =
      minQuality === undefined
        ? []
        : models
            .filter((m) => m.quality.score < minQuality)
            .map((m) => ({
              modelKey: m.key,
              reason: `quality ${m.quality.score.toFixed(2)} < min ${minQuality}`,
            }));
    return {
      ...base,
      strategy: 'learned',
      candidates: base.candidates.filter((k) => !turnedDown.some((t) => t.modelKey === k)),
      turnedDown,
      reasons: [
        'learned: no trained model yet (it needs stored prompts with outcomes), so ranked as auto',
        ...base.reasons,
      ],
      confidence: Math.min(base.confidence, 0.4),
    };
  }
  const useCase = facts.useCase.value;
  const scored = models.map((m) => {
    const p = prediction.models[m.key];
    const quality = Math.max(
      0,
      Math.min(1, (p?.quality ?? m.quality.score) + view.voteAdjustment(m.key, useCase)),
    );
    return { model: m.key, quality, costUsd: estimates.get(m.key)?.costUsd ?? Infinity, learned: !!p };
  });
  const objective: LearnedObjective =
    minQuality !== undefined
      ? { kind: 'target', minQuality }
      : { kind: 'tradeoff', usdPerQuality: view.willingnessToPayUsd() };
  // The request's min quality is compared with the quality predicted for this prompt: a model
  // predicted under it is not used at all (eligibility left the catalog score out of it).
  const reaching = minQuality === undefined ? scored : scored.filter((s) => s.quality >= minQuality);
  const turnedDown =
    minQuality === undefined
      ? []
      : scored
          .filter((s) => s.quality < minQuality)
          .map((s) => ({
            modelKey: s.model,
            reason: `predicted quality ${pct(s.quality)} < min ${pct(minQuality)}${s.learned ? '' : ' (catalog score)'}`,
          }));
  const ranked = rankForObjective(reaching, objective);
  const top = scored.find((s) => s.model === ranked[0]?.model);
  const reasons = [
    objective.kind === 'target'
      ? `learned: cheapest model predicted to reach quality ${minQuality}`
      : `learned: best predicted quality − cost at a willingness to pay of $${objective.usdPerQuality} per request`,
  ];
  if (top) {
    reasons.push(
      `${top.model}: predicted quality ${pct(top.quality)} (${top.learned ? `from ${prediction.trainedOn} past prompts` : 'catalog score, no history yet'})`,
    );
  }
  const features = prediction.features.map((f) => `"${f.term}" ${f.effect > 0 ? '+' : ''}${f.effect}`);
  if (features.length) reasons.push(`main features: ${features.join(', ')}`);
  if (prediction.neighboursBy) reasons.push(prediction.neighboursBy);
  const near = prediction.neighbours.map((n) => `"${n.excerpt}" (similarity ${n.similarity})`);
  if (near.length) reasons.push(`nearest past prompts: ${near.join('; ')}`);
  const similarity = prediction.neighbours[0]?.similarity ?? 0;
  return {
    strategy: 'learned',
    matched:
      objective.kind === 'target' ? `learned, target quality ${minQuality}` : 'learned, quality − cost',
    candidates: ranked.map((c) => c.model),
    turnedDown,
    reasons,
    cap: null,
    temperature: null,
    maxTokens: null,
    // Widening by catalog quality would bring back what the prediction turned down.
    qualityFloor: null,
    // Sure when the prompt resembles what the model was trained on.
    confidence: Math.round((0.4 + 0.6 * Math.min(1, similarity)) * 100) / 100,
  };
}
