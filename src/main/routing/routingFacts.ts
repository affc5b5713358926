import type { ParsedRoutingRequest } from '../../shared/contract/routing';
import type { RoutingRules } from '../../shared/contract/rules';
import { scoreComplexity } from './analysis/complexity';
import { estimateOutput } from './analysis/outputEstimate';
import { instructionWindow, isWindowOf, windowFingerprint } from './analysis/promptSignals';
import { detectUseCase } from './analysis/useCaseDetection';
import type { RoutingFacts } from './strategies';
import type { PreparedRequest, RequestTokens } from './tokens/requestTokens';

type Analysis = Pick<RoutingFacts, 'complexity' | 'useCase' | 'output'>;

/**
 * Analyses per rules document, keyed by everything they read. The playground re-decides the same
 * prompt as the user changes constraints; the regular expressions are most of a decision's cost,
 * so a repeat skips them.
 */
const memo = new WeakMap<RoutingRules, Map<string, { window: string; analysis: Analysis }>>();
const MEMO_LIMIT = 64;

/** Reads the request once: complexity, use case (given or detected) and the expected answer size. */
export function gatherFacts(
  request: ParsedRoutingRequest,
  prepared: PreparedRequest,
  tokens: RequestTokens,
  rules: RoutingRules,
): RoutingFacts {
  const text = prepared.instruction;
  // Keyed by a fingerprint of the window and checked against the window itself on a hit.
  const key = `${windowFingerprint(text)}|${tokens.reference}|${request.useCase ?? ''}|${request.files}|${request.maxOutputTokens ?? ''}`;
  let cache = memo.get(rules);
  if (!cache) memo.set(rules, (cache = new Map()));
  const hit = cache.get(key);
  let analysis = hit && isWindowOf(hit.window, text) ? hit.analysis : undefined;
  if (!analysis) {
    const window = instructionWindow(text);
    analysis = analyse(request, window, tokens, rules);
    if (!hit && cache.size >= MEMO_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, { window, analysis });
  }
  return { request, referenceTokens: tokens.reference, hasImages: tokens.images.length > 0, ...analysis };
}

function analyse(
  request: ParsedRoutingRequest,
  window: string,
  tokens: RequestTokens,
  rules: RoutingRules,
): Analysis {
  const complexity = scoreComplexity(window, tokens.reference, rules);
  const detected = request.useCase
    ? null
    : detectUseCase(window, tokens.reference, request.files, {
        longFrom: rules.context_bands.long_from,
        maxFiles: rules.chunking.max_input_files,
      });
  const useCase = request.useCase
    ? { value: request.useCase, source: 'given' as const, confidence: 1, cues: [] }
    : detected?.useCase
      ? {
          value: detected.useCase,
          source: 'detected' as const,
          confidence: detected.confidence,
          cues: detected.cues,
        }
      : { value: null, source: 'none' as const, confidence: 0, cues: [] };
  const output = estimateOutput({
    window,
    inputTokens: tokens.reference,
    useCase: useCase.value,
    complexity: complexity.score,
    defaultTokens: rules.defaults.expected_output_tokens,
    maxOutputTokens: request.maxOutputTokens,
  });
  return { complexity, useCase, output };
}
