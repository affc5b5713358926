import { Document, isPair, isScalar, isSeq, visit } from 'yaml';
import type { RoutingRules } from '../../../shared/contract/rules';

const HEADER = [
  ' Switchyard routing rules (version 1).',
  ' Import with `switchyard rules import FILE`; an invalid file is rejected whole, with the line of',
  ' each problem. Sections left out keep their defaults. Models are "<provider>/<model>", best first.',
  ' complexity_range is [from, to): a score s is in a tier when from <= s < to (the top tier holds 1).',
].join('\n');

const SECTION_NOTES: Partial<Record<keyof RoutingRules, string>> = {
  context_bands: ' Input tokens: below fast_below -> fast; from long_from -> long; images -> vision.',
  complexity_tiers: ' Tiers must cover [0, 1] without gaps; min_quality is the floor used when widening.',
  use_cases: ' Used when the use case is given or detected (auto), with the budget tier as a cost cap.',
  budget_tiers: ' Max estimated cost per request, in USD.',
  balancing: ' mode: none | round_robin | weighted | least_latency, among equivalent leading candidates.',
  chunking: ' Advise chunking above these limits (input tokens, input files, expected lines of code).',
  cascade: ' Reserved for fallback-cascade settings.',
};

/** The rules as commented YAML in the classic llm_routing.yaml shape; `checkRulesYaml` reads it back. */
export function rulesToYaml(rules: RoutingRules): string {
  const doc = new Document(rules);
  doc.commentBefore = HEADER;
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const note = SECTION_NOTES[pair.key.value as keyof RoutingRules];
      if (note && doc.contents && 'items' in doc.contents && doc.contents.items.includes(pair as never)) {
        pair.key.commentBefore = note;
      }
      // Ranges read best as `[0.3, 0.6]`, as in the classic file.
      if (pair.key.value === 'complexity_range' && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}
