import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoutingRules, RulesVersion } from '../../../shared/contract/rules';
import { SwitchyardError } from '../../core/errors';
import { checkRulesValue } from './rulesDocument';

export const RULES_HISTORY_DIR = 'routing-rules.history';
/** Saved versions kept for restore; older ones are deleted on save. */
export const RULES_HISTORY_LIMIT = 20;

const ID = /^(\d{13})-(\d{3})$/;

/**
 * The last saved versions of the rules, one JSON file each (`<epoch ms>-<seq>.json`) next to the
 * rules file, newest kept. Files, like the rules themselves, so a person can read and copy them.
 */
export class RulesHistory {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, RULES_HISTORY_DIR);
  }

  /** Records a saved version; returns its id. */
  add(rules: RoutingRules, now = Date.now()): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const taken = new Set(this.ids());
    let seq = 0;
    let id = `${now}-000`;
    while (taken.has(id)) id = `${now}-${String(++seq).padStart(3, '0')}`;
    const tmp = join(this.dir, `.${id}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(rules, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, join(this.dir, `${id}.json`));
    for (const old of this.ids().slice(RULES_HISTORY_LIMIT))
      rmSync(join(this.dir, `${old}.json`), { force: true });
    return id;
  }

  isEmpty(): boolean {
    return this.ids().length === 0;
  }

  /** Newest first; `current` marks the version equal to the rules in force. */
  list(current: RoutingRules): RulesVersion[] {
    const now = JSON.stringify(current);
    return this.ids().map((id) => {
      const rules = this.read(id);
      return {
        id,
        savedAt: new Date(Number(ID.exec(id)?.[1])).toISOString(),
        current: rules !== null && JSON.stringify(rules) === now,
        summary: rules ? summarise(rules) : 'unreadable: cannot be restored',
      };
    });
  }

  /** A saved version, validated again (the schema may have changed since it was written). */
  get(id: string): RoutingRules {
    const rules = ID.test(id) ? this.read(id) : null;
    if (!rules) {
      throw new SwitchyardError(
        'NOT_FOUND',
        `No saved rules version ${id}; the last ${RULES_HISTORY_LIMIT} are kept.`,
      );
    }
    return rules;
  }

  private ids(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .map((n) => n.replace(/\.json$/, ''))
      .filter((n) => ID.test(n))
      .sort()
      .reverse();
  }

  private read(id: string): RoutingRules | null {
    try {
      const checked = checkRulesValue(JSON.parse(readFileSync(join(this.dir, `${id}.json`), 'utf8')));
      return checked.ok ? checked.rules : null;
    } catch {
      return null;
    }
  }
}

/** One line a person can tell versions apart by. */
function summarise(r: RoutingRules): string {
  const b = r.context_bands;
  const cuts = Object.values(r.complexity_tiers)
    .map((t) => t.complexity_range[0])
    .filter((x) => x > 0)
    .sort((a, b) => a - b);
  const k = (n: number) => (n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n));
  return `strategy ${r.defaults.strategy}; bands ${k(b.fast_below)}/${k(b.long_from)}; tiers ${cuts.join('/')}`;
}
