import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LearningStatus } from '../../shared/contract/learning';
import { SwitchyardError } from '../core/errors';
import type { LedgerDatabase } from '../ledger/database';
import type { LearnedView } from '../routing/liveState';
import { ExperimentStore } from './experiments';
import { historyMark, readLabelledHistory } from './history';
import { LiveStats } from './liveStats';
import { suggestTierThresholds, type ThresholdSuggestion } from './thresholdSuggestions';
import type { RoutingRules } from '../../shared/contract/rules';
import { readModelFile } from './modelFile';
import { QualityModel, type StoredQualityModel } from './qualityModel';
import { trainInWorker, type TrainingRun } from './training/trainingThread';
import { VoteRatings } from './voteRatings';

export const MODEL_FILE = 'learned-router.bin';
/** The model file before the binary one: read once after an upgrade, deleted at the next training. */
const LEGACY_MODEL_FILE = 'learned-router.json';
const SETTINGS_FILE = 'learning.json';
/** Fewer labelled prompts than this and the learned strategy keeps ranking as auto. */
export const MIN_TRAINING_PROMPTS = 10;
/** Retrain at most this often after new requests were recorded. */
const RETRAIN_DELAY_MS = 30_000;

interface LearningSettings {
  willingnessToPayUsd: number;
}
const DEFAULT_SETTINGS: LearningSettings = { willingnessToPayUsd: 0.01 };

/**
 * The learning room: the learned strategy's quality model (trained from the ledger's stored
 * prompts and outcomes, kept in the data dir), vote ratings and A/B experiments.
 */
export class LearningService {
  readonly ratings: VoteRatings;
  readonly stats: LiveStats;
  readonly experiments: ExperimentStore | null;
  private model: QualityModel | null = null;
  private trainedAt: string | null = null;
  private trainedMark: string | null = null;
  private lastOutcome: string | null = null;
  private settings: LearningSettings;
  private timer: NodeJS.Timeout | null = null;
  /** The training under way in its worker thread, if any (one at a time). */
  private running: { run: TrainingRun; status: Promise<LearningStatus> } | null = null;
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly database: LedgerDatabase | null,
  ) {
    this.ratings = new VoteRatings(() => database?.db ?? null);
    this.stats = new LiveStats(() => database?.db ?? null);
    this.experiments = database ? new ExperimentStore(database.db) : null;
    this.settings = readJson(join(dataDir, SETTINGS_FILE)) ?? DEFAULT_SETTINGS;
    this.load();
  }

  private load(): void {
    const path = join(this.dataDir, MODEL_FILE);
    if (existsSync(path)) {
      try {
        const { parts, meta } = readModelFile(path);
        this.model = QualityModel.fromParts(parts);
        this.trainedAt = meta.trainedAt;
        this.trainedMark = meta.mark;
      } catch {
        // a damaged file is retrained over, never trusted
      }
      return;
    }
    const legacy = readJson<StoredQualityModel & { trainedAt: string; mark: string }>(
      join(this.dataDir, LEGACY_MODEL_FILE),
    );
    if (!legacy || legacy.version !== 1) return;
    this.model = QualityModel.fromJSON(legacy);
    this.trainedAt = legacy.trainedAt;
    this.trainedMark = null; // retrain soon, into the binary file
  }

  /** What routing reads at decision time. */
  readonly view: LearnedView = {
    predict: (text) => {
      if (!this.model) return null;
      return { ...this.model.predict(text), trainedOn: this.model.size };
    },
    willingnessToPayUsd: () => this.settings.willingnessToPayUsd,
    voteAdjustment: (modelKey, useCase) => this.ratings.adjustment(modelKey, useCase),
  };

  /**
   * Trains from the ledger (skipped when nothing new was recorded unless `force`). The history is
   * read here (SQL aggregates, a few ms); fitting the model and writing its file run in a worker
   * thread, and the new model replaces the old one when it is ready. Routing keeps using the old
   * model (or none) meanwhile. A call during a training waits for it, then trains again only if
   * something new was recorded in between.
   */
  train(force = false): Promise<LearningStatus> {
    if (this.running) {
      const after = this.running.status.catch(() => undefined);
      return after.then(() => this.train(false));
    }
    const db = this.requireDb();
    const mark = historyMark(db);
    if (!force && mark === this.trainedMark) return Promise.resolve(this.status());
    const history = readLabelledHistory(db);
    if (history.length < MIN_TRAINING_PROMPTS) {
      this.lastOutcome = `not trained: ${history.length} labelled prompts, at least ${MIN_TRAINING_PROMPTS} needed (turn on storing prompts in Settings)`;
      return Promise.resolve(this.status());
    }
    const trainedAt = new Date().toISOString();
    const run = trainInWorker({ history, path: join(this.dataDir, MODEL_FILE), meta: { trainedAt, mark } });
    const status = run.result.then(
      ({ parts }) => {
        this.running = null;
        if (this.closed) return this.status();
        this.model = QualityModel.fromParts(parts);
        this.trainedAt = trainedAt;
        this.trainedMark = mark;
        this.lastOutcome = `trained on ${history.length} prompts`;
        rmSync(join(this.dataDir, LEGACY_MODEL_FILE), { force: true });
        return this.status();
      },
      (e: unknown) => {
        this.running = null;
        const message = e instanceof Error ? e.message : String(e);
        this.lastOutcome = `training failed: ${message}`;
        throw new SwitchyardError('INTERNAL', `Training the learned strategy failed: ${message}`);
      },
    );
    this.running = { run, status };
    return status;
  }

  /** After requests are recorded: retrain once things are quiet, off the request path. */
  scheduleTraining(): void {
    if (this.timer || !this.database) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.train().catch(() => undefined); // a failed training is in `lastOutcome`, shown by the status
      } catch (e) {
        // Reading the history failed (before any worker started): say so there too.
        this.lastOutcome = `training failed: ${e instanceof Error ? e.message : String(e)}`;
      }
    }, RETRAIN_DELAY_MS);
    this.timer.unref();
  }

  /** Tier edges the history argues for; the rule editor shows them, nothing is applied. */
  suggestThresholds(rules: RoutingRules): ThresholdSuggestion[] {
    return suggestTierThresholds(this.requireDb(), rules);
  }

  setWillingnessToPay(usd: number): LearningStatus {
    this.settings = { ...this.settings, willingnessToPayUsd: usd };
    const path = join(this.dataDir, SETTINGS_FILE);
    writeFileSync(`${path}.tmp`, JSON.stringify(this.settings), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    return this.status();
  }

  status(): LearningStatus {
    return {
      trained: this.model !== null,
      trainedAt: this.trainedAt,
      prompts: this.model?.size ?? 0,
      models: this.model?.models.sort() ?? [],
      willingnessToPayUsd: this.settings.willingnessToPayUsd,
      minPrompts: MIN_TRAINING_PROMPTS,
      lastOutcome: this.lastOutcome,
      training: this.running !== null,
    };
  }

  private requireDb(): NonNullable<LedgerDatabase['db']> {
    if (!this.database)
      throw new SwitchyardError(
        'DB_UNAVAILABLE',
        'The database is not open, so there is no history to learn from.',
      );
    return this.database.db;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running?.run.stop();
  }
}

function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null; // a damaged file is retrained over, never trusted
  }
}
