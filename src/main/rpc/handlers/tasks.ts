import { saveFiles } from '../../execution/heavy/saveFiles';
import type { Handler } from '../types';

export const tasksHandlers = {
  'tasks.analyze': (input, _ctx, services) => services.heavy.tasks.analyze(input),
  'tasks.run': (input, ctx, services) =>
    services.heavy.tasks.run(input.taskId, input.step, { source: ctx.source, signal: ctx.signal }),
  'tasks.cancel': (input, _ctx, services) => ({ cancelled: services.heavy.tasks.cancel(input.taskId) }),
  'tasks.ledger': (input, _ctx, services) => services.heavy.tasks.totals(input.ledgerTaskId),
  'tasks.saveToFolder': async (input, _ctx, services) => {
    if (!services.folderPicker) return { available: false, folder: null, saved: 0 };
    const folder = await services.folderPicker.choose();
    if (!folder) return { available: true, folder: null, saved: 0 };
    return { available: true, folder, saved: saveFiles(folder, input.files).length };
  },
  'batch.run': (input, ctx, services) =>
    services.heavy.batches.run(input, { source: ctx.source, signal: ctx.signal }),
  'batch.pause': (input, _ctx, services) => ({ paused: services.heavy.batches.pause(input.batchId) }),
  'batch.resume': (input, _ctx, services) => ({ resumed: services.heavy.batches.resume(input.batchId) }),
  'batch.cancel': (input, _ctx, services) => ({ cancelled: services.heavy.batches.cancel(input.batchId) }),
  'batch.rows': (input, _ctx, services) => services.heavy.batches.rows(input.batchId),
  'batch.export': (input, _ctx, services) => services.heavy.batches.export(input.batchId, input.format),
} satisfies {
  'tasks.analyze': Handler<'tasks.analyze'>;
  'tasks.run': Handler<'tasks.run'>;
  'tasks.cancel': Handler<'tasks.cancel'>;
  'tasks.ledger': Handler<'tasks.ledger'>;
  'tasks.saveToFolder': Handler<'tasks.saveToFolder'>;
  'batch.run': Handler<'batch.run'>;
  'batch.pause': Handler<'batch.pause'>;
  'batch.resume': Handler<'batch.resume'>;
  'batch.cancel': Handler<'batch.cancel'>;
  'batch.rows': Handler<'batch.rows'>;
  'batch.export': Handler<'batch.export'>;
};
