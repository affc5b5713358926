import type { ModelFileMeta } from '../modelFile';
import type { QualityModelParts, TrainingPrompt } from '../qualityModel';

/** What the main thread posts to the training worker. */
export interface TrainingJob {
  history: TrainingPrompt[];
  /** The model file to write (atomically). */
  path: string;
  meta: ModelFileMeta;
}

export type TrainingReply =
  { ok: true; parts: QualityModelParts; bytes: number } | { ok: false; message: string };
