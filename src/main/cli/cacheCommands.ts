import type { Command } from 'commander';
import type { SimilarCacheView } from '../../shared/contract';
import { call, usageError, type CommandContext } from './commandContext';

export function formatSimilarCache(v: SimilarCacheView): string {
  return [
    `similar-prompt cache: ${v.enabled ? 'on' : 'off'}, threshold ${v.threshold}`,
    `  answers indexed: ${v.indexed}`,
    v.storePrompts
      ? '  prompt storage: on (answers are stored with their prompts and can be offered again)'
      : '  prompt storage: off — nothing new can be matched (the playground history, or ledger.updateSettings { storePrompts: true })',
  ].join('\n');
}

/** `cache show|set`: the similar-prompt cache, the same routes as the Settings screen. */
export function registerCacheCommands(program: Command, ctx: CommandContext): void {
  const cache = program.command('cache').description('the similar-prompt cache (opt-in)');
  const out = (v: SimilarCacheView): void =>
    ctx.io.out(ctx.json() ? JSON.stringify(v, null, 2) : formatSimilarCache(v));

  cache
    .command('show')
    .description('whether the similar-prompt cache is on, its threshold, how many answers it holds')
    .action(() =>
      ctx.withServices(async (services) => out(await call(services, 'execution.similarCache', {}))),
    );

  cache
    .command('set')
    .description('turn the similar-prompt cache on or off, or change its similarity threshold (0.5–1)')
    .option('--similar <on|off>', 'offer stored answers to similar prompts')
    .option('--threshold <n>', 'cosine similarity a stored prompt needs (default 0.85)')
    .action((opts: { similar?: string; threshold?: string }) => {
      const patch: { enabled?: boolean; threshold?: number } = {};
      if (opts.similar !== undefined) {
        if (opts.similar !== 'on' && opts.similar !== 'off') usageError(ctx, '--similar takes on or off.');
        patch.enabled = opts.similar === 'on';
      }
      if (opts.threshold !== undefined) {
        const n = Number(opts.threshold);
        if (opts.threshold.trim() === '' || !Number.isFinite(n))
          usageError(ctx, `--threshold takes a number between 0.5 and 1, not "${opts.threshold}".`);
        patch.threshold = n;
      }
      if (Object.keys(patch).length === 0)
        usageError(ctx, 'Nothing to change: give --similar on|off or --threshold.');
      return ctx.withServices(async (services) =>
        out(await call(services, 'execution.updateSimilarCache', patch)),
      );
    });
}
