import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FORMAT_EXAMPLES_IN_HEADER, parseModelFile } from './modelFile';
import { QualityModel, type StoredQualityModel } from './qualityModel';

export const MODEL_FILE = 'learned-router.bin';
/** The model file before the binary one: read once after an upgrade, deleted at the next training. */
export const LEGACY_MODEL_FILE = 'learned-router.json';

/** The learned model as found in the data dir; `mark` null means "retrain soon". */
export interface StoredModel {
  model: QualityModel;
  trainedAt: string | null;
  mark: string | null;
}

/** The model file's bytes decoded, or null when damaged (a damaged file is retrained over, never trusted). */
function fromBytes(buf: Buffer): StoredModel | null {
  try {
    const { parts, meta, format } = parseModelFile(buf);
    // A format-1 file (examples in its JSON header, slow to parse at start-up) is retrained over at
    // the next scheduled training even if nothing new was recorded: that rewrites it in format 2.
    const mark = format === FORMAT_EXAMPLES_IN_HEADER ? null : meta.mark;
    return { model: QualityModel.fromParts(parts), trainedAt: meta.trainedAt, mark };
  } catch {
    return null;
  }
}

function fromLegacy(dataDir: string): StoredModel | null {
  const path = join(dataDir, LEGACY_MODEL_FILE);
  if (!existsSync(path)) return null;
  try {
    const legacy = JSON.parse(readFileSync(path, 'utf8')) as StoredQualityModel & { trainedAt: string };
    if (legacy.version !== 1) return null;
    return { model: QualityModel.fromJSON(legacy), trainedAt: legacy.trainedAt, mark: null };
  } catch {
    return null;
  }
}

/**
 * Reads the stored model with the file read on libuv's thread pool: at 20k prompts the read was
 * most of a 0.4–0.6 s stall of main's thread when the learning room was built (see the README).
 */
export async function loadStoredModel(dataDir: string): Promise<StoredModel | null> {
  const path = join(dataDir, MODEL_FILE);
  if (!existsSync(path)) return fromLegacy(dataDir);
  return fromBytes(await readFile(path));
}

/** The same, synchronously: for a decision that needs the model before the read above has finished. */
export function loadStoredModelSync(dataDir: string): StoredModel | null {
  const path = join(dataDir, MODEL_FILE);
  if (!existsSync(path)) return fromLegacy(dataDir);
  return fromBytes(readFileSync(path));
}
