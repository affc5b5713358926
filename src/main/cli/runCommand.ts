import { randomUUID } from 'node:crypto';
import { Option, type Command } from 'commander';
import {
  USE_CASES,
  type ExecutionRunInput,
  type RoutedGeneration,
  type RoutingRequest,
} from '../../shared/contract';
import { SwitchyardError } from '../core/errors';
import { createDispatcher } from '../rpc/dispatch';
import { CommandExit, usageError, type CommandContext } from './commandContext';
import { formatRunSummary } from './formatRun';
import { readAllStdin } from './routingCommands';

interface RunOptions {
  useCase?: RoutingRequest['useCase'];
  model?: string;
  maxOutput?: string;
  temperature?: string;
  cache: boolean;
}

/** Exit code of a run the user interrupted (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/**
 * `run`: routes the prompt, streams the answer to stdout as it arrives, then prints the route,
 * attempts and cost to stderr (so `run … > answer.txt` keeps only the answer). Ctrl+C cancels the
 * request, which closes the upstream call; a second Ctrl+C exits at once.
 */
export function registerRunCommand(program: Command, ctx: CommandContext, readStdin = readAllStdin): void {
  program
    .command('run')
    .description('route a prompt and run it: the answer streams to stdout, then its route and cost')
    .argument('[prompt...]', 'the prompt, or - to read it from stdin')
    .addOption(new Option('--use-case <use-case>', 'the use case instead of detecting it').choices(USE_CASES))
    .option('--model <provider/model>', 'pin a model (its fallbacks still apply)')
    .option('--max-output <tokens>', 'maximum output tokens')
    .option('--temperature <t>', 'sampling temperature (0 makes the request cacheable)')
    .option('--no-cache', 'bypass the response cache')
    .action((parts: string[], opts: RunOptions) =>
      ctx.withServices(async (services) => {
        const prompt = parts.length === 1 && parts[0] === '-' ? await readStdin() : parts.join(' ');
        if (prompt.trim() === '') usageError(ctx, 'Give a prompt, or - to read it from stdin.');
        const json = ctx.json();
        const requestId = `cli-${randomUUID()}`;
        const input: ExecutionRunInput = {
          requestId,
          request: {
            prompt,
            useCase: opts.useCase,
            model: opts.model,
            maxOutputTokens: opts.maxOutput === undefined ? undefined : Number(opts.maxOutput),
            simulate: program.opts<{ simulate: boolean }>().simulate || undefined,
          },
          temperature: opts.temperature === undefined ? undefined : Number(opts.temperature),
          cache: opts.cache ? undefined : false,
          stream: true,
        };
        const write = json ? undefined : ctx.io.write;
        let streamed = false;
        const off = services.events.on('execution.delta', (e) => {
          if (e.requestId !== requestId || !write) return;
          streamed = true;
          write(e.text);
        });
        const controller = new AbortController();
        const interrupt = (): void => controller.abort();
        process.once('SIGINT', interrupt);
        try {
          const result = await createDispatcher(services)('execution.run', input, {
            source: 'cli',
            signal: controller.signal,
          });
          if (streamed) write?.('\n');
          if (!result.ok) {
            if (result.error.code === 'CANCELLED') {
              ctx.io.err('cancelled: the upstream call was closed.');
              throw new CommandExit(EXIT_INTERRUPTED);
            }
            throw new SwitchyardError(result.error.code, result.error.message, result.error.details);
          }
          const data = result.data as RoutedGeneration;
          if (json) ctx.io.out(JSON.stringify(data, null, 2));
          else {
            if (!streamed) ctx.io.out(data.output);
            ctx.io.err(formatRunSummary(data));
          }
          if (data.error) throw new CommandExit(data.error.code === 'CANCELLED' ? EXIT_INTERRUPTED : 1);
        } finally {
          off();
          process.removeListener('SIGINT', interrupt);
        }
      }),
    );
}
