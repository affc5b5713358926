import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
import { QualityModel, type StoredQualityModel } from './qualityModel';
import { VoteRatings } from './voteRatings';

export const MODEL_FILE = 'learned-router.json';
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
    const stored = readJson<StoredQualityModel & { trainedAt: string; mark: string }>(
      join(this.dataDir, MODEL_FILE),
    );
    if (!stored || stored.version !== 1) return;
    this.model = QualityModel.fromJSON(stored);
    this.trainedAt = stored.trainedAt;
    this.trainedMark = stored.mark;
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

  /** Trains from the ledger now (skipped when nothing new was recorded unless `force`). */
  train(force = false): LearningStatus {
    const db = this.requireDb();
    const mark = historyMark(db);
    if (!force && mark === this.trainedMark) return this.status();
    const history = readLabelledHistory(db);
    if (history.length < MIN_TRAINING_PROMPTS) {
      this.lastOutcome = `not trained: ${history.length} labelled prompts, at least ${MIN_TRAINING_PROMPTS} needed (turn on storing prompts in Settings)`;
      return this.status();
    }
    const model = QualityModel.train(history);
    const trainedAt = new Date().toISOString();
    const path = join(this.dataDir, MODEL_FILE);
    writeFileSync(`${path}.tmp`, JSON.stringify({ ...model.toJSON(), trainedAt, mark }), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    this.model = model;
    this.trainedAt = trainedAt;
    this.trainedMark = mark;
    this.lastOutcome = `trained on ${history.length} prompts`;
    return this.status();
  }

  /** After requests are recorded: retrain once things are quiet, off the request path. */
  scheduleTraining(): void {
    if (this.timer || !this.database) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.train();
      } catch (e) {
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
