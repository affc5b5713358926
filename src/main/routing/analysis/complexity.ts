import type { Complexity } from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import { countMatches, distinctMatches, SIGNALS } from './promptSignals';

/**
 * Feature weights (they sum to 1). Reasoning and technical depth weigh most because they are what
 * separates a task a small model fails from one it handles; length alone says little (a long
 * document to summarise is easy), so it weighs least among the content features.
 */
const WEIGHTS = {
  length: 0.07,
  reasoning: 0.25,
  technical: 0.2,
  open_ended: 0.15,
  multi_step: 0.1,
  code: 0.08,
  questions: 0.05,
  requested_length: 0.1,
} as const;

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
/** Diminishing returns: each further cue adds less, so ten cues outscore three without a cliff. */
const saturate = (hits: number, perHit: number): number => 1 - (1 - perHit) ** hits;
const round3 = (v: number): number => Math.round(v * 1000) / 1000;
const sample = (items: string[]): string => items.slice(0, 4).join(', ') + (items.length > 4 ? ', …' : '');

/** The complexity score of a prompt, 0–1, with each feature's share (see WEIGHTS). */
export function scoreComplexity(window: string, inputTokens: number, rules: RoutingRules): Complexity {
  const reasoning = distinctMatches(window, SIGNALS.reasoning);
  const technical = distinctMatches(window, SIGNALS.technical);
  const openEnded = distinctMatches(window, SIGNALS.openEnded);
  const steps = countMatches(window, SIGNALS.listLines) + distinctMatches(window, SIGNALS.sequencing).length;
  const fences = countMatches(window, SIGNALS.codeFence);
  const codeLines = countMatches(window, SIGNALS.codeLineEnds) + countMatches(window, SIGNALS.codeLineStarts);
  const questions = countMatches(window, SIGNALS.question);
  const detailed = distinctMatches(window, SIGNALS.detailed);
  const amounts = distinctMatches(window, SIGNALS.amount);

  const values: Record<keyof typeof WEIGHTS, [number, string]> = {
    // 20 tokens → 0, 20,000 tokens → 1, logarithmic.
    length: [clamp01(Math.log10(Math.max(1, inputTokens) / 20) / 3), `~${inputTokens} input tokens`],
    reasoning: [saturate(reasoning.length, 0.4), reasoning.length ? sample(reasoning) : 'none'],
    technical: [saturate(technical.length, 0.35), technical.length ? sample(technical) : 'none'],
    open_ended: [saturate(openEnded.length, 0.5), openEnded.length ? sample(openEnded) : 'none'],
    multi_step: [saturate(steps, 0.3), `${steps} steps or list items`],
    code: [clamp01(fences / 2 + codeLines / 10), `${fences / 2} code blocks, ${codeLines} code-like lines`],
    questions: [saturate(questions, 0.35), `${questions} question marks`],
    requested_length: [
      clamp01(detailed.length * 0.5 + amounts.length * 0.5),
      detailed.length + amounts.length ? sample([...detailed, ...amounts]) : 'no length asked for',
    ],
  };
  const features = (Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).map((name) => {
    const [value, evidence] = values[name];
    return {
      name,
      value: round3(value),
      weight: WEIGHTS[name],
      contribution: round3(value * WEIGHTS[name]),
      evidence,
    };
  });
  const score = round3(clamp01(features.reduce((s, f) => s + f.value * f.weight, 0)));
  return { score, tier: complexityTierOf(score, rules), features };
}

/** The tier whose [from, to) range holds the score; the top tier also holds 1. */
export function complexityTierOf(score: number, rules: RoutingRules): string {
  let top = '';
  let topFrom = -1;
  for (const [name, tier] of Object.entries(rules.complexity_tiers)) {
    const [from, to] = tier.complexity_range;
    if (score >= from && score < to) return name;
    if (from > topFrom) {
      top = name;
      topFrom = from;
    }
  }
  return top;
}
