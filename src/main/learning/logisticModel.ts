import { FEATURE_BUCKETS, type SparseVector } from './textFeatures';

/**
 * A per-model logistic regression over sparse hashed features, trained by AdaGrad SGD with L2.
 *
 * Hand-written on purpose: the npm ML packages (ml-logistic-regression, natural's classifiers)
 * take dense matrices, which at 2^18 hashed features would need gigabytes; this model touches only
 * a prompt's non-zero features per step and is ~60 lines. Soft labels (0.5 for a tie vote) work as
 * they are under the log loss.
 */
export interface LogisticExample {
  x: SparseVector;
  /** Observed quality, 0–1. */
  y: number;
}

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Seed for the deterministic example order. */
  seed: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { epochs: 3, learningRate: 0.05, l2: 1e-4, seed: 7 };

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

/** mulberry32: a small seeded PRNG so training is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class LogisticModel {
  private constructor(
    readonly weights: Float32Array,
    readonly bias: number,
  ) {}

  static train(
    examples: readonly LogisticExample[],
    opts: LogisticOptions = DEFAULT_LOGISTIC,
  ): LogisticModel {
    const w = new Float32Array(FEATURE_BUCKETS);
    const g2 = new Float32Array(FEATURE_BUCKETS);
    const mean = examples.reduce((s, e) => s + e.y, 0) / Math.max(1, examples.length);
    // Start at the base rate so few examples still predict the model's average quality.
    let bias = Math.log((mean + 0.01) / (1.01 - mean));
    let biasG2 = 0;
    const order = examples.map((_, i) => i);
    const random = seededRandom(opts.seed);
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const k of order) {
        const { x, y } = examples[k]!;
        let z = bias;
        for (let t = 0; t < x.idx.length; t++) z += w[x.idx[t]!]! * x.val[t]!;
        const err = sigmoid(z) - y;
        for (let t = 0; t < x.idx.length; t++) {
          const b = x.idx[t]!;
          const g = err * x.val[t]! + opts.l2 * w[b]!;
          g2[b]! += g * g;
          w[b]! -= (opts.learningRate * g) / Math.sqrt(g2[b]! + 1e-8);
        }
        biasG2 += err * err;
        bias -= (opts.learningRate * err) / Math.sqrt(biasG2 + 1e-8);
      }
    }
    return new LogisticModel(w, bias);
  }

  predict(x: SparseVector): number {
    return sigmoid(this.logit(x));
  }

  logit(x: SparseVector): number {
    let z = this.bias;
    for (let t = 0; t < x.idx.length; t++) z += this.weights[x.idx[t]!]! * x.val[t]!;
    return z;
  }

  /**
   * The features that pushed this prediction most, by |weight × value|. One pass keeping the best
   * `top`: building and sorting an entry per feature was the largest cost of a learned decision
   * (profiled: 6.5 ms of ~10 ms per 10k-token prompt, most of it allocation and GC).
   */
  contributions(x: SparseVector, top: number): { bucket: number; effect: number }[] {
    const best: { bucket: number; effect: number }[] = [];
    for (let t = 0; t < x.idx.length; t++) {
      const bucket = x.idx[t]!;
      const effect = this.weights[bucket]! * x.val[t]!;
      const size = Math.abs(effect);
      if (best.length === top && size <= Math.abs(best[top - 1]!.effect)) continue;
      let at = best.length;
      while (at > 0 && Math.abs(best[at - 1]!.effect) < size) at--;
      best.splice(at, 0, { bucket, effect });
      if (best.length > top) best.pop();
    }
    return best;
  }

  /** Only the non-zero weights (a model touches the buckets of its training prompts only). */
  sparseWeights(): { idx: Int32Array; val: Float32Array } {
    let n = 0;
    for (let b = 0; b < this.weights.length; b++) if (this.weights[b] !== 0) n++;
    const idx = new Int32Array(n);
    const val = new Float32Array(n);
    for (let b = 0, at = 0; b < this.weights.length; b++) {
      if (this.weights[b] === 0) continue;
      idx[at] = b;
      val[at++] = this.weights[b]!;
    }
    return { idx, val };
  }

  static fromSparse(idx: Int32Array, val: Float32Array, bias: number): LogisticModel {
    const w = new Float32Array(FEATURE_BUCKETS);
    for (let i = 0; i < idx.length; i++) w[idx[i]!] = val[i]!;
    return new LogisticModel(w, bias);
  }

  /** Legacy JSON form (`learned-router.json` before the binary file): base64 of the sparse weights. */
  toJSON(): { bias: number; idx: string; val: string } {
    const idx: number[] = [];
    const val: number[] = [];
    this.weights.forEach((v, b) => {
      if (v !== 0) {
        idx.push(b);
        val.push(v);
      }
    });
    return {
      bias: this.bias,
      idx: Buffer.from(new Int32Array(idx).buffer).toString('base64'),
      val: Buffer.from(new Float32Array(val).buffer).toString('base64'),
    };
  }

  static fromJSON(json: { bias: number; idx: string; val: string }): LogisticModel {
    const idx = decodeInt32(json.idx);
    const val = decodeFloat32(json.val);
    const w = new Float32Array(FEATURE_BUCKETS);
    idx.forEach((b, i) => (w[b] = val[i]!));
    return new LogisticModel(w, json.bias);
  }
}

export function decodeInt32(b64: string): Int32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Int32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export function decodeFloat32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}
