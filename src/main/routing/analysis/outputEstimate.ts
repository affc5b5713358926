import type { UseCase } from '../../../shared/contract/routing';
import { distinctMatches, SIGNALS } from './promptSignals';

/** Tokens per unit of a requested amount (English prose, o200k; a code line ~10 tokens). */
const TOKENS_PER: Record<string, number> = {
  word: 1.35,
  line: 10,
  loc: 10,
  page: 650,
  paragraph: 120,
  sentence: 25,
  bullet: 20,
};

export interface OutputEstimate {
  tokens: number;
  /** Expected lines of code, when the answer is code (drives the chunking advice). */
  codeLines: number | null;
  basis: string;
}

export interface OutputEstimateInput {
  window: string;
  inputTokens: number;
  useCase: UseCase | null;
  complexity: number;
  defaultTokens: number;
  maxOutputTokens?: number;
}

/**
 * How long the answer will be: what the prompt asks for when it says ("500 words", "200 lines",
 * "yes or no"), else a use-case norm, else the rules' default scaled by complexity (0.25× for a
 * trivial prompt up to 1.75× for the hardest). Capped by the caller's max output tokens.
 */
export function estimateOutput(i: OutputEstimateInput): OutputEstimate {
  const guess = rawEstimate(i);
  const tokens = Math.max(
    1,
    Math.round(i.maxOutputTokens ? Math.min(guess.tokens, i.maxOutputTokens) : guess.tokens),
  );
  return { ...guess, tokens };
}

function rawEstimate(i: OutputEstimateInput): OutputEstimate {
  const amount = requestedAmount(i.window);
  if (amount) return amount;
  if (distinctMatches(i.window, SIGNALS.brief).length > 0) {
    return { tokens: 8, codeLines: null, basis: 'a one-word or one-line answer is asked for' };
  }
  if (distinctMatches(i.window, SIGNALS.translate).length > 0) {
    return {
      tokens: Math.ceil(i.inputTokens * 1.3) + 16,
      codeLines: null,
      basis: 'a translation is about as long as its source',
    };
  }
  const detailed = distinctMatches(i.window, SIGNALS.detailed).length > 0 ? 2 : 1;
  switch (i.useCase) {
    case 'classification':
      return { tokens: 16, codeLines: null, basis: 'a label' };
    case 'summarization': {
      const tokens = Math.min(1024, Math.max(128, i.inputTokens * 0.2)) * detailed;
      return { tokens, codeLines: null, basis: 'a summary of about a fifth of the input' };
    }
    case 'code_generation':
      return { tokens: 800 * detailed, codeLines: 80 * detailed, basis: 'typical code answer (~80 lines)' };
    default: {
      const scale = 0.25 + 1.5 * i.complexity;
      return {
        tokens: i.defaultTokens * scale * detailed,
        codeLines: null,
        basis: `default ${i.defaultTokens} tokens × ${scale.toFixed(2)} for complexity${detailed > 1 ? ' × 2 for "detailed"' : ''}`,
      };
    }
  }
}

function requestedAmount(window: string): OutputEstimate | null {
  let best: OutputEstimate | null = null;
  for (const m of window.matchAll(SIGNALS.amount)) {
    const n = Number(m[1]);
    const unitWord = (m[2] ?? '').toLowerCase();
    const unit = Object.keys(TOKENS_PER).find((u) => unitWord.startsWith(u)) ?? 'word';
    const tokens = n * (TOKENS_PER[unit] ?? 1.35);
    const isCode = unit === 'line' || unit === 'loc';
    if (!best || tokens > best.tokens) {
      best = { tokens, codeLines: isCode ? n : null, basis: `"${m[0]}" asked for` };
    }
  }
  return best;
}
