import {
  DEFAULT_LOGISTIC,
  LogisticModel,
  decodeFloat32,
  decodeInt32,
  type LogisticOptions,
} from './logisticModel';
import { ExampleTable, type ExampleColumns } from './exampleTable';
import { NeighbourIndex, type Postings } from './neighbourIndex';
import { TfIdf, termCounts, terms, type SparseVector } from './textFeatures';

/** One past prompt and what each model that answered it achieved. */
export interface TrainingPrompt {
  /** Where it came from (a ledger request id, a RouterBench sample id). */
  id: string;
  text: string;
  labels: Record<string, { quality: number; costUsd: number | null }>;
  /** `textKey` of the text an embeddings model would embed (ledger prompts only): finds its vector. */
  embedKey?: string;
}

export interface QualityModelOptions {
  logistic: LogisticOptions;
  /** Neighbours read for the kNN estimate and the explanation. */
  neighbours: number;
  /** Weight of the logistic estimate against the kNN one, 0–1. */
  blend: number;
  /** A model with fewer labelled prompts gets no prediction (the caller keeps its catalog quality). */
  minExamples: number;
  /**
   * Pseudo-examples at the model's overall rate added to the neighbours' similarity-weighted vote
   * (a Beta prior): a model is preferred over the usually-best one only where close past prompts
   * clearly say so. 3 was best on a hold-out of the RouterBench train files.
   */
  priorWeight: number;
}

/** Each model's logistic regression learns from its newest 5,000 labelled prompts. */
const LOGISTIC_ROWS = 5_000;

/** A long prompt is matched to past ones on its 512 heaviest features (see `NeighbourIndex.search`). */
const QUERY_TERMS = 512;

/** Tuned on a hold-out split of the RouterBench train files (`eval routerbench`). */
export const DEFAULT_QUALITY_OPTIONS: QualityModelOptions = {
  logistic: DEFAULT_LOGISTIC,
  neighbours: 48,
  blend: 0.3,
  minExamples: 3,
  priorWeight: 3,
};

export interface ModelPrediction {
  quality: number;
  /** Mean cost of this model on the nearest past prompts, when costs were recorded. */
  costUsd: number | null;
  examples: number;
}

export interface Neighbour {
  id: string;
  excerpt: string;
  similarity: number;
  labels: Record<string, number>;
}

export interface QualityPrediction {
  models: Record<string, ModelPrediction>;
  neighbours: Neighbour[];
  /** The prompt's terms that moved the predictions most, across models. */
  features: { term: string; effect: number }[];
}

/** Nearest past prompts found by another measure (embeddings): example index and cosine. */
export interface ExternalNeighbour {
  index: number;
  similarity: number;
}

const excerptOf = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
};

/**
 * Predicts, from the prompt text alone, how well each model will do: a blend of a per-model
 * logistic regression and a similarity-weighted vote of the nearest past prompts.
 */
export class QualityModel {
  private constructor(
    readonly tfidf: TfIdf,
    readonly perModel: ReadonlyMap<string, { lr: LogisticModel; examples: number; prior: number }>,
    /** The past prompts (their vectors live in the neighbour index). */
    private readonly examples: ExampleTable,
    private readonly index: NeighbourIndex,
    readonly options: QualityModelOptions,
  ) {}

