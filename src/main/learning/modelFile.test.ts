import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExampleTable } from './exampleTable';
import { parseModelFile, readModelFile, writeModelFile } from './modelFile';
import { QualityModel, type QualityModelParts, type TrainingPrompt } from './qualityModel';
import { MODEL_FILE, loadStoredModel } from './storedModel';

const prompts: TrainingPrompt[] = Array.from({ length: 40 }, (_, i) => ({
  id: `req-${i}`,
  text:
    i % 2 === 0
      ? `Write a Python function number ${i} that sorts a list — «ünïcödé» ${'x'.repeat(i)}`
      : `Tell me a short joke about cats, version ${i}.`,
  labels: {
    'a/cheap': { quality: i % 2 === 0 ? 0 : 1, costUsd: i % 3 === 0 ? null : 0.0001 * i },
    'b/strong': { quality: 1 / 3 + (i % 2) / 3, costUsd: 0.01 },
    ...(i % 4 === 0 ? { 'c/sparse': { quality: 1, costUsd: null } } : {}),
  },
  ...(i % 5 === 0 ? {} : { embedKey: `key-${i}` }),
}));
const meta = { trainedAt: '2026-11-28T00:00:00.000Z', mark: 'mark-1' };
const queries = ['Write a Python function that sorts a list', 'a short joke about dogs', 'ünïcödé'];

/** The file as format 1 wrote it: the examples in the JSON header, arrays 4-byte aligned. */
function writeFormat1(path: string, parts: QualityModelParts): void {
  const table = new ExampleTable(parts.arrays.examples);
  const examples = Array.from({ length: table.size }, (_, i) => table.example(i));
  const { idf, postings, weights } = parts.arrays;
  const arrays: [string, Int32Array | Float32Array][] = [
    ['idf', idf],
    ['start', postings.start],
    ['doc', postings.doc],
    ['val', postings.val],
  ];
  for (const [m, w] of Object.entries(weights)) arrays.push([`w:${m}:idx`, w.idx], [`w:${m}:val`, w.val]);
  const header = Buffer.from(
    JSON.stringify({
      ...parts.header,
      examples,
      postingsSize: postings.size,
      meta,
      arrays: arrays.map(([name, a]) => ({
        name,
        type: a instanceof Int32Array ? 'i32' : 'f32',
        length: a.length,
      })),
    }),
  );
  const lead = Buffer.alloc(12);
  lead.write('SYLM', 0, 'latin1');
  lead.writeUInt32LE(1, 4);
  lead.writeUInt32LE(header.length, 8);
  const fd = openSync(path, 'w');
  for (const chunk of [
    lead,
    header,
    Buffer.alloc((4 - ((12 + header.length) % 4)) % 4),
    ...arrays.map(([, a]) => a),
  ])
    writeSync(fd, chunk);
  closeSync(fd);
}

describe('model file', () => {
  let dir: string;
  const model = QualityModel.train(prompts);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sy-model-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('format 2 keeps the examples in arrays and reads back the same predictions, keys and labels', () => {
    const path = join(dir, MODEL_FILE);
    writeModelFile(path, model.toParts(), meta);
    const read = readModelFile(path);
    expect(read.format).toBe(2);
    expect(read.meta).toEqual(meta);
    expect(JSON.stringify(read.parts.header)).not.toContain('req-1'); // the header stays small
    const loaded = QualityModel.fromParts(read.parts);
    expect(loaded.size).toBe(prompts.length);
    expect(loaded.exampleKeys()).toEqual(prompts.map((p) => p.embedKey));
    for (const q of queries) expect(loaded.predict(q)).toEqual(model.predict(q));
    const table = new ExampleTable(read.parts.arrays.examples);
    prompts.forEach((p, i) =>
      expect(table.example(i)).toEqual({
        id: p.id,
        excerpt: expect.any(String) as string,
        labels: p.labels,
        ...(p.embedKey ? { key: p.embedKey } : {}),
      }),
    );
    expect(table.excerpt(0)).toContain('«ünïcödé»');
  });

  it('reads a format-1 file (examples in the JSON header) to the same model and asks for a retraining', async () => {
    writeFormat1(join(dir, MODEL_FILE), model.toParts());
    const stored = await loadStoredModel(dir);
    expect(stored).not.toBeNull();
    expect(stored!.mark).toBeNull(); // retrained at the next scheduled training: rewritten as format 2
    expect(stored!.trainedAt).toBe(meta.trainedAt);
    for (const q of queries) expect(stored!.model.predict(q)).toEqual(model.predict(q));
    expect(stored!.model.exampleKeys()).toEqual(prompts.map((p) => p.embedKey));
  });

  it('refuses a truncated file', () => {
    const path = join(dir, MODEL_FILE);
    writeModelFile(path, model.toParts(), meta);
    const bytes = readFileSync(path);
    expect(() => parseModelFile(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });
});
