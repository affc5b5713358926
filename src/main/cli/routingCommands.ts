import { Option, type Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { STRATEGIES, USE_CASES, type RoutingRequest, type RuleProblem } from '../../shared/contract';
import { isSwitchyardError } from '../core/errors';
import { call, providerArg, usageError, type CommandContext } from './commandContext';
import { formatCatalog, formatDecision } from './formatDecision';

interface RouteOptions {
  useCase?: RoutingRequest['useCase'];
  strategy?: RoutingRequest['strategy'];
  model?: string;
  maxCost?: string;
  maxLatency?: string;
  minQuality?: string;
  maxOutput?: string;
  image: string[];
  files?: string;
}

/** Reads all of stdin (for `route -`). */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

/** `route`, `rules export|import` and `catalog list|refresh`, all through the contract routes. */
export function registerRoutingCommands(
  program: Command,
  ctx: CommandContext,
  readStdin = readAllStdin,
): void {
  const out = (text: string, data: unknown): void =>
    ctx.io.out(ctx.json() ? JSON.stringify(data, null, 2) : text);

  program
    .command('route')
    .description('pick the model for a prompt and explain why (no call is made)')
    .argument('[prompt...]', 'the prompt, or - to read it from stdin')
    .addOption(new Option('--use-case <use-case>', 'the use case instead of detecting it').choices(USE_CASES))
    .addOption(
      new Option('--strategy <strategy>', 'routing strategy (default: the rules default)').choices(
        STRATEGIES,
      ),
    )
    .option('--model <provider/model>', 'pin a model (still checked for fit)')
    .option('--max-cost <usd>', 'maximum estimated cost per request, USD')
    .option('--max-latency <seconds>', 'maximum estimated latency, seconds')
    .option('--min-quality <0-1>', 'minimum quality score')
    .option('--max-output <tokens>', 'maximum output tokens')
    .option(
      '--image <WxH>',
      'an image of that size is sent (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--files <n>', 'number of input files attached')
    .action((parts: string[], opts: RouteOptions) =>
      ctx.withServices(async (services) => {
        const prompt = parts.length === 1 && parts[0] === '-' ? await readStdin() : parts.join(' ');
        if (prompt.trim() === '') usageError(ctx, 'Give a prompt, or - to read it from stdin.');
        const images = opts.image.map((s) => {
          const m = /^(\d+)x(\d+)$/i.exec(s);
          return m
            ? { width: Number(m[1]), height: Number(m[2]) }
            : usageError(ctx, `--image expects WxH, e.g. 1024x768.`);
        });
        const input: RoutingRequest = {
          prompt,
          images,
          files: num(opts.files),
          useCase: opts.useCase,
          strategy: opts.strategy,
          model: opts.model,
          maxOutputTokens: num(opts.maxOutput),
          constraints: {
            maxCostUsd: num(opts.maxCost),
            maxLatencySeconds: num(opts.maxLatency),
            minQuality: num(opts.minQuality),
          },
          simulate: program.opts<{ simulate: boolean }>().simulate || undefined,
        };
        try {
          const decision = await call(services, 'routing.decide', input);
          out(formatDecision(decision), decision);
        } catch (e) {
          if (!ctx.json() && isSwitchyardError(e) && e.code === 'NO_ELIGIBLE_MODEL') {
            for (const r of (e.details?.rejected ?? []) as { model: string; reason: string }[]) {
              ctx.io.err(`  ${r.model}: ${r.reason}`);
            }
          }
          throw e;
        }
      }),
    );

  const rules = program.command('rules').description('the routing rules, as YAML');
  rules
    .command('export')
    .description('print the rules in force as YAML (or write them to a file)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: { out?: string }) =>
      ctx.withServices(async (services) => {
        const { yaml } = await call(services, 'rules.get', {});
        if (opts.out) {
          writeFileSync(opts.out, yaml);
          ctx.io.out(ctx.json() ? JSON.stringify({ written: opts.out }) : `rules written to ${opts.out}`);
        } else ctx.io.out(yaml.trimEnd());
      }),
    );
  rules
    .command('import <file>')
    .description('validate a rules YAML file and make it the rules in force (all or nothing)')
    .action((file: string) =>
      ctx.withServices(async (services) => {
        const yaml = readFileSync(file, 'utf8');
        const where = (p: RuleProblem): string =>
          `${file}:${p.line ?? '?'}:${p.column ?? '?'}: ${p.path || '(top)'}: ${p.message}`;
        try {
          const saved = await call(services, 'rules.save', { yaml });
          for (const w of saved.warnings) ctx.io.err(`warning ${where(w)}`);
          out(`rules imported from ${file}`, { imported: file, warnings: saved.warnings });
        } catch (e) {
          if (!ctx.json() && isSwitchyardError(e) && e.code === 'VALIDATION_FAILED') {
            for (const p of (e.details?.problems ?? []) as RuleProblem[]) ctx.io.err(where(p));
          }
          throw e;
        }
      }),
    );

  const catalog = program
    .command('catalog')
    .description('the model catalog: prices, context windows, quality');
  catalog
    .command('list')
    .description('every model with its effective price per 1M tokens, context window and quality')
    .option('--provider <provider>', 'only this provider')
    .action((opts: { provider?: string }) =>
      ctx.withServices(async (services) => {
        const provider = opts.provider ? providerArg(ctx, opts.provider) : undefined;
        const data = await call(services, 'catalog.list', { provider });
        out(formatCatalog(data.models), data);
      }),
    );
  catalog
    .command('refresh')
    .description("compare prices with OpenRouter's model list; --apply takes the changes")
    .option('--base-url <url>', 'OpenRouter API base URL', 'https://openrouter.ai/api/v1')
    .option('--apply', 'apply the price changes shown', false)
    .action((opts: { baseUrl: string; apply: boolean }) =>
      ctx.withServices(async (services) => {
        const preview = await call(services, 'catalog.refreshPreview', { baseUrl: opts.baseUrl });
        const lines = preview.changes.map((c) => `${c.modelKey} ${c.field}: ${c.from} → ${c.to}`);
        lines.push(
          `${preview.changes.length} change(s); ${preview.newModels.length} model(s) not in the catalog`,
        );
        if (opts.apply) {
          const applied = await call(services, 'catalog.refreshApply', { changes: preview.changes, add: [] });
          lines.push(`applied to ${applied.updatedModels} model(s)`);
        }
        out(lines.join('\n'), preview);
      }),
    );
}
