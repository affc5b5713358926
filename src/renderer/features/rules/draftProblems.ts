import type { RoutingRules } from '../../../shared/contract/rules';
import { BANDS, sortedTiers } from './draftEdits';

export interface DraftProblem {
  /** Where, in the document's own terms (`context_bands.long_from`), as the YAML and the server say it. */
  path: string;
  message: string;
}

const bad = (n: number) => !Number.isFinite(n);

/**
 * What is wrong with a draft, found in the renderer so it shows while a boundary is dragged:
 * empty or overlapping bands and tiers, inverted thresholds, empty lists, models the catalog does
 * not know. The server's schema check (rules.validate) runs as well and has the last word.
 */
export function draftProblems(rules: RoutingRules, known: ReadonlySet<string> | null): DraftProblem[] {
  const out: DraftProblem[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  const b = rules.context_bands;
  if (bad(b.fast_below) || b.fast_below <= 0)
    add('context_bands.fast_below', 'must be a positive number of tokens');
  if (bad(b.long_from) || b.long_from <= 0)
    add('context_bands.long_from', 'must be a positive number of tokens');
  if (b.long_from <= b.fast_below) {
    add(
      'context_bands.long_from',
      `the long band starts at ${b.long_from} tokens, not above the fast band's end (${b.fast_below}): the bands overlap and the balanced band is empty`,
    );
  }
  for (const band of BANDS)
    if (b[band].length === 0) add(`context_bands.${band}`, `the ${band} band has no models`);

  const tiers = sortedTiers(rules);
  if (tiers.length === 0) add('complexity_tiers', 'needs at least one tier');
  let expected = 0;
  for (const [name, t] of tiers) {
    const [from, to] = t.complexity_range;
    const path = `complexity_tiers.${name}.complexity_range`;
    if (to <= from) add(path, `tier "${name}" is empty or inverted: [${from}, ${to})`);
    else if (Math.abs(from - expected) > 1e-9)
      add(path, `tier "${name}" starts at ${from} but the tier below ends at ${expected}`);
    expected = to;
    if (t.models.length === 0) add(`complexity_tiers.${name}.models`, `tier "${name}" has no models`);
  }
  if (tiers.length > 0 && Math.abs(expected - 1) > 1e-9)
    add('complexity_tiers', `the top tier ends at ${expected}; the tiers must reach 1`);

  for (const [name, tier] of Object.entries(rules.budget_tiers)) {
    const v = tier.max_cost_per_request;
    if (bad(v) || v <= 0)
      add(`budget_tiers.${name}.max_cost_per_request`, 'must be a positive amount of USD');
  }
  for (const [key, v] of Object.entries(rules.chunking)) {
    if (bad(v) || v < 0 || !Number.isInteger(v)) add(`chunking.${key}`, 'must be a whole number');
  }
  if (known)
    for (const [path, key] of modelRefs(rules))
      if (!known.has(key)) add(path, `${key} is not in the catalog`);
  return out;
}

/** Every model the rules name, with its path. */
function modelRefs(r: RoutingRules): [string, string][] {
  const refs: [string, string][] = [];
  const list = (base: string, keys: readonly string[]) =>
    keys.forEach((k, i) => refs.push([`${base}.${i}`, k]));
  for (const band of BANDS) list(`context_bands.${band}`, r.context_bands[band]);
  for (const [name, t] of Object.entries(r.complexity_tiers))
    list(`complexity_tiers.${name}.models`, t.models);
  list('local_fallback.models', r.local_fallback.models);
  for (const [name, u] of Object.entries(r.use_cases)) {
    refs.push([`use_cases.${name}.primary`, u.primary]);
    list(`use_cases.${name}.fallback`, u.fallback);
  }
  return refs;
}
