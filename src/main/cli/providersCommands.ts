import type { Command } from 'commander';
import type { ProviderUpdate } from '../../shared/contract';
import { call, providerArg, usageError, type CommandContext } from './commandContext';
import { formatProvider, formatProviders } from './formatProviders';

interface SetOptions {
  baseUrl?: string;
  defaultBaseUrl?: boolean;
  enable?: boolean;
  disable?: boolean;
  azureResource?: string;
  azureDeployment?: string;
}

/** `providers list|set`: settings per provider, the same routes as the Settings screen. */
export function registerProvidersCommands(program: Command, ctx: CommandContext): void {
  const providers = program.command('providers').description('provider settings and status');
  const out = (text: string, data: unknown): void =>
    ctx.io.out(ctx.json() ? JSON.stringify(data, null, 2) : text);

  providers
    .command('list')
    .description('every provider: enabled, key (masked), status and base URL')
    .action(() =>
      ctx.withServices(async (services) => {
        const data = await call(services, 'providers.list', {});
        const note =
          data.keychain.status === 'unavailable'
            ? `\nkeychain unavailable: ${data.keychain.message ?? ''}`
            : '';
        out(formatProviders(data.providers) + note, data);
      }),
    );

  providers
    .command('set <provider>')
    .description('change a provider: base URL, Azure resource/deployment, enable or disable')
    .option('--base-url <url>', 'base URL (https; http only for loopback or a local server)')
    .option('--default-base-url', "go back to the provider's default base URL")
    .option('--enable', 'use this provider')
    .option('--disable', 'never route to this provider')
    .option('--azure-resource <name>', 'Azure OpenAI resource name')
    .option('--azure-deployment <name>', 'Azure OpenAI deployment name')
    .action((providerRaw: string, opts: SetOptions) => {
      const provider = providerArg(ctx, providerRaw);
      if (opts.enable && opts.disable) usageError(ctx, 'Give --enable or --disable, not both.');
      if (opts.baseUrl !== undefined && opts.defaultBaseUrl)
        usageError(ctx, 'Give --base-url or --default-base-url, not both.');
      const update: ProviderUpdate = { provider };
      if (opts.baseUrl !== undefined) update.baseUrl = opts.baseUrl;
      if (opts.defaultBaseUrl) update.baseUrl = null;
      if (opts.enable || opts.disable) update.enabled = !!opts.enable;
      if (opts.azureResource !== undefined || opts.azureDeployment !== undefined)
        update.azure = { resource: opts.azureResource, deployment: opts.azureDeployment };
      if (Object.keys(update).length === 1)
        usageError(
          ctx,
          'Nothing to change: give --base-url, --default-base-url, --enable, --disable or --azure-*.',
        );
      return ctx.withServices(async (services) => {
        const view = await call(services, 'providers.update', update);
        out(formatProvider(view), view);
      });
    });
}
