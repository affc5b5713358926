import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { RoutingRulesSchema, type RoutingRules, type RuleProblem } from '../../../shared/contract/rules';
import { defaultRules } from './defaultRules';

export type RulesCheck =
  { ok: true; rules: RoutingRules; warnings: RuleProblem[] } | { ok: false; problems: RuleProblem[] };

/** Tells whether a model key exists, for warnings about rules that name unknown models. */
export type KnownModel = (key: string) => boolean;

/**
 * Parses and validates a rules YAML document. Every problem (YAML syntax or schema) comes back with
 * its path and 1-based line and column, so a person can fix them all in one pass. Top-level
 * sections left out are taken from the defaults, which lets a file hold only what it changes.
 */
export function checkRulesYaml(text: string, known?: KnownModel): RulesCheck {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '',
        line: e.linePos?.[0].line ?? null,
        column: e.linePos?.[0].col ?? null,
        message: e.message.split('\n')[0] ?? e.message,
      })),
    };
  }
  const locate = (path: PropertyKey[], issue?: z.core.$ZodIssue) => position(doc, lines, path, issue);
  return checkRulesValue(doc.toJS({ maxAliasCount: 100 }), known, locate);
}

/** Validates rules given as an object (the UI's editor, JSON); problems carry no line numbers. */
export function checkRulesValue(
  value: unknown,
  known?: KnownModel,
  locate: (
    path: PropertyKey[],
    issue?: z.core.$ZodIssue,
  ) => { line: number | null; column: number | null } = () => ({
    line: null,
    column: null,
  }),
): RulesCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problems: [{ path: '', line: 1, column: 1, message: 'expected a mapping of rule sections' }],
    };
  }
  const merged = { ...defaultRules(), ...(value as Record<string, unknown>) };
  const parsed = RoutingRulesSchema.safeParse(merged);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: pathText(issueKeyPath(issue)),
        ...locate(issue.path, issue),
        message: issue.message,
      })),
    };
  }
  const warnings: RuleProblem[] = [];
  if (known) {
    for (const path of modelKeyPaths(parsed.data)) {
      const key = path.reduce<unknown>((v, seg) => (v as Record<PropertyKey, unknown>)[seg], parsed.data);
      if (typeof key === 'string' && !known(key)) {
        warnings.push({
          path: pathText(path),
          ...locate(path),
          message: `${key} is not in the catalog; it will be skipped`,
        });
      }
    }
  }
  return { ok: true, rules: parsed.data, warnings };
}

/** For an unknown key, the path points at the key itself, which is what the person must fix. */
function issueKeyPath(issue: z.core.$ZodIssue): PropertyKey[] {
  return issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The line and column of the deepest node on `path` that exists in the YAML (1-based). */
function position(doc: Document, lines: LineCounter, path: PropertyKey[], issue?: z.core.$ZodIssue) {
  let node: unknown = doc.contents;
  let found: Node | null = (doc.contents as Node | null) ?? null;
  const segments = issue ? issueKeyPath(issue) : path;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) break;
      const isLastKey = issue?.code === 'unrecognized_keys' && seg === segments[segments.length - 1];
      found = ((isLastKey ? pair.key : (pair.value ?? pair.key)) as Node | null) ?? found;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      found = item as Node;
      node = item;
    } else break;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return { line: null, column: null };
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** Paths of every model key the rules mention, for the unknown-model warnings. */
function modelKeyPaths(r: RoutingRules): PropertyKey[][] {
  const paths: PropertyKey[][] = [];
  const list = (base: PropertyKey[], xs: string[]) => xs.forEach((_, i) => paths.push([...base, i]));
  for (const band of ['fast', 'balanced', 'long', 'vision'] as const)
    list(['context_bands', band], r.context_bands[band]);
  for (const [name, t] of Object.entries(r.complexity_tiers))
    list(['complexity_tiers', name, 'models'], t.models);
  list(['local_fallback', 'models'], r.local_fallback.models);
  for (const [name, u] of Object.entries(r.use_cases)) {
    paths.push(['use_cases', name, 'primary']);
    list(['use_cases', name, 'fallback'], u.fallback);
  }
  return paths;
}
