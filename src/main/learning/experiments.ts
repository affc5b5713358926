import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type {
  Experiment,
  ExperimentArm,
  ExperimentArmReport,
  ExperimentInput,
  ExperimentReport,
} from '../../shared/contract/learning';
import type { RoutingRules } from '../../shared/contract/rules';
import { SwitchyardError } from '../core/errors';
import { CommittedCache } from '../ledger/foreignCommits';
import { checkRulesValue } from '../routing/rules/rulesDocument';

/** The `experiments` and `experiment_arms` tables (ledger migration 10). */
export const EXPERIMENTS_SCHEMA_SQL = `
  CREATE TABLE experiments (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,             -- epoch ms
    status       TEXT NOT NULL CHECK (status IN ('running', 'stopped', 'promoted')),
    ended_at     INTEGER,
    promoted_arm TEXT
  ) STRICT;
  CREATE TABLE experiment_arms (
    experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    n             INTEGER NOT NULL,
    name          TEXT NOT NULL,
    strategy      TEXT NOT NULL,
    share         REAL NOT NULL CHECK (share > 0 AND share <= 1),
    PRIMARY KEY (experiment_id, n),
    UNIQUE (experiment_id, name)
  ) STRICT, WITHOUT ROWID;
`;

/**
 * A rules-version arm is stored as `rules:<version id>` in `experiment_arms.strategy`, and the
 * version's rules are copied, when the experiment starts, into `app_meta` under `armRulesKey`: the
 * rules history keeps only the last 20 saves, and an arm must keep routing (and stay promotable)
 * with the very rules it started with, however often the rules are saved meanwhile.
 */
const RULES_ARM = 'rules:';
const armRulesKey = (experimentId: number, n: number): string => `experiment_arm_rules:${experimentId}:${n}`;

/** What a request assigned to an arm is routed with. */
export interface ArmAssignment {
  experiment: string;
  arm: string;
  /** The arm's strategy, or null for a rules-version arm (its rules' default strategy decides). */
  strategy: ExperimentArm['strategy'];
  /** The rules version's document for a rules-version arm; null: the rules in force. */
  rules: RoutingRules | null;
}

/** The ledger's arm label of a request: `<experiment>/<arm>`. */
export const armLabel = (experiment: string, arm: string): string => `${experiment}/${arm}`;

