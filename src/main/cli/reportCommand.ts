import type { Command } from 'commander';
import type { ReportGrouping } from '../../shared/contract';
import { call, usageError, type CommandContext } from './commandContext';
import { formatReport } from './formatReport';

interface ReportOptions {
  since?: string;
  until?: string;
  by: string;
  csv?: boolean;
  raw?: boolean;
  baseline?: string;
  top: string;
}

const GROUPINGS: Record<string, ReportGrouping> = {
  provider: 'provider',
  model: 'model',
  'use-case': 'use_case',
  use_case: 'use_case',
  day: 'day',
};
const RELATIVE = /^(\d+)([mhdw])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `7d`, `24h`, `30m`, `2w` before now, as an ISO instant; anything else is passed on as typed. */
function instant(value: string | undefined, now: number): string | undefined {
  const m = value === undefined ? null : RELATIVE.exec(value.trim());
  if (!m) return value;
  return new Date(now - Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]).toISOString();
}

/** `report`: spend, rates, latency and savings from the ledger; or a CSV export. */
export function registerReportCommand(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description(
      'spend over time and by provider, model or use case; latency, fallback and cache rates; savings',
    )
    .option(
      '--since <when>',
      'ISO date or date-time, or 7d / 24h / 30m / 2w ago (default: the first request)',
    )
    .option('--until <when>', 'ISO date or date-time (exclusive; default: now)')
    .option('--by <grouping>', 'provider | model | use-case | day', 'day')
    .option('--csv', 'print the spend report as CSV instead')
    .option('--raw', 'with --csv: export the raw requests instead of the report')
    .option('--baseline <model>', 'compare against this <provider>/<model> (default: the priciest used)')
    .option('--top <n>', 'how many of the most expensive requests to list', '5')
    .action((opts: ReportOptions) => {
      const by = GROUPINGS[opts.by];
      if (!by) usageError(ctx, 'Unknown --by; use provider, model, use-case or day.');
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1 || top > 200)
        usageError(ctx, '--top takes a whole number from 1 to 200.');
      if (opts.raw && !opts.csv) usageError(ctx, '--raw only goes with --csv.');
      const now = Date.now();
      const range = { since: instant(opts.since, now), until: instant(opts.until, now) };
      return ctx.withServices(async (services) => {
        if (opts.csv) {
          const data = await call(services, 'reports.csv', {
            ...range,
            kind: opts.raw ? 'requests' : 'spend',
            by,
          });
          ctx.io.out(data.csv.trimEnd());
          return;
        }
        const [overview, spend, models, expensive] = [
          await call(services, 'reports.overview', { ...range, baselineModel: opts.baseline }),
          await call(services, 'reports.spend', { ...range, by }),
          await call(services, 'reports.models', range),
          await call(services, 'reports.topRequests', { ...range, limit: top }),
        ];
        const data = { overview, spend, models: models.models, topRequests: expensive.requests };
        ctx.io.out(ctx.json() ? JSON.stringify(data, null, 2) : formatReport(data));
      });
    });
}
