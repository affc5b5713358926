import { parseArgs } from 'node:util';
import { startFakeProviders } from './server';

const USAGE = 'usage: npm run fake-providers -- --port N [--host 127.0.0.1]';

/** `npm run fake-providers -- --port N`: the fake provider server in the foreground. */
async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be an integer between 0 and 65535\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const server = await startFakeProviders({ host: values.host, port });
  console.log(`Fake providers listening on ${server.origin}`);
  console.log(`  openai     ${server.baseUrls.openai}      (chat/completions, models)`);
  console.log(`  anthropic  ${server.baseUrls.anthropic}      (messages, models)`);
  console.log(
    `  gemini     ${server.baseUrls.gemini}  (models/{model}:generateContent, :streamGenerateContent)`,
  );
  console.log(`  local      ${server.baseUrls.local}  (OpenAI-style, no key needed)`);
  console.log(
    `  control    ${server.origin}/__control  (faults, requests, reset; see src/main/execution/fake/README.md)`,
  );
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
