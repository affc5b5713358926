import type { UseCase } from '../../../shared/contract/routing';
import { distinctMatches } from './promptSignals';

/** Cues per use case. Each distinct cue found counts once; conversation is what is left. */
const CUES: Record<Exclude<UseCase, 'long_context' | 'conversation'>, RegExp> = {
  code_generation:
    /\b(?:write|implement|create|generate|refactor|fix|debug|port)\b[^.?!\n]{0,40}\b(?:function|class|method|script|program|code|endpoint|query|regex|unit tests?|component|module)\b|```|\b(?:python|javascript|typescript|golang|rust|java|c\+\+|sql|bash|kotlin|swift)\b|\b(?:stack trace|traceback|compile error|TypeError|segfault)\b/gi,
  classification:
    /\b(?:classify|categori[sz]e|label (?:this|the|each)|tag (?:this|each)|sentiment|spam or|which category|one of the following|print only the letter|answer with (?:a|the) letter|true or false)\b|^\s*[A-D]\)\s/gim,
  summarization:
    /\b(?:summari[sz]e|summary|tl;?dr|key points|condense|main ideas|recap|gist|abstract of)\b/gi,
  analysis:
    /\b(?:analy[sz]e|analysis|compare|contrast|evaluate|assess|pros and cons|trade-?offs?|root cause|insights?|interpret|breakdown of)\b/gi,
  web_research:
    /\b(?:latest|current(?:ly)?|today|this week|recent news|news about|search the web|search online|look up|find sources|cite (?:your )?sources|up[- ]to[- ]date|as of 20\d\d|right now)\b/gi,
  expert:
    /\b(?:prove|theorem|lemma|formal proof|legal advice|case law|statute|diagnos(?:e|is)|clinical|pharmacolog\w*|distributed (?:system|cache|database|consensus)s?|CAP theorem|consensus (?:algorithm|protocol)|byzantine|research[- ]level|phd|peer review)\b/gi,
};

export interface UseCaseDetection {
  useCase: UseCase | null;
  confidence: number;
  cues: string[];
}

/**
 * Detects the use case from the instruction. Confidence grows with the number of cues and with the
 * lead over the runner-up: (1 − 0.5^top) × (top − second + 1) / (top + 1). One unopposed cue gives
 * 0.5, two give 0.75; a tie halves it. Long inputs and many files are long_context outright.
 */
export function detectUseCase(
  window: string,
  inputTokens: number,
  files: number,
  thresholds: { longFrom: number; maxFiles: number },
): UseCaseDetection {
  if (inputTokens >= thresholds.longFrom) {
    return { useCase: 'long_context', confidence: 0.9, cues: [`~${inputTokens} input tokens`] };
  }
  if (files > thresholds.maxFiles) {
    return { useCase: 'long_context', confidence: 0.7, cues: [`${files} input files`] };
  }
  let best: { useCase: UseCase; cues: string[] } | null = null;
  let second = 0;
  for (const [useCase, re] of Object.entries(CUES) as [UseCase, RegExp][]) {
    const cues = distinctMatches(window, re);
    if (!best || cues.length > best.cues.length) {
      second = best?.cues.length ?? 0;
      best = { useCase, cues };
    } else if (cues.length > second) second = cues.length;
  }
  const top = best?.cues.length ?? 0;
  if (!best || top === 0) return { useCase: null, confidence: 0, cues: [] };
  const confidence = (1 - 0.5 ** top) * ((top - second + 1) / (top + 1));
  return {
    useCase: best.useCase,
    confidence: Math.round(confidence * 100) / 100,
    cues: best.cues.slice(0, 5),
  };
}
