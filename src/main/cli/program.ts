import { Command, CommanderError } from 'commander';
import { resolveDataDir } from '../core/dataDir';
import { SwitchyardError, toContractError } from '../core/errors';
import { createDispatcher } from '../rpc/dispatch';
import { AccessToken, requireKeychainMessage } from '../secrets/accessToken';
import { Services } from '../services';
import type { SecretStore } from '../secrets/secretStore';
import { printError, processIo, type CliIo } from './output';
import { formatStatus } from './formatStatus';
import { registerBudgetCommands } from './budgetCommands';
import { registerCacheCommands } from './cacheCommands';
import { CommandExit, type CommandContext } from './commandContext';
import { registerKeysCommands } from './keysCommands';
import { registerLearningCommands } from './learningCommands';
import { registerProvidersCommands } from './providersCommands';
import { registerReportCommand } from './reportCommand';
import { registerRoutingCommands } from './routingCommands';
import { registerRunCommand } from './runCommand';
import { registerTasksCommands } from './tasksCommands';
import { readSecretFromStdin } from './secretInput';
import type { ProviderProbe } from '../providers/probe';

export interface GlobalOptions {
  dataDir?: string;
  json: boolean;
  simulate: boolean;
}

export interface CliDeps {
  io?: CliIo;
  secrets?: SecretStore;
  /** Where `keys set` reads the key (default: stdin, hidden on a terminal). */
  readSecret?: (prompt: string) => Promise<string>;
  /** The environment `keys import-env` reads (default: process.env). */
  env?: NodeJS.ProcessEnv;
  probe?: ProviderProbe;
  /** Where `route -` reads the prompt (default: all of stdin). */
  readStdin?: () => Promise<string>;
}

/**
 * The CLI. Every command goes through the same dispatcher as the UI where a route exists, so the
 * CLI, the UI and HTTP clients cannot drift apart.
 */
export function buildProgram(deps: CliDeps = {}): Command {
  const io = deps.io ?? processIo;
  const program = new Command('switchyard')
    .description(
      'Switchyard: route LLM requests to the model that fits, fall back across providers, cap spend.',
    )
    .option('--data-dir <dir>', 'data directory (default: SWITCHYARD_DATA_DIR or the OS app data folder)')
    .option('--json', 'print machine-readable JSON', false)
    .option('--simulate', 'use the simulated providers instead of real ones', false)
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const withServices = async <T>(fn: (s: Services) => Promise<T>): Promise<T> => {
    const g = globals();
    const services = await Services.create({
      dataDir: resolveDataDir(g.dataDir),
      shell: 'cli',
      simulate: g.simulate,
      secrets: deps.secrets,
      env: deps.env,
      probe: deps.probe,
    });
    try {
      return await fn(services);
    } finally {
      services.close();
    }
  };

  program
    .command('status')
    .description('versions, data directory, database and keychain status')
    .action(() =>
      withServices(async (services) => {
        const result = await createDispatcher(services)('system.status', {}, { source: 'cli' });
        if (!result.ok) throw new SwitchyardError(result.error.code, result.error.message);
        io.out(globals().json ? JSON.stringify(result.data, null, 2) : formatStatus(result.data as never));
      }),
    );

  program
    .command('token')
    .description('print the access token of the headless shell and gateway (or --rotate it)')
    .option('--rotate', 'replace the token; running shells refuse the old one at once', false)
    .action((opts: { rotate: boolean }) =>
      withServices(async (services) => {
        if (services.accessToken.storage !== 'keychain')
          throw requireKeychainMessage('A persistent access token');
        const token = opts.rotate
          ? await AccessToken.rotateStored(services.secrets, services.dataDir)
          : services.accessToken.current;
        io.out(globals().json ? JSON.stringify({ token, rotated: opts.rotate }) : token);
      }),
    );

  const ctx: CommandContext = {
    io,
    json: () => globals().json,
    withServices,
    readSecret: deps.readSecret ?? readSecretFromStdin,
  };
  registerKeysCommands(program, ctx);
  registerProvidersCommands(program, ctx);
  registerRoutingCommands(program, ctx, deps.readStdin);
  registerRunCommand(program, ctx, deps.readStdin);
  registerTasksCommands(program, ctx);
  registerBudgetCommands(program, ctx);
  registerReportCommand(program, ctx);
  registerLearningCommands(program, ctx);
  registerCacheCommands(program, ctx);

  return program;
}

/** Runs the CLI and returns the exit code (0 ok, 1 a command failed, 2 bad usage). */
export async function runCli(argv: string[], deps: CliDeps = {}): Promise<number> {
  const io = deps.io ?? processIo;
  const program = buildProgram(deps);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommandExit) return e.exitCode;
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0
        ? 0
        : 2;
    }
    printError(io, toContractError(e), program.opts<GlobalOptions>().json);
    if (!(e instanceof SwitchyardError)) console.error(e);
    return 1;
  }
}
