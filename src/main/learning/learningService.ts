import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LearningStatus } from '../../shared/contract/learning';
import { SwitchyardError } from '../core/errors';
import type { LedgerDatabase } from '../ledger/database';
import type { LearnedPrediction, LearnedView } from '../routing/liveState';
import { EmbeddingBackfill } from './embeddings/embeddingBackfill';
import {
  embeddedExamples,
  nearestByEmbedding,
  type EmbeddedExamples,
} from './embeddings/embeddingNeighbours';
import { EmbeddingStore } from './embeddings/embeddingStore';
import { PromptEmbedder, type EmbeddingCaller, type PromptVector } from './embeddings/promptEmbedder';
import { ExperimentStore } from './experiments';
import { historyMark, readLabelledHistory } from './history';
import { LiveStats } from './liveStats';
import { suggestTierThresholds, type ThresholdSuggestion } from './thresholdSuggestions';
import type { RoutingRules } from '../../shared/contract/rules';
import { QualityModel } from './qualityModel';
import {
  LEGACY_MODEL_FILE,
  MODEL_FILE,
  loadStoredModel,
  loadStoredModelSync,
  type StoredModel,
} from './storedModel';
import { trainInWorker, type TrainingRun } from './training/trainingThread';
import { VoteRatings } from './voteRatings';

export { MODEL_FILE };
const SETTINGS_FILE = 'learning.json';
/** Fewer labelled prompts than this and the learned strategy keeps ranking as auto. */
export const MIN_TRAINING_PROMPTS = 10;
/** Retrain at most this often after new requests were recorded. */
const RETRAIN_DELAY_MS = 30_000;

