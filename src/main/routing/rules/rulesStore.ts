import { readFileSync, renameSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoutingRules } from '../../../shared/contract/rules';
import { defaultRules } from './defaultRules';
import { checkRulesValue } from './rulesDocument';
import { RulesHistory } from './rulesHistory';

export const RULES_FILE = 'routing-rules.json';

/** Who put the rules in force, and when: the Rules screen tells a person editing an older draft. */
export interface RulesChange {
  by: string;
  at: string;
}

/** A save by another process (the CLI's `rules import`, another shell on the same data dir). */
const CHANGED_ELSEWHERE = 'another program (the CLI or another Switchyard on this data folder)';
/** How often a long-running shell looks at the rules file for a save made by another process. */
const WATCH_INTERVAL_MS = 1_000;

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
  /** The file's text as this process last read or wrote it: a different text was saved elsewhere. */
  private fileText: string | null = null;
  private change: RulesChange | null = null;
  private readonly listeners = new Set<(change: RulesChange) => void>();
  private watching = false;

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

  /** The last change this process saw (its own saves and, when watching, other processes'). */
  get lastChange(): RulesChange | null {
    return this.change;
  }

  /** Called after every change of the rules in force; returns the unsubscribe. */
  onChange(listener: (change: RulesChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves rules that were already validated at the edge (contract, YAML import). */
  save(rules: RoutingRules, now = Date.now(), by = 'a save'): void {
    // The first save keeps what it replaces, so it too can be restored.
    if (this.history.isEmpty()) this.history.add(this.rules, now - 1);
    const tmp = `${this.path}.${process.pid}.tmp`;
    const text = `${JSON.stringify(rules, null, 2)}\n`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.path);
    this.fileText = text;
    this.rules = rules;
    this.sourceKind = 'saved';
    this.problem = null;
    this.history.add(rules, now);
    this.changed({ by, at: new Date(now).toISOString() });
  }

  /**
   * Long-running shells: notice rules saved by another process (polling the file's stat once a
   * second; `fs.watch` misses a rename over the file on some platforms). A file that does not
   * validate is ignored, the rules in force stay.
   */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    watchFile(this.path, { interval: WATCH_INTERVAL_MS, persistent: false }, (now, before) => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
      let text: string;
      try {
        text = readFileSync(this.path, 'utf8');
      } catch {
        return;
      }
      if (text === this.fileText) return;
      let checked;
      try {
        checked = checkRulesValue(JSON.parse(text));
      } catch {
        return;
      }
      if (!checked.ok) return;
      this.fileText = text;
      this.rules = checked.rules;
      this.sourceKind = 'saved';
      this.problem = null;
      this.changed({ by: CHANGED_ELSEWHERE, at: new Date(now.mtimeMs).toISOString() });
    });
  }

  close(): void {
    if (this.watching) unwatchFile(this.path);
    this.watching = false;
    this.listeners.clear();
  }

  private changed(change: RulesChange): void {
    this.change = change;
    for (const listener of this.listeners) listener(change);
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
      this.fileText = text;
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
