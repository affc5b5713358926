import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import type { BatchSummary, RouteInput } from '../../shared/contract';
import { SwitchyardError } from '../core/errors';
import { saveFiles } from '../execution/heavy/saveFiles';
import type { Services } from '../services';
import { call, CommandExit, usageError, type CommandContext } from './commandContext';

const readText = (path: string, what: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new SwitchyardError('NOT_FOUND', `Cannot read ${what} ${path}.`);
  }
};

/**
 * A step file: the contract's step, where an input file may be just a path (or `{ path }`) that is
 * read relative to the step file.
 */
export function readStepFile(file: string): RouteInput<'tasks.run'>['step'] {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(file, 'the step file'));
  } catch (e) {
    if (e instanceof SwitchyardError) throw e;
    throw new SwitchyardError('VALIDATION_FAILED', `${file} is not valid JSON.`);
  }
  if (typeof raw !== 'object' || raw === null) {
    throw new SwitchyardError('VALIDATION_FAILED', `${file} must hold one JSON object (the step).`);
  }
  const step = raw as Record<string, unknown>;
  const base = dirname(resolve(file));
  if (Array.isArray(step.inputFiles)) {
    step.inputFiles = step.inputFiles.map((f: unknown) => {
      const path = typeof f === 'string' ? f : (f as { path?: unknown }).path;
      if (typeof path !== 'string' || (typeof f === 'object' && f !== null && 'content' in f)) return f;
      return { path, content: readText(isAbsolute(path) ? path : resolve(base, path), 'the input file') };
    });
  }
  return step as RouteInput<'tasks.run'>['step'];
}

function withInterrupt<T>(cancel: () => void, fn: () => Promise<T>): Promise<T> {
  const onInt = (): void => cancel();
  process.once('SIGINT', onInt);
  return fn().finally(() => process.removeListener('SIGINT', onInt));
}

const usd = (n: number) => `$${n.toFixed(6)}`;

async function runStep(
  ctx: CommandContext,
  services: Services,
  file: string,
  out: string | undefined,
  simulate: boolean,
) {
  const step = readStepFile(file);
  if (simulate) step.simulate = true;
  const taskId = `cli_${randomUUID()}`;
  const off = services.events.on('tasks.progress', (p) => {
    if (p.taskId === taskId && !ctx.json()) ctx.io.err(`[${p.current}/${p.total}] ${p.name}`);
  });
  try {
    const result = await withInterrupt(
      () => services.heavy.tasks.cancel(taskId),
      () => call(services, 'tasks.run', { taskId, step }),
    );
    const saved = out ? saveFiles(out, result.files) : [];
    if (ctx.json()) ctx.io.out(JSON.stringify({ ...result, saved }, null, 2));
    else {
      if (!out) for (const f of result.files) ctx.io.out(`=== ${f.path}\n${f.content}`);
      for (const p of saved) ctx.io.err(`wrote ${p}`);
      const split = result.strategy ? `split ${result.strategy.replace('_', ' ')}` : 'one call';
      ctx.io.err(
        `${result.status}: ${result.chunks.length} chunk(s), ${split}, cost ${usd(result.costUsd)}` +
          (result.ledgerTaskId === null ? ' (not recorded)' : ` (ledger task ${result.ledgerTaskId})`),
      );
      for (const c of result.chunks.filter((c) => c.error))
        ctx.io.err(`  ${c.name}: ${c.status}: ${c.error}`);
    }
    if (result.status !== 'done') throw new CommandExit(1);
  } finally {
    off();
  }
}

async function runBatch(
  ctx: CommandContext,
  services: Services,
  file: string,
  opts: { concurrency: string; format?: string; out?: string },
  simulate: boolean,
) {
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    usageError(ctx, '--concurrency must be a whole number from 1 to 16.');
  }
  const format = opts.format ?? (extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
  if (format !== 'csv' && format !== 'jsonl') usageError(ctx, '--format must be jsonl or csv.');
  const outFormat = opts.out && extname(opts.out).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
  const batchId = `cli_${randomUUID()}`;
  let last = -1;
  const off = services.events.on('batch.progress', (p) => {
    if (p.batchId !== batchId || ctx.json() || p.done === last) return;
    last = p.done;
    ctx.io.err(`[${p.done}/${p.total}] ${p.failed} failed, ${usd(p.costUsd)}`);
  });
  try {
    const summary: BatchSummary = await withInterrupt(
      () => services.heavy.batches.cancel(batchId),
      () =>
        call(services, 'batch.run', {
          batchId,
          format,
          text: readText(file, 'the batch file'),
          fileName: file,
          concurrency,
          ...(simulate ? { simulate: true } : {}),
        }),
    );
    const exported = services.heavy.batches.export(batchId, outFormat);
    if (opts.out) writeFileSync(opts.out, exported.text);
    else if (!ctx.json()) ctx.io.out(exported.text.trimEnd());
    if (ctx.json()) ctx.io.out(JSON.stringify(summary, null, 2));
    else {
      ctx.io.err(
        `${summary.status}: ${summary.succeeded} ok, ${summary.failed} failed, ${summary.skipped} skipped, cost ${usd(summary.costUsd)}`,
      );
      if (summary.note) ctx.io.err(summary.note);
      if (opts.out) ctx.io.err(`wrote ${opts.out}`);
    }
    if (summary.status !== 'done' || summary.failed > 0) throw new CommandExit(1);
  } finally {
    off();
  }
}

/** `step run FILE.json` (a heavy step, split and merged) and `batch FILE` (a file of prompts). */
export function registerTasksCommands(program: Command, ctx: CommandContext): void {
  const simulate = () => program.opts<{ simulate: boolean }>().simulate;
  program
    .command('step')
    .description('heavy steps: split into chunks, each routed on its own size, merged back')
    .command('run')
    .description('run a step described in a JSON file (progress on stderr, the merged files on stdout)')
    .argument('<file>', 'the step as JSON: description, type, inputFiles, expectedLines, language, context')
    .option('--out <dir>', 'write the resulting files under this folder')
    .action((file: string, opts: { out?: string }) =>
      ctx.withServices((services) => runStep(ctx, services, file, opts.out, simulate())),
    );
  program
    .command('batch')
    .description('run a JSONL or CSV file of prompts through the router; results as JSONL or CSV')
    .argument('<file>', 'JSONL (a prompt string or {"prompt", "id"} a line) or CSV with a prompt column')
    .option('--concurrency <n>', 'requests at a time', '3')
    .option('--format <format>', 'jsonl or csv (default: from the file name)')
    .option('--out <file>', 'write the results here (.csv for CSV, else JSONL) instead of stdout')
    .action((file: string, opts: { concurrency: string; format?: string; out?: string }) =>
      ctx.withServices((services) => runBatch(ctx, services, file, opts, simulate())),
    );
}
