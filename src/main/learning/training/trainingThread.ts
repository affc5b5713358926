import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { QualityModelParts } from '../qualityModel';
import type { TrainingJob, TrainingReply } from './trainingJob';

/** The worker's file name in the electron-vite build (`electron.vite.config.ts`, main input). */
export const TRAINER_BUNDLE = 'learning-trainer.js';

/**
 * How to start the worker. From source (tsx in the headless shell, the CLI and the benches; vitest)
 * this module's URL ends in `.ts`: a one-line bootstrap imports `trainingWorker.ts` through tsx's
 * `tsImport` (a worker does not take `--import tsx` from `execArgv` on Node 20: "Unknown file
 * extension .ts"). In the electron-vite build this code sits in `out/main/index.js`, next to
 * `learning-trainer.js`. The URL is built from a variable so Vite does not take it for an asset.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // tsx's CommonJS build of this API imports a path that does not exist; its ESM build works.
    const api = pathToFileURL(
      createRequire(here)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
    const entry = new URL('./trainingWorker.ts', here).href;
    const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
    return new Worker(boot, { eval: true, execArgv: [] });
  }
  const bundled = TRAINER_BUNDLE;
  return new Worker(new URL(`./${bundled}`, here), { execArgv: [] });
}

export interface TrainingRun {
  result: Promise<{ parts: QualityModelParts; bytes: number }>;
  /** Stops the worker (closing the app); `result` then rejects. */
  stop(): void;
}

/**
 * Trains in a worker thread, so routing, IPC and the gateway keep answering meanwhile (training
 * takes ~6 s of CPU at 20k stored prompts, bench/learned.ts). One worker per training: it holds
 * the training data and the model while it works and gives the memory back when it ends.
 */
export function trainInWorker(job: TrainingJob): TrainingRun {
  const worker = startWorker();
  let settled = false;
  const result = new Promise<{ parts: QualityModelParts; bytes: number }>((resolve, reject) => {
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.once('message', (reply: TrainingReply) =>
      finish(() =>
        reply.ok ? resolve({ parts: reply.parts, bytes: reply.bytes }) : reject(new Error(reply.message)),
      ),
    );
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`the training thread stopped (exit ${code})`))),
    );
  });
  worker.postMessage(job);
  return {
    result,
    stop: () => void worker.terminate(),
  };
}
