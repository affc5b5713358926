import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { QualityModelParts } from './qualityModel';

/**
 * The learned model on disk (`learned-router.bin`): a JSON header, then the model's typed arrays
 * as raw little-endian bytes.
 *
 * Measured reason (bench/learned.ts, 20k stored prompts): the former JSON file was 63 MB (every
 * prompt vector in base64) and loading it meant parsing all of it, decoding 40k base64 strings and
 * rebuilding the neighbour index; here the index's postings are stored as they are and loading
 * only wraps them, see learning/README.md for the sizes and load times before and after.
 *
 *   "SYLM" | u32 format | u32 header bytes | header JSON | pad to 4 | arrays, each 4-byte aligned
 */
const MAGIC = 'SYLM';
const FORMAT = 1;

export interface ModelFileMeta {
  trainedAt: string;
  /** The history mark the model was trained at (`historyMark`): unchanged history skips training. */
  mark: string;
}

type NumberArray = Int32Array | Float32Array;
interface ArrayEntry {
  name: string;
  type: 'i32' | 'f32';
  length: number;
}

function namedArrays(parts: QualityModelParts): [string, NumberArray][] {
  const { idf, postings, weights } = parts.arrays;
  const out: [string, NumberArray][] = [
    ['idf', idf],
    ['start', postings.start],
    ['doc', postings.doc],
    ['val', postings.val],
  ];
  for (const [model, w] of Object.entries(weights))
    out.push([`w:${model}:idx`, w.idx], [`w:${model}:val`, w.val]);
  return out;
}

/** Writes the file atomically (a temporary file renamed over it), readable by the user only. */
export function writeModelFile(path: string, parts: QualityModelParts, meta: ModelFileMeta): number {
  const arrays = namedArrays(parts);
  const entries: ArrayEntry[] = arrays.map(([name, a]) => ({
    name,
    type: a instanceof Int32Array ? 'i32' : 'f32',
    length: a.length,
  }));
  const header = Buffer.from(
    JSON.stringify({ ...parts.header, postingsSize: parts.arrays.postings.size, meta, arrays: entries }),
    'utf8',
  );
  const lead = Buffer.alloc(12);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(FORMAT, 4);
  lead.writeUInt32LE(header.length, 8);
  const pad = Buffer.alloc((4 - ((12 + header.length) % 4)) % 4);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  let bytes = 0;
  try {
    for (const chunk of [lead, header, pad, ...arrays.map(([, a]) => a)])
      bytes += writeSync(fd, chunk as NodeJS.ArrayBufferView);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return bytes;
}

/** The model and its meta, or an error naming what is wrong (the caller retrains over it). */
export function readModelFile(path: string): { parts: QualityModelParts; meta: ModelFileMeta } {
  return parseModelFile(readFileSync(path));
}

/** `readModelFile` of bytes already read (main reads them with `fs.promises`, off its thread). */
export function parseModelFile(buf: Buffer): { parts: QualityModelParts; meta: ModelFileMeta } {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a model file');
  if (buf.readUInt32LE(4) !== FORMAT) throw new Error(`model file format ${buf.readUInt32LE(4)} is unknown`);
  const headerBytes = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + headerBytes)) as QualityModelParts['header'] & {
    postingsSize: number;
    meta: ModelFileMeta;
    arrays: ArrayEntry[];
  };
  let at = 12 + headerBytes;
  at += (4 - (at % 4)) % 4;
  const arrays = new Map<string, NumberArray>();
  for (const e of header.arrays) {
    const end = at + e.length * 4;
    if (end > buf.length) throw new Error('model file is truncated');
    arrays.set(e.name, view(buf, at, e));
    at = end;
  }
  const need = (name: string): NumberArray => {
    const a = arrays.get(name);
    if (!a) throw new Error(`model file lacks ${name}`);
    return a;
  };
  const weights: QualityModelParts['arrays']['weights'] = {};
  for (const model of Object.keys(header.models))
    weights[model] = {
      idx: need(`w:${model}:idx`) as Int32Array,
      val: need(`w:${model}:val`) as Float32Array,
    };
  return {
    meta: header.meta,
    parts: {
      header: {
        options: header.options,
        documents: header.documents,
        models: header.models,
        examples: header.examples,
      },
      arrays: {
        idf: need('idf') as Float32Array,
        postings: {
          start: need('start') as Int32Array,
          doc: need('doc') as Int32Array,
          val: need('val') as Float32Array,
          size: header.postingsSize,
        },
        weights,
      },
    },
  };
}

/** A view on the file's bytes where aligned (readFileSync's large buffers are), else a copy. */
function view(buf: Buffer, at: number, e: ArrayEntry): NumberArray {
  const Type = e.type === 'i32' ? Int32Array : Float32Array;
  const offset = buf.byteOffset + at;
  const bytes = buf.buffer as ArrayBuffer; // readFileSync never returns shared memory
  if (offset % 4 === 0) return new Type(bytes, offset, e.length);
  return new Type(bytes.slice(offset, offset + e.length * 4));
}

/** Every buffer the parts hold, for `postMessage`'s transfer list (moved, not copied). */
export function transferables(parts: QualityModelParts): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const [, a] of namedArrays(parts)) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}
