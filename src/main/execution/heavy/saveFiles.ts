import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ResultFile } from '../../../shared/contract/tasks';
import { SwitchyardError } from '../../core/errors';

/** Asks the user for a folder (the desktop shell's save dialog); null when they cancel. */
export interface FolderPicker {
  choose(): Promise<string | null>;
}

/**
 * Writes a task's files under `dir`, creating folders; every path is checked first, so a path that
 * would leave `dir` (`../x`, an absolute path) refuses the whole save and nothing is written.
 */
export function saveFiles(dir: string, files: readonly ResultFile[]): string[] {
  const root = resolve(dir);
  const targets = files.map((f) => {
    const target = resolve(root, f.path);
    const rel = relative(root, target);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      throw new SwitchyardError(
        'VALIDATION_FAILED',
        `Refusing to write ${f.path} outside the chosen folder.`,
      );
    }
    return { target, content: f.content };
  });
  for (const t of targets) {
    mkdirSync(dirname(t.target), { recursive: true });
    writeFileSync(t.target, t.content);
  }
  return targets.map((t) => t.target);
}
