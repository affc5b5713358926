import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { resolveDataDir } from '../core/dataDir';
import { isSwitchyardError } from '../core/errors';
import { Services } from '../services';
import { isLoopbackHost } from './security';
import { startHeadless } from './server';

const parsePort = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is 0–65535');
  return n;
};

const program = new Command('serve')
  .description(
    'Switchyard headless shell: the UI in a browser and the contract over HTTP, on loopback with a token.',
  )
  .option('--host <host>', 'address to bind', '127.0.0.1')
  .option('--port <port>', 'port to bind (0 picks a free one)', parsePort, 4317)
  .option('--data-dir <dir>', 'data directory (default: SWITCHYARD_DATA_DIR or the OS app data folder)')
  .option('--simulate', 'answer from the simulated providers instead of real ones', false)
  .option('--renderer-dir <dir>', 'built UI to serve', 'out/renderer')
  .allowExcessArguments(false);

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts<{
    host: string;
    port: number;
    dataDir?: string;
    simulate: boolean;
    rendererDir: string;
  }>();
  if (!isLoopbackHost(opts.host)) {
    console.warn(
      `WARNING: binding to ${opts.host}, which is not a loopback address. Anyone who can reach it and learns the token can spend your provider credit. Use 127.0.0.1 unless you know why not.`,
    );
  }
  const services = await Services.create({
    dataDir: resolveDataDir(opts.dataDir),
    shell: 'headless',
    simulate: opts.simulate,
  });
  const server = await startHeadless({
    services,
    host: opts.host,
    port: opts.port,
    rendererDir: resolve(opts.rendererDir),
  });
  const tokenNote =
    services.accessToken.storage === 'keychain'
      ? 'token kept in the OS keychain'
      : 'keychain unavailable: this token lives only in memory, for this launch';
  console.log(
    [
      'Switchyard headless shell',
      `  UI:        ${server.uiUrl}`,
      services.gateway.enabled
        ? `  Gateway:   ${server.gatewayBaseUrl}  (OpenAI-compatible; API key = the access token)`
        : '  Gateway:   switched off (Settings → Gateway)',
      `  Data dir:  ${services.dataDir}`,
      `  Access:    ${tokenNote}`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  const stop = async (): Promise<void> => {
    await server.close();
    services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  if (isSwitchyardError(e)) console.error(`error ${e.code}: ${e.message}`);
  else if (e instanceof Error && 'code' in e && e.code === 'EADDRINUSE')
    console.error(`error ADDRESS_IN_USE: ${e.message}. Pick another --port.`);
  else console.error(e);
  process.exit(1);
});
