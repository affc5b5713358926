import { CommanderError } from 'commander';
import type { RouteInput, RouteName, RouteOutput } from '../../shared/contract';
import { PROVIDER_IDS, isProviderId, type ProviderId } from '../../shared/providers';
import { SwitchyardError } from '../core/errors';
import { createDispatcher } from '../rpc/dispatch';
import type { Services } from '../services';
import { printError, type CliIo } from './output';

/** What a command group needs from the program. */
export interface CommandContext {
  io: CliIo;
  json(): boolean;
  withServices<T>(fn: (s: Services) => Promise<T>): Promise<T>;
  /** A secret from stdin (hidden prompt on a terminal); never from argv. */
  readSecret(prompt: string): Promise<string>;
}

/** Calls a contract route the way the UI does, turning a failed Result back into an error. */
export async function call<K extends RouteName>(
  services: Services,
  route: K,
  input: RouteInput<K>,
): Promise<RouteOutput<K>> {
  const result = await createDispatcher(services)(route, input, { source: 'cli' });
  if (!result.ok) throw new SwitchyardError(result.error.code, result.error.message, result.error.details);
  return result.data as RouteOutput<K>;
}

/** Ends a command with this exit code after it printed its own output (e.g. a failed test). */
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CommandExit';
  }
}

/** A usage error (exit 2) printed as `error VALIDATION_FAILED: …`, never echoing what was typed. */
export function usageError(ctx: CommandContext, message: string): never {
  printError(ctx.io, { code: 'VALIDATION_FAILED', message }, ctx.json());
  throw new CommanderError(2, 'switchyard.usage', message);
}

export function providerArg(ctx: CommandContext, value: string): ProviderId {
  if (isProviderId(value)) return value;
  // The value is not repeated: a key pasted in the wrong place must not end up on screen or in logs.
  return usageError(ctx, `Unknown provider. Known providers: ${PROVIDER_IDS.join(', ')}.`);
}
