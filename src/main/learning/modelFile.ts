import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { ExampleTable, type ExampleColumns, type StoredExample } from './exampleTable';
import type { QualityModelParts } from './qualityModel';

/**
 * The learned model on disk (`learned-router.bin`): a small JSON header, then the model's typed
 * arrays as raw little-endian bytes.
 *
 * Measured reason (bench/learned.ts, 20k stored prompts): the former JSON file was 63 MB (every
 * prompt vector in base64) and loading it meant parsing all of it, decoding 40k base64 strings and
 * rebuilding the neighbour index; here the index's postings are stored as they are and loading
 * only wraps them, see learning/README.md for the sizes and load times before and after.
 *
 *   "SYLM" | u32 format | u32 header bytes | header JSON | arrays, each 8-byte aligned
 *
 * Format 2 keeps the examples (ids, excerpts, embeddings keys, labels) in arrays too
 * (`ExampleColumns`): in format 1 they were in the JSON header (10 MB at 20k prompts), whose
 * `JSON.parse` held the main thread ~180 ms at start-up. Format 1 is still read (its examples are
 * converted once, on the calling thread); the caller retrains over it to rewrite it.
 */
const MAGIC = 'SYLM';
const FORMAT = 2;
/** The first binary format: examples in the JSON header, arrays 4-byte aligned. */
export const FORMAT_EXAMPLES_IN_HEADER = 1;

export interface ModelFileMeta {
  trainedAt: string;
  /** The history mark the model was trained at (`historyMark`): unchanged history skips training. */
  mark: string;
}

type NumberArray = Int32Array | Float32Array | Float64Array | Uint8Array;
type ArrayType = 'i32' | 'f32' | 'f64' | 'u8';
interface ArrayEntry {
  name: string;
  type: ArrayType;
  length: number;
}
const TYPES = {
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
  u8: Uint8Array,
} as const;

function typeOf(a: NumberArray): ArrayType {
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Float64Array) return 'f64';
  return 'u8';
}

function namedArrays(parts: QualityModelParts): [string, NumberArray][] {
  const { idf, postings, weights, examples } = parts.arrays;
  const out: [string, NumberArray][] = [
    ['idf', idf],
    ['start', postings.start],
    ['doc', postings.doc],
    ['val', postings.val],
    ['ex:text', examples.text],
    ['ex:textEnd', examples.textEnd],
    ['ex:quality', examples.quality],
    ['ex:cost', examples.cost],
  ];
  for (const [model, w] of Object.entries(weights))
    out.push([`w:${model}:idx`, w.idx], [`w:${model}:val`, w.val]);
  return out;
}

const padTo = (at: number, align: number): number => (align - (at % align)) % align;

/** Writes the file atomically (a temporary file renamed over it), readable by the user only. */
export function writeModelFile(path: string, parts: QualityModelParts, meta: ModelFileMeta): number {
  const arrays = namedArrays(parts);
  const entries: ArrayEntry[] = arrays.map(([name, a]) => ({ name, type: typeOf(a), length: a.length }));
  const header = Buffer.from(
    JSON.stringify({
      ...parts.header,
      postingsSize: parts.arrays.postings.size,
      exampleModels: parts.arrays.examples.models,
      meta,
      arrays: entries,
    }),
    'utf8',
  );
  const lead = Buffer.alloc(12);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(FORMAT, 4);
  lead.writeUInt32LE(header.length, 8);
  const chunks: NodeJS.ArrayBufferView[] = [lead, header];
  let at = 12 + header.length;
  for (const [, a] of arrays) {
    const pad = padTo(at, 8);
    if (pad) chunks.push(Buffer.alloc(pad));
    chunks.push(a);
    at += pad + a.byteLength;
  }
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  let bytes = 0;
  try {
    for (const chunk of chunks) bytes += writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return bytes;
}

export interface ModelFileContents {
  parts: QualityModelParts;
  meta: ModelFileMeta;
  /** The file's format: `FORMAT_EXAMPLES_IN_HEADER` is worth rewriting (retraining does). */
  format: number;
}

/** The model and its meta, or an error naming what is wrong (the caller retrains over it). */
export function readModelFile(path: string): ModelFileContents {
  return parseModelFile(readFileSync(path));
}

/** `readModelFile` of bytes already read (main reads them with `fs.promises`, off its thread). */
export function parseModelFile(buf: Buffer): ModelFileContents {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a model file');
  const format = buf.readUInt32LE(4);
  if (format !== FORMAT && format !== FORMAT_EXAMPLES_IN_HEADER)
    throw new Error(`model file format ${format} is unknown`);
  const headerBytes = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + headerBytes)) as QualityModelParts['header'] & {
    postingsSize: number;
    meta: ModelFileMeta;
    arrays: ArrayEntry[];
    /** Format 2: the label columns' models. */
    exampleModels?: string[];
    /** Format 1: the examples themselves. */
    examples?: StoredExample[];
  };
  const align = format === FORMAT ? 8 : 4;
  let at = 12 + headerBytes;
  const arrays = new Map<string, NumberArray>();
  for (const e of header.arrays) {
    if (!(e.type in TYPES)) throw new Error(`model file has an unknown array type ${e.type}`);
    at += padTo(at, align);
    const end = at + e.length * TYPES[e.type].BYTES_PER_ELEMENT;
    if (end > buf.length) throw new Error('model file is truncated');
    arrays.set(e.name, view(buf, at, e));
    at = end;
  }
  const need = <T extends NumberArray>(name: string, type: ArrayType): T => {
    const a = arrays.get(name);
    if (!a || typeOf(a) !== type) throw new Error(`model file lacks ${name}`);
    return a as T;
  };
  const weights: QualityModelParts['arrays']['weights'] = {};
  for (const model of Object.keys(header.models))
    weights[model] = { idx: need(`w:${model}:idx`, 'i32'), val: need(`w:${model}:val`, 'f32') };
  let examples: ExampleColumns;
  if (format === FORMAT) {
    if (!Array.isArray(header.exampleModels)) throw new Error('model file lacks exampleModels');
    examples = {
      models: header.exampleModels,
      text: need('ex:text', 'u8'),
      textEnd: need('ex:textEnd', 'i32'),
      quality: need('ex:quality', 'f64'),
      cost: need('ex:cost', 'f64'),
    };
  } else {
    if (!Array.isArray(header.examples)) throw new Error('model file lacks examples');
    examples = ExampleTable.from(header.examples).columns;
  }
  return {
    format,
    meta: header.meta,
    parts: {
      header: { options: header.options, documents: header.documents, models: header.models },
      arrays: {
        idf: need('idf', 'f32'),
        postings: {
          start: need('start', 'i32'),
          doc: need('doc', 'i32'),
          val: need('val', 'f32'),
          size: header.postingsSize,
        },
        weights,
        examples,
      },
    },
  };
}

/** A view on the file's bytes where aligned (readFileSync's large buffers are), else a copy. */
function view(buf: Buffer, at: number, e: ArrayEntry): NumberArray {
  const Type = TYPES[e.type];
  const offset = buf.byteOffset + at;
  const bytes = buf.buffer as ArrayBuffer; // readFileSync never returns shared memory
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes, offset, e.length);
  return new Type(bytes.slice(offset, offset + e.length * Type.BYTES_PER_ELEMENT));
}

/** Every buffer the parts hold, for `postMessage`'s transfer list (moved, not copied). */
export function transferables(parts: QualityModelParts): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const [, a] of namedArrays(parts)) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}
