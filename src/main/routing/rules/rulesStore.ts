import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoutingRules } from '../../../shared/contract/rules';
import { defaultRules } from './defaultRules';
import { checkRulesValue } from './rulesDocument';
import { RulesHistory } from './rulesHistory';

export const RULES_FILE = 'routing-rules.json';

/**
 * The rules in force, kept as one JSON file in the data dir (not in SQLite: it is a single
 * versioned document people back up, diff and hand to colleagues, and YAML import/export maps onto
 * it one to one). Writes are atomic (temp file + rename), so a crash never leaves half a file.
 * A saved file that no longer validates is left untouched; the defaults apply and `loadProblem`
 * says why, until the next save.
 */
export class RulesStore {
  readonly path: string;
  /** The last saved versions, for restore. */
  readonly history: RulesHistory;
  private rules: RoutingRules;
  private sourceKind: 'default' | 'saved' = 'default';
  private problem: string | null = null;

  constructor(dataDir: string) {
    this.path = join(dataDir, RULES_FILE);
    this.history = new RulesHistory(dataDir);
    this.rules = defaultRules();
    this.load();
  }

  current(): RoutingRules {
    return this.rules;
  }

  get source(): 'default' | 'saved' {
    return this.sourceKind;
  }

  get loadProblem(): string | null {
    return this.problem;
  }

  /** Saves rules that were already validated at the edge (contract, YAML import). */
  save(rules: RoutingRules, now = Date.now()): void {
    // The first save keeps what it replaces, so it too can be restored.
    if (this.history.isEmpty()) this.history.add(this.rules, now - 1);
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(rules, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
    this.rules = rules;
    this.sourceKind = 'saved';
    this.problem = null;
    this.history.add(rules, now);
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        this.problem = `cannot read ${this.path}: ${(e as Error).message}`;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.problem = `${this.path} is not valid JSON (${(e as Error).message}); the default rules apply`;
      return;
    }
    const checked = checkRulesValue(value);
    if (!checked.ok) {
      const first = checked.problems[0];
      this.problem = `${this.path} is invalid at ${first?.path || 'the top'}: ${first?.message}; the default rules apply`;
      return;
    }
    this.rules = checked.rules;
    this.sourceKind = 'saved';
  }
}