  static train(prompts: readonly TrainingPrompt[], options = DEFAULT_QUALITY_OPTIONS): QualityModel {
    const counts = prompts.map((p) => termCounts(p.text));
    const tfidf = TfIdf.fitCounts(counts);
    const vectors = counts.map((c) => tfidf.vectorOf(c));
    const examples = ExampleTable.from(
      prompts.map((p) => ({
        id: p.id,
        excerpt: excerptOf(p.text),
        labels: p.labels,
        ...(p.embedKey ? { key: p.embedKey } : {}),
      })),
    );
    const modelKeys = new Set(prompts.flatMap((p) => Object.keys(p.labels)));
    const perModel = new Map<string, { lr: LogisticModel; examples: number; prior: number }>();
    for (const model of modelKeys) {
      const rows = prompts.flatMap((p, i) => {
        const label = p.labels[model];
        return label ? [{ x: vectors[i]!, y: label.quality }] : [];
      });
      if (rows.length < options.minExamples) continue;
      const prior = rows.reduce((s, r) => s + r.y, 0) / rows.length;
      // The newest rows only: the regression is most of the training time (~0.8 s of CPU per model
      // at 20k prompts, bench/learned.ts) and the kNN vote still reads every stored prompt.
      const newest = rows.slice(-LOGISTIC_ROWS);
      perModel.set(model, {
        lr: LogisticModel.train(newest, options.logistic),
        examples: rows.length,
        prior,
      });
    }
    return new QualityModel(tfidf, perModel, examples, new NeighbourIndex(vectors), options);
  }

  get models(): string[] {
    return [...this.perModel.keys()];
  }

  get size(): number {
    return this.examples.size;
  }

  /**
   * Each stored example's embeddings key (undefined where none is known), by example index;
   * decoded on first use (not at load) and kept: the embeddings lookup asks again whenever the
   * stored vectors change.
   */
  exampleKeys(): readonly (string | undefined)[] {
    this.keys ??= Array.from({ length: this.examples.size }, (_, i) => this.examples.key(i));
    return this.keys;
  }
  private keys: (string | undefined)[] | null = null;

  /**
   * `neighbours`: the nearest past prompts found by embeddings, used for the kNN vote and the
   * explanation instead of the TF-IDF neighbours; the regression keeps reading the text features.
   */
  predict(text: string, neighbours?: readonly ExternalNeighbour[]): QualityPrediction {
    const x = this.tfidf.vector(text);
    const near = neighbours
      ? neighbours.map((n) => ({ example: n.index, similarity: n.similarity }))
      : this.nearest(x);
    const models: Record<string, ModelPrediction> = {};
    const effects = new Map<number, number>();
    for (const [model, { lr, examples, prior }] of this.perModel) {
      const column = this.examples.modelColumn(model);
      let weight = this.options.priorWeight;
      let sum = this.options.priorWeight * prior;
      let costWeight = 0;
      let costSum = 0;
      for (const { example, similarity } of near) {
        const labelQuality = this.examples.quality(example, column);
        if (Number.isNaN(labelQuality)) continue;
        const s = Math.max(similarity, 0) ** 2;
        weight += s;
        sum += s * labelQuality;
        const labelCost = this.examples.cost(example, column);
        if (!Number.isNaN(labelCost)) {
          costWeight += s + 1e-9;
          costSum += (s + 1e-9) * labelCost;
        }
      }
      const knn = sum / weight;
      const quality = this.options.blend * lr.predict(x) + (1 - this.options.blend) * knn;
      models[model] = { quality, costUsd: costWeight > 0 ? costSum / costWeight : null, examples };
      for (const c of lr.contributions(x, 5)) effects.set(c.bucket, (effects.get(c.bucket) ?? 0) + c.effect);
    }
    return {
      models,
      neighbours: near.slice(0, 3).map(({ example, similarity }) => ({
        id: this.examples.id(example),
        excerpt: this.examples.excerpt(example),
        similarity: Number(similarity.toFixed(3)),
        labels: this.examples.qualities(example),
      })),
      features: this.namedFeatures(text, effects),
    };
  }

  /** The nearest examples by TF-IDF cosine: example index and similarity. */
  private nearest(x: SparseVector): { example: number; similarity: number }[] {
    return this.index
      .search(x, this.options.neighbours, QUERY_TERMS)
      .map((hit) => ({ example: hit.index, similarity: hit.similarity }));
  }

