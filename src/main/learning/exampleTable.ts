import type { TrainingPrompt } from './qualityModel';

/** A past prompt as the training and the format-1 model file give it. */
export interface StoredExample {
  id: string;
  excerpt: string;
  labels: TrainingPrompt['labels'];
  /** As `TrainingPrompt.embedKey`; absent in models trained before embeddings existed. */
  key?: string;
}

/** The table's arrays as they are: what the model file stores and the training worker hands over. */
export interface ExampleColumns {
  /** Label columns, in this order. */
  models: string[];
  /** UTF-8 of every example's id, excerpt and key, one after the other. */
  text: Uint8Array;
  /** Per example three end offsets into `text`: id, excerpt, key (an empty key is none). */
  textEnd: Int32Array;
  /** `quality[i * models.length + m]`; NaN: model m has no label on example i. */
  quality: Float64Array;
  /** The same cells' cost in USD; NaN: not recorded. */
  cost: Float64Array;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The examples of the quality model (one per stored prompt) in columns: labels in typed arrays,
 * the strings as one UTF-8 block decoded when one is read (the explanation reads three per
 * decision).
 *
 * Measured reason (bench/learned.ts, 20k stored prompts): as JSON in the model file's header they
 * were a 10 MB `JSON.parse` that held the main thread ~180 ms at start-up; as columns, loading
 * only wraps the arrays (see learning/README.md "Stored model").
 */
export class ExampleTable {
  private readonly column: Map<string, number>;
  private readonly width: number;

  constructor(readonly columns: ExampleColumns) {
    const n = columns.textEnd.length / 3;
    this.width = columns.models.length;
    if (
      !Number.isInteger(n) ||
      columns.quality.length !== n * this.width ||
      columns.cost.length !== n * this.width ||
      (n > 0 && columns.textEnd[n * 3 - 1]! > columns.text.length)
    )
      throw new Error('damaged model: example table');
    this.column = new Map(columns.models.map((m, i) => [m, i]));
  }

  static from(examples: readonly StoredExample[]): ExampleTable {
    const models = [...new Set(examples.flatMap((e) => Object.keys(e.labels)))];
    const column = new Map(models.map((m, i) => [m, i]));
    const width = models.length;
    const quality = new Float64Array(examples.length * width).fill(NaN);
    const cost = new Float64Array(examples.length * width).fill(NaN);
    const textEnd = new Int32Array(examples.length * 3);
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    examples.forEach((e, i) => {
      [e.id, e.excerpt, e.key ?? ''].forEach((s, j) => {
        const b = encoder.encode(s);
        chunks.push(b);
        bytes += b.length;
        textEnd[i * 3 + j] = bytes;
      });
      for (const [model, label] of Object.entries(e.labels)) {
        const at = i * width + column.get(model)!;
        quality[at] = label.quality;
        if (label.costUsd !== null) cost[at] = label.costUsd;
      }
    });
    const text = new Uint8Array(bytes);
    let at = 0;
    for (const c of chunks) {
      text.set(c, at);
      at += c.length;
    }
    return new ExampleTable({ models, text, textEnd, quality, cost });
  }

  get size(): number {
    return this.columns.textEnd.length / 3;
  }

  private string(i: number, j: number): string {
    const { text, textEnd } = this.columns;
    const at = i * 3 + j;
    return decoder.decode(text.subarray(at === 0 ? 0 : textEnd[at - 1]!, textEnd[at]!));
  }

  id(i: number): string {
    return this.string(i, 0);
  }

  excerpt(i: number): string {
    return this.string(i, 1);
  }

  /** The example's embeddings key, or undefined (a model trained before embeddings existed). */
  key(i: number): string | undefined {
    const { textEnd } = this.columns;
    return textEnd[i * 3 + 2] === textEnd[i * 3 + 1] ? undefined : this.string(i, 2);
  }

  /** The label column of a model, −1 when no example has a label of it. */
  modelColumn(model: string): number {
    return this.column.get(model) ?? -1;
  }

  /** Quality of example i for the model in `column` (`modelColumn`); NaN: no label. */
  quality(i: number, column: number): number {
    return column < 0 ? NaN : this.columns.quality[i * this.width + column]!;
  }

  /** Cost in USD of that label; NaN: not recorded. */
  cost(i: number, column: number): number {
    return column < 0 ? NaN : this.columns.cost[i * this.width + column]!;
  }

  /** Every labelled model's quality on example i. */
  qualities(i: number): Record<string, number> {
    const out: Record<string, number> = {};
    this.columns.models.forEach((m, c) => {
      const q = this.quality(i, c);
      if (!Number.isNaN(q)) out[m] = q;
    });
    return out;
  }

  /** Example i as a plain object (the legacy JSON form). */
  example(i: number): StoredExample {
    const labels: StoredExample['labels'] = {};
    this.columns.models.forEach((m, c) => {
      const quality = this.quality(i, c);
      if (Number.isNaN(quality)) return;
      const cost = this.cost(i, c);
      labels[m] = { quality, costUsd: Number.isNaN(cost) ? null : cost };
    });
    const key = this.key(i);
    return { id: this.id(i), excerpt: this.excerpt(i), labels, ...(key ? { key } : {}) };
  }
}
