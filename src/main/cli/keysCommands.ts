import type { Command } from 'commander';
import { SwitchyardError } from '../core/errors';
import { displayName } from '../providers/directory';
import { CommandExit, call, providerArg, usageError, type CommandContext } from './commandContext';
import { formatKeys, formatProvider, maskOf } from './formatProviders';

const KEY_IN_ARGV =
  'Never pass a key as an argument: it stays in your shell history and is visible in the process list. Pipe it on stdin instead (e.g. `pass show openai | npm run switchyard -- keys set openai`), or run without it to be prompted. If that was a real key, consider rotating it.';

/** `keys set|list|delete|test|import-env`: the same routes as the Settings screen. */
export function registerKeysCommands(program: Command, ctx: CommandContext): void {
  const keys = program.command('keys').description('provider API keys in the OS keychain');
  const out = (text: string, data: unknown): void =>
    ctx.io.out(ctx.json() ? JSON.stringify(data, null, 2) : text);

  keys
    .command('set <provider>')
    .description('store a provider key, read from stdin (a hidden prompt on a terminal; never from argv)')
    .allowExcessArguments(true)
    .allowUnknownOption(true)
    .action((providerRaw: string, _opts: unknown, cmd: Command) => {
      if (cmd.args.length > 1) usageError(ctx, KEY_IN_ARGV);
      const provider = providerArg(ctx, providerRaw);
      return ctx.withServices(async (services) => {
        // Say so before asking for a key that could not be stored anyway.
        const { keychain } = services.status();
        if (keychain.status === 'unavailable')
          throw new SwitchyardError(
            'KEYCHAIN_UNAVAILABLE',
            keychain.message ?? 'The OS keychain is unavailable.',
          );
        const key = await ctx.readSecret(`Paste the ${displayName(provider)} API key (input hidden): `);
        const view = await call(services, 'keys.set', { provider, key });
        out(
          `Stored the ${displayName(provider)} key (${maskOf(view)}) in the OS keychain. Status: ${view.status}. ${view.reason}`,
          view,
        );
      });
    });

  keys
    .command('list')
    .description('which providers have a key (masked) and their status')
    .action(() =>
      ctx.withServices(async (services) => {
        const data = await call(services, 'keys.list', {});
        out(formatKeys(data.keys), data);
      }),
    );

  keys
    .command('delete <provider>')
    .description("remove a provider's key from the OS keychain")
    .action((providerRaw: string) => {
      const provider = providerArg(ctx, providerRaw);
      return ctx.withServices(async (services) => {
        const data = await call(services, 'keys.delete', { provider });
        const name = displayName(provider);
        out(
          data.deleted ? `Deleted the ${name} key.` : `No ${name} key was stored; nothing to delete.`,
          data,
        );
      });
    });

  keys
    .command('test <provider>')
    .description('test connection: list the models with the stored key (exit 1 unless active)')
    .action((providerRaw: string) => {
      const provider = providerArg(ctx, providerRaw);
      return ctx.withServices(async (services) => {
        const view = await call(services, 'providers.test', { provider });
        out(formatProvider(view), view);
        if (view.key.status !== 'active') throw new CommandExit(1);
      });
    });

  keys
    .command('import-env [providers...]')
    .description(
      'copy provider keys from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, …) into the keychain',
    )
    .option('--overwrite', 'replace a different key already in the keychain', false)
    .option('--dry-run', 'only list which variables are set (names, never values)', false)
    .action((providersRaw: string[], opts: { overwrite: boolean; dryRun: boolean }) => {
      const providers = providersRaw.length ? providersRaw.map((p) => providerArg(ctx, p)) : undefined;
      return ctx.withServices(async (services) => {
        if (opts.dryRun) {
          const { candidates } = await call(services, 'keys.envCandidates', {});
          const lines = candidates.map(
            (c) => `${c.provider.padEnd(12)} ${c.envVar} (in keychain: ${c.stored})`,
          );
          out(lines.length ? lines.join('\n') : 'No provider key variables are set in this environment.', {
            candidates,
          });
          return;
        }
        const result = await call(services, 'keys.importEnv', { providers, overwrite: opts.overwrite });
        const lines = [
          ...result.imported.map((i) => `imported ${i.provider} from ${i.envVar}`),
          ...result.baseUrls.map((b) => `set ${b.provider} base URL ${b.baseUrl} from ${b.envVar}`),
          ...result.skipped.map((s) => `skipped ${s.provider} (${s.envVar}): ${s.reason}`),
        ];
        out(
          lines.length ? lines.join('\n') : 'No provider key variables are set in this environment.',
          result,
        );
      });
    });
}