  private namedFeatures(text: string, effects: Map<number, number>): { term: string; effect: number }[] {
    const names = new Map<number, string>();
    for (const t of terms(text))
      if (effects.has(t.bucket) && !names.has(t.bucket)) names.set(t.bucket, t.text);
    return [...effects]
      .filter(([bucket]) => names.has(bucket))
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, 5)
      .map(([bucket, effect]) => ({ term: names.get(bucket)!, effect: Number(effect.toFixed(3)) }));
  }

  /**
   * The model as plain data plus typed arrays: what the training worker posts back (the arrays'
   * buffers are transferred, not copied) and what the binary model file stores. Nothing is
   * rebuilt from it: the neighbour index's postings are kept as they are.
   */
  toParts(): QualityModelParts {
    const weights: QualityModelParts['arrays']['weights'] = {};
    const models: QualityModelParts['header']['models'] = {};
    for (const [m, v] of this.perModel) {
      weights[m] = v.lr.sparseWeights();
      models[m] = { bias: v.lr.bias, examples: v.examples, prior: v.prior };
    }
    return {
      header: {
        options: this.options,
        documents: this.tfidf.documents,
        models,
      },
      arrays: {
        idf: this.tfidf.weights,
        postings: this.index.postings(),
        weights,
        examples: this.examples.columns,
      },
    };
  }

  static fromParts({ header, arrays }: QualityModelParts): QualityModel {
    const perModel = new Map(
      Object.entries(header.models).map(([m, v]) => {
        const w = arrays.weights[m];
        if (!w) throw new Error(`damaged model: no weights for ${m}`);
        return [
          m,
          { lr: LogisticModel.fromSparse(w.idx, w.val, v.bias), examples: v.examples, prior: v.prior },
        ];
      }),
    );
    const examples = new ExampleTable(arrays.examples);
    if (arrays.postings.size !== examples.size) throw new Error('damaged model: examples ≠ index');
    return new QualityModel(
      TfIdf.fromWeights(arrays.idf, header.documents),
      perModel,
      examples,
      new NeighbourIndex(arrays.postings),
      header.options,
    );
  }

  /** The former JSON file (base64 vectors); kept to read a model saved before the binary file. */
  toJSON(): StoredQualityModel {
    const vectors = this.index.vectors();
    return {
      version: 1,
      options: this.options,
      tfidf: this.tfidf.toJSON(),
      models: Object.fromEntries(
        [...this.perModel].map(([m, v]) => [m, { ...v.lr.toJSON(), examples: v.examples, prior: v.prior }]),
      ),
      examples: vectors.map((v, i) => {
        const e = this.examples.example(i);
        return {
          id: e.id,
          excerpt: e.excerpt,
          idx: Buffer.from(v.idx.buffer).toString('base64'),
          val: Buffer.from(v.val.buffer).toString('base64'),
          labels: e.labels,
        };
      }),
    };
  }

  static fromJSON(json: StoredQualityModel): QualityModel {
    const perModel = new Map(
      Object.entries(json.models).map(([m, v]) => [
        m,
        { lr: LogisticModel.fromJSON(v), examples: v.examples, prior: v.prior },
      ]),
    );
    const examples = ExampleTable.from(
      json.examples.map((e) => ({ id: e.id, excerpt: e.excerpt, labels: e.labels })),
    );
    const index = new NeighbourIndex(
      json.examples.map((e) => ({ idx: decodeInt32(e.idx), val: decodeFloat32(e.val) })),
    );
    return new QualityModel(TfIdf.fromJSON(json.tfidf), perModel, examples, index, json.options);
  }
}

export interface QualityModelParts {
  header: {
    options: QualityModelOptions;
    documents: number;
    models: Record<string, { bias: number; examples: number; prior: number }>;
  };
  arrays: {
    idf: Float32Array;
    postings: Postings;
    weights: Record<string, { idx: Int32Array; val: Float32Array }>;
    /** The past prompts' ids, excerpts, embeddings keys and labels, in columns (`ExampleTable`). */
    examples: ExampleColumns;
  };
}

export interface StoredQualityModel {
  version: 1;
  options: QualityModelOptions;
  tfidf: ReturnType<TfIdf['toJSON']>;
  models: Record<string, ReturnType<LogisticModel['toJSON']> & { examples: number; prior: number }>;
  examples: { id: string; excerpt: string; idx: string; val: string; labels: TrainingPrompt['labels'] }[];
}
