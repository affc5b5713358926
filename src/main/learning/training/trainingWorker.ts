import { parentPort } from 'node:worker_threads';
import { transferables, writeModelFile } from '../modelFile';
import { QualityModel } from '../qualityModel';
import type { TrainingJob, TrainingReply } from './trainingJob';

/**
 * The training thread's entry (a `node:worker_threads` Worker, one per training): fits the quality
 * model, writes the model file, and posts the model back with its arrays transferred, so the main
 * thread only wraps them. Built as its own entry (`learning-trainer.js`) by electron-vite.
 */
const port = parentPort;
if (!port) throw new Error('trainingWorker runs only as a worker thread');

port.once('message', (job: TrainingJob) => {
  try {
    const model = QualityModel.train(job.history);
    const parts = model.toParts();
    const bytes = writeModelFile(job.path, parts, job.meta);
    const reply: TrainingReply = { ok: true, parts, bytes };
    port.postMessage(reply, transferables(parts));
  } catch (e) {
    const reply: TrainingReply = { ok: false, message: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
