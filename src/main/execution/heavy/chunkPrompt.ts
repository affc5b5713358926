import type { ParsedStep } from '../../../shared/contract/tasks';
import { roughTokenCount } from '../../ledger/streamSpend';
import { sectionOrder } from './sectionOrder';
import type { PlannedChunk } from './stepAnalysis';

/** What came before a chunk: earlier sections, components or rounds, in order. */
export interface EarlierPart {
  name: string;
  text: string;
}

/**
 * The earlier parts that fit `budgetTokens`, newest first kept (the part just above matters most);
 * older ones are named but left out, so the model knows they exist.
 */
export function trimEarlier(parts: readonly EarlierPart[], budgetTokens: number): string {
  const kept: string[] = [];
  const omitted: string[] = [];
  let used = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i];
    if (!p) continue;
    const cost = roughTokenCount(p.text) + 8;
    if (used + cost <= budgetTokens) {
      kept.unshift(`--- ${p.name} ---\n${p.text}`);
      used += cost;
    } else omitted.unshift(p.name);
  }
  const note = omitted.length > 0 ? `(Left out for length, already written: ${omitted.join(', ')}.)\n` : '';
  return note + kept.join('\n\n');
}

const lang = (step: ParsedStep) => step.language ?? 'the language of the task';

function header(step: ParsedStep): string {
  const context = step.context.trim() === '' ? '' : `\n\nContext:\n${step.context}`;
  return `Task (${step.type.replace('_', ' ')}): ${step.description}${context}`;
}

/** The prompt of one chunk, with `earlier` (already trimmed) as context where the strategy has any. */
export function chunkPrompt(step: ParsedStep, chunk: PlannedChunk, target: string, earlier: string): string {
  const before = earlier === '' ? '' : `\n\nAlready written (for reference; do not repeat it):\n${earlier}`;
  switch (chunk.kind) {
    case 'whole':
      return header(step);
    case 'file':
      return (
        `${header(step)}\n\nThis part covers one file only: ${chunk.file?.path}. ` +
        (step.type === 'analysis'
          ? 'Answer for this file alone.'
          : 'Answer with the complete new content of this file only, as code.') +
        `\n\nFile ${chunk.file?.path}:\n${chunk.file?.content ?? ''}`
      );
    case 'section':
      return (
        `${header(step)}\n\nThe result is the file ${target} in ${lang(step)}, written section by section in this ` +
        `order: ${sectionOrder(step.language).join(', ')}. Write only the "${chunk.part}" section, as code, ` +
        `consistent with the sections above it.${before}`
      );
    case 'component':
      return (
        `${header(step)}\n\nThe result is built one component at a time. Write only the component ` +
        `"${chunk.part}", as code in ${lang(step)}, using what the earlier components define.${before}`
      );
    case 'round':
      return chunk.round === 1
        ? header(step)
        : `${header(step)}\n\nYour answer so far was cut off. Continue exactly where it stopped, without repeating anything.${before}`;
  }
}
