import type { ScanFeature, TextScan } from './textScan';

/**
 * Weights of the fast o200k_base estimate: tokens ≈ Σ weight × feature of `scanText`.
 *
 * Fitted by `npm run bench -- calibrate-tokens` (least squares against exact js-tiktoken counts):
 * the ASCII features on RouterBench train prompts and responses (English questions, Python code;
 * every 5th text held out), the CJK / other-letter / symbol features on a small hand-written
 * multilingual sample, so those three are rougher (13 % mean error per sentence there). On
 * held-out RouterBench texts of 50+ tokens the mean error is 1.2 % and the 95th percentile 6.6 %;
 * over a whole prompt of 1k+ tokens the per-sentence errors largely cancel (see the route bench).
 */
export const ESTIMATE_WEIGHTS: Record<ScanFeature, number> = {
  words: 0.9732,
  longWordLetters: 0.1681,
  digitGroups: 1.0731,
  punctuation: 0.6528,
  spaceRuns: 0.0728,
  newlines: 0.9496,
  cjk: 0.744,
  otherLetters: 0.3165,
  symbols: 1.1861,
};

/** Estimated o200k_base tokens of one text from its scan (never below 1 for a non-empty text). */
export function estimateO200k(s: TextScan): number {
  if (s.length === 0) return 0;
  const w = ESTIMATE_WEIGHTS;
  const t =
    w.words * s.words +
    w.longWordLetters * s.longWordLetters +
    w.digitGroups * s.digitGroups +
    w.punctuation * s.punctuation +
    w.spaceRuns * s.spaceRuns +
    w.newlines * s.newlines +
    w.cjk * s.cjk +
    w.otherLetters * s.otherLetters +
    w.symbols * s.symbols;
  return Math.max(1, Math.round(t));
}
