import type { RoutingRules } from '../../../shared/contract/rules';
import type { ChunkPlan, ParsedStep, SplitStrategy, StepAnalysis } from '../../../shared/contract/tasks';
import { roughTokenCount } from '../../ledger/streamSpend';
import { sectionOrder } from './sectionOrder';

export type ChunkingRules = RoutingRules['chunking'];

/** One planned chunk with what its prompt is built from. */
export interface PlannedChunk extends ChunkPlan {
  file?: { path: string; content: string };
  /** The section or component this chunk writes. */
  part?: string;
  round?: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export function stepTokens(step: ParsedStep): number {
  if (step.estimatedTokens !== undefined) return step.estimatedTokens;
  const files = step.inputFiles.reduce((sum, f) => sum + roughTokenCount(f.content), 0);
  return roughTokenCount(step.description) + roughTokenCount(step.context) + files;
}

/** Components named in the description: its bullet or numbered list (`- parser`, `2. cache`). */
export function namedComponents(step: ParsedStep): string[] {
  if (step.components && step.components.length > 0) return step.components;
  const items = step.description
    .split('\n')
    .map((l) => /^\s*(?:[-*•]|\d+[.)])\s+(.+?)\s*$/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined && x !== '');
  return items.slice(0, 50);
}

/** Each limit of the rules' `chunking` section the step is over (strictly more than the limit). */
function overLimits(step: ParsedStep, tokens: number, c: ChunkingRules): string[] {
  const reasons: string[] = [];
  if (tokens > c.max_input_tokens) {
    reasons.push(`~${fmt(tokens)} input tokens is more than the ${fmt(c.max_input_tokens)}-token limit`);
  }
  if (step.inputFiles.length > c.max_input_files) {
    reasons.push(`${step.inputFiles.length} input files is more than the limit of ${c.max_input_files}`);
  }
  if (step.type === 'code_generation' && (step.expectedLines ?? 0) > c.max_code_lines) {
    reasons.push(
      `${fmt(step.expectedLines ?? 0)} expected lines of code is more than the limit of ${fmt(c.max_code_lines)}`,
    );
  }
  return reasons;
}

function autoStrategy(step: ParsedStep, tokens: number, c: ChunkingRules): SplitStrategy {
  if (
    step.inputFiles.length > 1 &&
    (step.inputFiles.length > c.max_input_files || tokens > c.max_input_tokens)
  ) {
    return 'by_file';
  }
  if (namedComponents(step).length > 1) return 'by_component';
  if (step.type === 'code_generation') return 'by_section';
  return step.inputFiles.length > 1 ? 'by_file' : 'iterative';
}

function plan(step: ParsedStep, strategy: SplitStrategy | null, tokens: number): PlannedChunk[] {
  const shared = roughTokenCount(step.description) + roughTokenCount(step.context);
  switch (strategy) {
    case null:
      return [{ id: 'whole', name: 'whole step', kind: 'whole', estimatedTokens: tokens }];
    case 'by_file':
      return step.inputFiles.map((file, i) => ({
        id: `f${i + 1}`,
        name: file.path,
        kind: 'file',
        estimatedTokens: shared + roughTokenCount(file.content),
        file,
      }));
    case 'by_component':
      return namedComponents(step).map((part, i) => ({
        id: `c${i + 1}`,
        name: part,
        kind: 'component',
        estimatedTokens: shared,
        part,
      }));
    case 'by_section':
      return sectionOrder(step.language).map((part, i) => ({
        id: `s${i + 1}`,
        name: part,
        kind: 'section',
        estimatedTokens: shared,
        part,
      }));
    case 'iterative':
      return Array.from({ length: step.maxRounds }, (_, i) => ({
        id: `r${i + 1}`,
        name: `round ${i + 1}`,
        kind: 'round',
        estimatedTokens: tokens,
        round: i + 1,
      }));
  }
}

/**
 * Should the step be split, why, and into which chunks. A forced strategy is honoured even under
 * the limits; `by_file` without files, or `by_component` without named components, falls back to
 * the automatic choice.
 */
export function analyzeStep(
  step: ParsedStep,
  rules: ChunkingRules,
): StepAnalysis & { planned: PlannedChunk[] } {
  const tokens = stepTokens(step);
  const reasons = overLimits(step, tokens, rules);
  let strategy: SplitStrategy | null = null;
  if (step.strategy !== 'auto') strategy = step.strategy;
  else if (reasons.length > 0) strategy = autoStrategy(step, tokens, rules);
  if (strategy === 'by_file' && step.inputFiles.length === 0) strategy = autoStrategy(step, tokens, rules);
  if (strategy === 'by_component' && namedComponents(step).length === 0) strategy = 'by_section';
  const planned = plan(step, strategy, tokens);
  return {
    shouldSplit: reasons.length > 0,
    reasons,
    strategy,
    estimatedTokens: tokens,
    inputFiles: step.inputFiles.length,
    expectedLines: step.expectedLines ?? null,
    thresholds: {
      maxInputTokens: rules.max_input_tokens,
      maxInputFiles: rules.max_input_files,
      maxCodeLines: rules.max_code_lines,
    },
    chunks: planned.map(({ id, name, kind, estimatedTokens }) => ({ id, name, kind, estimatedTokens })),
    planned,
  };
}