interface LearningSettings {
  willingnessToPayUsd: number;
  /** `<provider>/<model>` of the embeddings model, or null (off: text features only). */
  embeddingsModel?: string | null;
}
const DEFAULT_SETTINGS: LearningSettings = { willingnessToPayUsd: 0.01, embeddingsModel: null };

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
  /** Whether the stored model was read (`loading` reads it asynchronously at construction). */
  private loaded = false;
  private readonly loading: Promise<void>;
  /** Prompt embeddings (off until a model is set and `connectEmbeddings` wired the provider calls). */
  embedder: PromptEmbedder;
  private readonly embeddingStore: EmbeddingStore | null;
  private backfill: EmbeddingBackfill | null = null;
  /** The embeddings model whose back-fill, once finished, starts a retraining (set by a model change). */
  private retrainAfterBackfill: string | null = null;
  /** The trained model's examples that have vectors, rebuilt when the model or the vectors change. */
  private embedded: {
    model: QualityModel;
    embeddings: string;
    stored: number;
    examples: EmbeddedExamples;
  } | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly database: LedgerDatabase | null,
  ) {
    this.ratings = new VoteRatings(() => database?.db ?? null);
    this.stats = new LiveStats(() => database?.db ?? null);
    this.experiments = database ? new ExperimentStore(database.db) : null;
    this.settings = { ...DEFAULT_SETTINGS, ...readJson<LearningSettings>(join(dataDir, SETTINGS_FILE)) };
    this.embeddingStore = database ? new EmbeddingStore(database.db) : null;
    this.embedder = new PromptEmbedder(
      this.embeddingStore,
      () => this.settings.embeddingsModel ?? null,
      null,
    );
    // Off the start-up path: the file is read asynchronously (README "Stored model").
    this.loading = loadStoredModel(dataDir).then(
      (stored) => this.adopt(stored),
      () => this.adopt(null),
    );
  }

  /**
   * Wires the provider calls of embeddings (Services: the execution room's adapter, the ledger for
   * their spend) and starts the back-fill of stored prompts when a model is set.
   */
  connectEmbeddings(caller: EmbeddingCaller): void {
    const embedder = new PromptEmbedder(
      this.embeddingStore,
      () => this.settings.embeddingsModel ?? null,
      caller,
    );
    this.embedder = embedder;
    if (this.database) {
      this.backfill?.close();
      this.backfill = new EmbeddingBackfill(this.database.db, embedder, (model) => this.backfillDone(model));
      this.backfill.kick();
    }
  }

  /** Retention deleted stored vectors: the in-memory copy is read again on next use. */
  embeddingsDeleted(): void {
    this.embeddingStore?.reload();
  }

  /** New requests were recorded: their prompts get embedded (if a lookup did not already). */
  resumeBackfill(): void {
    this.backfill?.kick();
  }

  /** Runs back-fill batches now until none is left or one fails (tests, `learning embeddings --backfill`). */
  async backfillNow(): Promise<void> {
    await this.backfill?.runNow();
  }

  /** Validated by the caller (the model exists, its provider has embeddings and a key). */
  setEmbeddingsModel(model: string | null): LearningStatus {
    const changed = model !== (this.settings.embeddingsModel ?? null);
    this.saveSettings({ ...this.settings, embeddingsModel: model });
    this.embedded = null;
    if (changed && model !== null && this.database) {
      // A model trained before has no (or other) text hashes for its examples: once the stored
      // prompts are embedded, train again so the neighbours use the new vectors without a click.
      this.retrainAfterBackfill = model;
      this.lastOutcome = `training scheduled: after the embeddings back-fill (${model})`;
    }
    this.backfill?.kick();
    return this.status();
  }

  /** The back-fill reached the end of the stored prompts: the retraining a model change asked for starts now. */
  private backfillDone(model: string): void {
    if (this.retrainAfterBackfill !== model || this.closed) return;
    this.retrainAfterBackfill = null;
    try {
      this.train(true).catch(() => undefined); // a failed training is in `lastOutcome`, shown by the status
    } catch (e) {
      this.lastOutcome = `training failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private examplesWithVectors(model: QualityModel, embeddings: string): EmbeddedExamples {
    const stored = this.embedder.storedCount();
    const cached = this.embedded;
    if (cached && cached.model === model && cached.embeddings === embeddings && cached.stored === stored)
      return cached.examples;
    const examples = embeddedExamples(model.exampleKeys(), (key) => this.embedder.vectorByKey(key));
    this.embedded = { model, embeddings, stored, examples };
    return examples;
  }

  /** The prediction with neighbours by embeddings when the prompt has a vector, else by text features, saying which. */
  private predictWith(
    model: QualityModel,
    text: string,
    embedding: PromptVector | null | undefined,
  ): LearnedPrediction {
    const base = { trainedOn: model.size };
    if (!embedding || (embedding.vector === null && embedding.unavailable === 'off'))
      return { ...model.predict(text), ...base, neighboursBy: null };
    if (embedding.vector === null)
      return {
        ...model.predict(text),
        ...base,
        neighboursBy: `embeddings unavailable (${embedding.unavailable}): matched on text features`,
      };
    const examples = this.examplesWithVectors(model, embedding.model);
    if (examples.vectors.length === 0)
      return {
        ...model.predict(text),
        ...base,
        neighboursBy: `embeddings unavailable (${embedding.model}: no past prompt embedded yet): matched on text features`,
      };
    const near = nearestByEmbedding(embedding.vector, examples, model.options.neighbours);
    return {
      ...model.predict(text, near),
      ...base,
      neighboursBy: `nearest past prompts by embeddings (${embedding.model}; ${examples.vectors.length} of ${model.size} past prompts embedded)`,
    };
  }

  /** Resolves once the stored model is loaded (or found missing); routes that show it wait for it. */
  ready(): Promise<void> {
    return this.loading;
  }

  /** The stored model, now: a decision or a status asked before the async read finished reads it here. */
  private ensureLoaded(): void {
    if (!this.loaded) this.adopt(loadStoredModelSync(this.dataDir));
  }

  private adopt(stored: StoredModel | null): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!stored) return;
    this.model = stored.model;
    this.trainedAt = stored.trainedAt;
    this.trainedMark = stored.mark;
  }

  /** What routing reads at decision time. */
  readonly view: LearnedView = {
    predict: (text, embedding) => {
      this.ensureLoaded();
      return this.model ? this.predictWith(this.model, text, embedding) : null;
    },
    embedding: async (text, mode) => {
      await this.loading;
      // Untrained, the learned strategy ranks as auto: nothing to look up, nothing to pay for.
      if (!this.model || !this.embedder.active()) return this.embedder.cached(text);
      return mode === 'fetch' ? this.embedder.vectorFor(text) : this.embedder.cached(text);
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
    this.ensureLoaded();
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
    this.saveSettings({ ...this.settings, willingnessToPayUsd: usd });
    return this.status();
  }

  private saveSettings(next: LearningSettings): void {
    const path = join(this.dataDir, SETTINGS_FILE);
    writeFileSync(`${path}.tmp`, JSON.stringify(next), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    this.settings = next;
  }

  status(): LearningStatus {
    this.ensureLoaded();
    return {
      trained: this.model !== null,
      trainedAt: this.trainedAt,
      prompts: this.model?.size ?? 0,
      models: this.model?.models.sort() ?? [],
      willingnessToPayUsd: this.settings.willingnessToPayUsd,
      minPrompts: MIN_TRAINING_PROMPTS,
      lastOutcome: this.lastOutcome,
      training: this.running !== null,
      embeddings: this.embeddingsStatus(),
    };
  }

  private embeddingsStatus(): LearningStatus['embeddings'] {
    const model = this.settings.embeddingsModel ?? null;
    const progress = this.backfill?.progress() ?? { running: false, pending: 0 };
    return {
      model,
      stored: model ? this.embedder.storedCount() : 0,
      pending: progress.pending,
      backfilling: progress.running,
      lastError: model ? this.embedder.lastError : null,
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
    this.backfill?.close();
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
