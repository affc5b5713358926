import type { Command } from 'commander';
import type { BudgetInput } from '../../shared/contract';
import { call, usageError, type CommandContext } from './commandContext';
import { formatBudgets } from './formatBudgets';

interface SetOptions {
  scope: string;
  value?: string;
  window: string;
  limit: string;
  mode?: string;
  warn?: string;
  policy?: string;
}

/** A number as typed, or the text itself so the contract's validation names the bad field. */
const numberOrText = (s: string | undefined): number | string | undefined => {
  if (s === undefined) return undefined;
  const n = Number(s.trim().replace(/^\$/, ''));
  return s.trim() !== '' && Number.isFinite(n) ? n : s;
};

/**
 * `budget show|set|delete`: the same routes as the Costs screen. Input is validated by the
 * contract (zod) in the dispatcher: a bad value is VALIDATION_FAILED and nothing is changed.
 */
export function registerBudgetCommands(program: Command, ctx: CommandContext): void {
  const budget = program.command('budget').description('spend limits by scope and window');
  const out = (text: string, data: unknown): void =>
    ctx.io.out(ctx.json() ? JSON.stringify(data, null, 2) : text);

  budget
    .command('show')
    .description('every budget with its current window: spent, reserved, remaining')
    .action(() =>
      ctx.withServices(async (services) => {
        const data = await call(services, 'budget.list', {});
        out(formatBudgets(data.budgets, data.timeZone), data);
      }),
    );

  budget
    .command('set')
    .description('create or change the budget of a scope and window')
    .requiredOption('--scope <scope>', 'global | provider | model | use_case')
    .option('--value <value>', 'provider id, <provider>/<model> or use case (not for global)')
    .requiredOption('--window <window>', 'per_request | hourly | daily | weekly | monthly | total')
    .requiredOption('--limit <usd>', 'limit in USD, e.g. 25 or 0.50')
    .option('--mode <mode>', 'hard (enforced) | soft (alerts only)', 'hard')
    .option('--warn <percent>', 'warning threshold in percent of the limit', '80')
    .option('--policy <policy>', 'on a hard limit: downgrade (cheaper model) | block (refuse)', 'block')
    .action((opts: SetOptions) => {
      // Passed through as typed: the contract decides what is valid, with the same messages as the UI.
      const input = {
        scope: opts.scope,
        value: opts.value,
        window: opts.window,
        limitUsd: numberOrText(opts.limit),
        mode: opts.mode,
        warnPercent: numberOrText(opts.warn),
        policy: opts.policy,
      } as unknown as BudgetInput;
      return ctx.withServices(async (services) => {
        const data = await call(services, 'budget.set', input);
        out(`${data.created ? 'created' : 'updated'}\n${formatBudgets([data.budget], null)}`, data);
      });
    });

  budget
    .command('delete <id>')
    .description('remove a budget (its spend stays in the ledger)')
    .action((idRaw: string) => {
      const id = Number(idRaw);
      if (!Number.isInteger(id) || id <= 0)
        usageError(ctx, 'The budget id is a positive whole number (see `budget show`).');
      return ctx.withServices(async (services) => {
        const data = await call(services, 'budget.delete', { id });
        out(data.deleted ? `deleted budget ${id}` : `no budget ${id}`, data);
      });
    });
}
