import type { ResultFile } from '../../../shared/contract/tasks';

const FENCE = /^\s*```[^\n]*\n([\s\S]*?)\n?```\s*$/;

/** A model's answer without the Markdown code fence it often wraps code in. */
export function stripFence(text: string): string {
  const m = FENCE.exec(text);
  return (m?.[1] ?? text).replace(/\s+$/, '');
}

/** Lines that import something, per language family; `null` when the language has none we know. */
const IMPORT_LINE: Record<string, RegExp> = {
  python: /^(?:import\s+\S|from\s+\S+\s+import\s)/,
  typescript: /^(?:import\s|export\s+(?:\*|\{[^}]*\})\s+from\s)/,
  javascript: /^(?:import\s|export\s+(?:\*|\{[^}]*\})\s+from\s)/,
  go: /^import\s+"/,
  rust: /^use\s+\S/,
  java: /^import\s+\S/,
};

function isSingleLineImport(line: string, language: string | null): boolean {
  const re = language ? IMPORT_LINE[language] : undefined;
  if (!re || !re.test(line)) return false;
  // A multi-line import (`import {` … `} from`) is kept where it is.
  return !/[{(]\s*$/.test(line);
}

/**
 * Ordered sections as one file: fences stripped, every single-line import hoisted to the top once
 * (sections generated apart each import what they use, so the same import appears several times).
 */
export function mergeSections(sections: readonly string[], language: string | null): string {
  const imports: string[] = [];
  const seen = new Set<string>();
  const bodies: string[] = [];
  for (const section of sections) {
    const kept: string[] = [];
    for (const line of stripFence(section).split('\n')) {
      if (isSingleLineImport(line.trim(), language)) {
        const key = line.trim().replace(/;$/, '');
        if (!seen.has(key)) {
          seen.add(key);
          imports.push(line.trim());
        }
      } else kept.push(line);
    }
    const body = kept.join('\n').trim();
    if (body !== '') bodies.push(body);
  }
  const head = imports.length > 0 ? [imports.join('\n')] : [];
  return `${[...head, ...bodies].join('\n\n')}\n`;
}

/** A file map from per-file answers; analyses are saved beside the file's path as Markdown. */
export function fileMap(
  entries: ReadonlyArray<{ path: string; output: string }>,
  analysis: boolean,
): ResultFile[] {
  return entries.map((e) => ({
    path: analysis ? `${e.path}.analysis.md` : e.path,
    content: analysis ? `${e.output.trim()}\n` : `${stripFence(e.output)}\n`,
  }));
}