/** A request's stable place in [0, 1) for one experiment: the same id always lands in the same arm. */
export function assignmentPoint(experiment: string, requestId: string): number {
  return createHash('sha256').update(`${experiment}\u0000${requestId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** The arm a request belongs to, by cumulative traffic share. */
export function assignArm<A extends { share: number }>(arms: readonly A[], point: number): A {
  const total = arms.reduce((s, a) => s + a.share, 0);
  let edge = 0;
  for (const arm of arms) {
    edge += arm.share / total;
    if (point < edge) return arm;
  }
  return arms[arms.length - 1]!;
}

/** Wilson score interval, 95 %: honest for small counts and rates near 0 or 1. */
export function wilson(successes: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const z = 1.96;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}

const round = (v: number, d = 4): number => Number(v.toFixed(d));

function deepFreeze(e: Experiment): Experiment {
  for (const arm of e.arms) Object.freeze(arm);
  Object.freeze(e.arms);
  return Object.freeze(e);
}

interface ExperimentRow {
  id: number;
  name: string;
  created_at: number;
  status: Experiment['status'];
  ended_at: number | null;
  promoted_arm: string | null;
}

/** A/B experiments of routing strategies and rules versions, stored in the ledger database. */
export class ExperimentStore {
  /**
   * The running experiment as `assign` reads it on every request: kept until this store starts or
   * ends one, or another connection (the CLI's `experiments start|stop|promote`) commits
   * (`ForeignCommits`). Measured (better-sqlite3, temp ledger): `assign` while an experiment runs
   * 42–62 µs → 7 µs a request (the SELECTs and a `prepare` of the arms query per call, against the
   * pragma and the SHA-256); with none running both cost ~3 µs.
   */
  private readonly current: CommittedCache<Experiment | null>;

  constructor(private readonly db: Database.Database) {
    this.current = new CommittedCache(db, () => {
      this.runningRow ??= this.db.prepare("SELECT * FROM experiments WHERE status = 'running'");
      const row = this.runningRow.get();
      return row ? deepFreeze(this.toExperiment(row)) : null;
    });
  }

  /** `versionRules` reads a saved rules version (NOT_FOUND when the history no longer has it). */
  create(input: ExperimentInput, versionRules: (id: string) => RoutingRules, now = Date.now()): Experiment {
    const total = input.arms.reduce((s, a) => s + a.share, 0);
    if (Math.abs(total - 1) > 1e-6) {
      throw new SwitchyardError(
        'EXPERIMENT_INVALID',
        `The arms' traffic shares add up to ${round(total)}, not 1.`,
      );
    }
    if (new Set(input.arms.map((a) => a.name)).size !== input.arms.length) {
      throw new SwitchyardError('EXPERIMENT_INVALID', 'Two arms have the same name.');
    }
    const write = this.db.transaction(() => {
      if (this.running()) {
        throw new SwitchyardError(
          'CONFLICT',
          `Experiment "${this.running()!.name}" is running: stop or promote it first.`,
        );
      }
      if (this.db.prepare('SELECT 1 FROM experiments WHERE name = ?').get(input.name)) {
        throw new SwitchyardError('CONFLICT', `An experiment named "${input.name}" exists already.`);
      }
      const id = Number(
        this.db
          .prepare("INSERT INTO experiments (name, created_at, status) VALUES (?, ?, 'running')")
          .run(input.name, now).lastInsertRowid,
      );
      const arm = this.db.prepare(
        'INSERT INTO experiment_arms (experiment_id, n, name, strategy, share) VALUES (?, ?, ?, ?, ?)',
      );
      const snapshot = this.db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)');
      input.arms.forEach((a, n) => {
        if (a.rulesVersion !== undefined) {
          const rules = versionRules(a.rulesVersion);
          arm.run(id, n, a.name, `${RULES_ARM}${a.rulesVersion}`, a.share);
          snapshot.run(armRulesKey(id, n), JSON.stringify(rules));
        } else arm.run(id, n, a.name, a.strategy!, a.share);
      });
      return id;
    });
    return this.get(this.dropCacheAfter(write))!;
  }

  /** Runs a write of the experiments; the running one is read again afterwards, committed or not. */
  private dropCacheAfter<T>(write: () => T): T {
    this.current.invalidate();
    try {
      return write();
    } finally {
      this.current.invalidate();
    }
  }

  list(): Experiment[] {
    const rows = this.db.prepare('SELECT * FROM experiments ORDER BY id DESC').all() as ExperimentRow[];
    return rows.map((r) => this.toExperiment(r));
  }

  private runningRow?: Database.Statement<[], ExperimentRow>;

  /** The running experiment (frozen: it is the cached one), or null. */
  running(): Experiment | null {
    return this.current.get();
  }

  /** The arm for a request while an experiment runs; null when none runs. */
  assign(requestId: string): ArmAssignment | null {
    const e = this.current.get();
    if (!e) return null;
    const n = assignArm(
      e.arms.map((a, i) => ({ share: a.share, i })),
      assignmentPoint(e.name, requestId),
    ).i;
    const arm = e.arms[n]!;
    const rules = arm.rulesVersion === null ? null : this.armRules(e.id, n);
    // An arm whose copied rules no longer read (a newer schema) must not fail people's requests:
    // they are routed as if no experiment ran, and left out of its report.
    if (arm.rulesVersion !== null && rules === null) return null;
    return { experiment: e.name, arm: arm.name, strategy: arm.strategy, rules };
  }

  private readonly rulesCache = new Map<string, RoutingRules | null>();

  /**
   * A rules-version arm's rules as copied at the start, read once and kept (they never change);
   * null when they no longer pass the rules schema (checked again: it may have changed since).
   */
  private armRules(experimentId: number, n: number): RoutingRules | null {
    const key = armRulesKey(experimentId, n);
    if (this.rulesCache.has(key)) return this.rulesCache.get(key)!;
    const row = this.db.prepare('SELECT value FROM app_meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    const checked = row ? checkRulesValue(JSON.parse(row.value)) : null;
    const rules = checked?.ok ? checked.rules : null;
    if (!rules) console.warn(`[switchyard] experiment arm ${key}: its copied rules no longer validate.`);
    this.rulesCache.set(key, rules);
    return rules;
  }

  /**
   * Ends the experiment; `promote` names the arm to put in force, which `apply` does (its strategy
   * as the default, or its rules version as the rules) inside the same transaction: if applying
   * fails, the experiment keeps running.
   */
  end(
    name: string,
    promote: string | null,
    apply: (arm: ExperimentArm, rules: RoutingRules | null) => void = () => undefined,
    now = Date.now(),
  ): Experiment {
    const write = this.db.transaction(() => {
      const e = this.byName(name);
      if (e.status !== 'running')
        throw new SwitchyardError('EXPERIMENT_INVALID', `Experiment "${name}" is not running.`);
      const n = promote === null ? -1 : e.arms.findIndex((a) => a.name === promote);
      if (promote !== null && n < 0) {
        throw new SwitchyardError('EXPERIMENT_INVALID', `Experiment "${name}" has no arm "${promote}".`);
      }
      this.db
        .prepare('UPDATE experiments SET status = ?, ended_at = ?, promoted_arm = ? WHERE id = ?')
        .run(promote === null ? 'stopped' : 'promoted', now, promote, e.id);
      if (n >= 0) {
        const arm = e.arms[n]!;
        const rules = arm.rulesVersion === null ? null : this.armRules(e.id, n);
        if (arm.rulesVersion !== null && rules === null) {
          throw new SwitchyardError(
            'EXPERIMENT_INVALID',
            `Arm "${arm.name}"'s copy of rules version ${arm.rulesVersion} no longer validates, so it cannot be put in force; stop the experiment instead.`,
          );
        }
        apply(arm, rules);
      }
      return this.get(e.id)!;
    });
    return this.dropCacheAfter(write);
  }

  /** Per arm: requests, spend, mean latency, fallback rate and vote win rate, with 95 % intervals. */
  report(name: string): ExperimentReport {
    const e = this.byName(name);
    const rows = this.db
      .prepare(
        `SELECT l.name AS label, COUNT(*) AS requests,
                SUM(r.cost_nanos) AS costNanos, AVG(r.latency_ms) AS meanLatencyMs,
                AVG(r.latency_ms * r.latency_ms) AS meanSquareLatency,
                SUM(r.fallback_used) AS fallbacks, SUM(CASE WHEN r.status = 0 THEN 1 ELSE 0 END) AS ok
           FROM ledger_requests r JOIN ledger_labels l ON l.id = r.arm_id AND l.kind = 'arm'
          WHERE l.name LIKE ? ESCAPE '\\'
          GROUP BY l.name`,
      )
      .all(`${e.name.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`) as {
      label: string;
      requests: number;
      costNanos: number;
      meanLatencyMs: number;
      meanSquareLatency: number;
      fallbacks: number;
      ok: number;
    }[];
    const votes = this.voteWins(e);
    const arms: ExperimentArmReport[] = e.arms.map((a) => {
      const r = rows.find((x) => x.label === armLabel(e.name, a.name));
      const n = r?.requests ?? 0;
      const sd = r ? Math.sqrt(Math.max(0, r.meanSquareLatency - r.meanLatencyMs ** 2)) : 0;
      const v = votes.get(armLabel(e.name, a.name)) ?? { wins: 0, votes: 0 };
      return {
        arm: a.name,
        strategy: a.strategy,
        rulesVersion: a.rulesVersion,
        share: a.share,
        requests: n,
        spendUsd: round((r?.costNanos ?? 0) / 1e9, 6),
        meanLatencyMs: r ? Math.round(r.meanLatencyMs) : null,
        latencyMsCi:
          r && n > 1
            ? [
                Math.round(r.meanLatencyMs - (1.96 * sd) / Math.sqrt(n)),
                Math.round(r.meanLatencyMs + (1.96 * sd) / Math.sqrt(n)),
              ]
            : null,
        fallbackRate: n ? round((r?.fallbacks ?? 0) / n) : null,
        fallbackRateCi: wilson(r?.fallbacks ?? 0, n),
        successRate: n ? round((r?.ok ?? 0) / n) : null,
        votes: v.votes,
        voteWinRate: v.votes ? round(v.wins / v.votes) : null,
        voteWinRateCi: wilson(v.wins, v.votes),
      };
    });
    return { experiment: e, arms };
  }

  /**
   * Compare votes on routed candidates made while the experiment ran: the arm of a candidate is
   * recomputed from its request id (assignment is deterministic), a win is that candidate chosen.
   */
  private voteWins(e: Experiment): Map<string, { wins: number; votes: number }> {
    const rows = this.db
      .prepare(
        `SELECT c.request_id AS requestId,
                CASE WHEN v.verdict = 'winner' AND v.winner_n = c.n THEN 1.0
                     WHEN v.verdict = 'tie' THEN 0.5 ELSE 0 END AS win
           FROM vote_candidates c JOIN votes v ON v.id = c.vote_id
          WHERE c.target = 'routed' AND c.request_id IS NOT NULL
            AND v.created_at >= ? AND v.created_at <= ?`,
      )
      .all(Date.parse(e.createdAt), e.endedAt ? Date.parse(e.endedAt) : Number.MAX_SAFE_INTEGER) as {
      requestId: string;
      win: number;
    }[];
    const out = new Map<string, { wins: number; votes: number }>();
    for (const r of rows) {
      const label = armLabel(e.name, assignArm(e.arms, assignmentPoint(e.name, r.requestId)).name);
      const t = out.get(label) ?? { wins: 0, votes: 0 };
      t.wins += r.win;
      t.votes += 1;
      out.set(label, t);
    }
    return out;
  }

  private byName(name: string): Experiment {
    const row = this.db.prepare('SELECT * FROM experiments WHERE name = ?').get(name) as
      ExperimentRow | undefined;
    if (!row) throw new SwitchyardError('NOT_FOUND', `No experiment named "${name}".`);
    return this.toExperiment(row);
  }

  private get(id: number): Experiment | null {
    const row = this.db.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as
      ExperimentRow | undefined;
    return row ? this.toExperiment(row) : null;
  }

  private toExperiment(r: ExperimentRow): Experiment {
    const rows = this.db
      .prepare('SELECT name, strategy, share FROM experiment_arms WHERE experiment_id = ? ORDER BY n')
      .all(r.id) as { name: string; strategy: string; share: number }[];
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString(),
      promotedArm: r.promoted_arm,
      arms: rows.map((a) =>
        a.strategy.startsWith(RULES_ARM)
          ? { name: a.name, strategy: null, rulesVersion: a.strategy.slice(RULES_ARM.length), share: a.share }
          : {
              name: a.name,
              strategy: a.strategy as NonNullable<ExperimentArm['strategy']>,
              rulesVersion: null,
              share: a.share,
            },
      ),
    };
  }
}
