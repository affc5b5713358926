import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadless } from '../src/main/headless/server';
import { MemorySecretStore } from '../src/main/routing/test/memorySecrets';
import { createDispatcher } from '../src/main/rpc/dispatch';
import { Services } from '../src/main/services';

/**
 * The gateway under load: 50 connections for 10 s (autocannon, in its own process) against
 *   1. the fake provider server directly (its own process): the floor;
 *   2. Switchyard's gateway (this process): `model: auto` routed, a global budget reserved and
 *      reconciled, a ledger row committed before every answer;
 *   3. the Portkey gateway (its own process) forwarding to the same fake provider.
 * Every request body is unique (autocannon's [<id>]), so neither the response cache nor
 * single-flight answers. Added latency = gateway percentile − direct percentile.
 *
 * What users run: the gateway is served here by `startHeadless` over `Services.create`, the same
 * code `npm run serve` runs (scripts/serve.mjs starts src/main/headless/main.ts under Node with
 * tsx, as this bench runs); the desktop app runs the same modules bundled by electron-vite.
 *
 * The ceiling: every gateway request makes one upstream request, and autocannon, the fake provider
 * and the gateway share the machine's cores, so no gateway can answer more requests per second
 * than the fake does when called directly in the same run, nor more than
 *   4. a bare forwarding proxy (`bench/gateway/bareProxy.mjs`, its own process): node:http, the body
 *      piped upstream over keep-alive and the answer piped back, nothing else — the least work any
 *      gateway does per request.
 * `ceiling_rps` is the lower of the two; `target_reachable` says whether 10 × Portkey's requests/s
 * is below it at all on this machine, `target_p99_reachable` whether 1/10 of Portkey's p99 is above
 * the bare proxy's p99.
 *
 * What the passes over the gateway bought (issue #10; details and per-change figures in
 * src/main/gateway/README.md "Benchmark"): SDK calls without generateText and over node:http
 * keep-alive (CPU per request halved); chat completions on Node's request/response and grouped
 * budget admissions (−21 % CPU per request); then the per-request waste — a second zod parse, a
 * request key for uncacheable requests, settings re-read from SQLite on every request (now kept
 * until another connection commits), per-admission reads inside a batch, a stat of the token
 * marker, an AbortController and closures per request (−5.5 % CPU per request, median of six
 * side-by-side rounds; bench medians 619 → 645 req/s and `rps_vs_portkey` 1.47 → 1.70 at load 2–6).
 * Last quiet figure before that pass: 525 req/s, p99 224 ms, against Portkey's 436 req/s, p99 216 ms.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const KEY = 'sk-bench-gateway-0000000000';
const root = join(import.meta.dirname, '..');

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function start(cmd: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (b: Buffer): void => {
      out += b.toString();
      if (ready.test(out)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`)));
  });
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>, body: string): Promise<Load> {
  const args = ['-c', String(CONNECTIONS), '-d', String(DURATION_S), '-m', 'POST', '-I', '-j', '-b', body];
  for (const [k, v] of Object.entries({ 'content-type': 'application/json', ...headers }))
    args.push('-H', `${k}=${v}`);
  const child = spawn(join(root, 'node_modules/.bin/autocannon'), [...args, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  const r = JSON.parse(out) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    '2xx': number;
    non2xx: number;
    errors: number;
  };
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

const chatBody = (model: string): string =>
  JSON.stringify({
    model,
    temperature: 0.7,
    max_tokens: 64,
    messages: [{ role: 'user', content: 'Benchmark request [<id>]: what is a fallback? [[words:20]]' }],
  });

const fakePort = await freePort();
const fake = await start(
  process.execPath,
  ['--import', 'tsx', 'src/main/execution/fake/cli.ts', '--port', String(fakePort)],
  /listening on/,
);
const fakeOpenAI = `http://127.0.0.1:${fakePort}/v1`;
const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-gateway-'));
const children: ChildProcess[] = [fake];
try {
  const services = await Services.create({
    dataDir: join(dir, 'data'),
    shell: 'headless',
    secrets: new MemorySecretStore({ openai: KEY }),
  });
  const dispatch = createDispatcher(services);
  const call = async (route: string, input: unknown): Promise<void> => {
    const r = await dispatch(route, input, { source: 'http' });
    if (!r.ok) throw new Error(`${route}: ${r.error.code} ${r.error.message}`);
  };
  await call('providers.update', { provider: 'openai', baseUrl: fakeOpenAI });
  for (const provider of ['ollama', 'lmstudio', 'custom'])
    await call('providers.update', { provider, enabled: false });
  await call('budget.set', { scope: 'global', window: 'monthly', limitUsd: 1_000_000 });
  const server = await startHeadless({
    services,
    host: '127.0.0.1',
    port: 0,
    rendererDir: join(dir, 'no-ui'),
  });

  const portkeyPort = await freePort();
  children.push(
    await start(
      process.execPath,
      ['node_modules/@portkey-ai/gateway/build/start-server.js', `--port=${portkeyPort}`, '--headless'],
      /Ready|running|listening|started/i,
    ),
  );

  const barePort = await freePort();
  children.push(
    await start(
      process.execPath,
      [
        'bench/gateway/bareProxy.mjs',
        '--port',
        String(barePort),
        '--upstream',
        `http://127.0.0.1:${fakePort}`,
      ],
      /listening on/,
    ),
  );

  const auth = { authorization: `Bearer ${KEY}` };
  console.log(`${CONNECTIONS} connections, ${DURATION_S} s each; machine shared with other work`);
  const direct = await load(`${fakeOpenAI}/chat/completions`, auth, chatBody('gpt-4o-mini'));
  console.log(`direct   ${JSON.stringify(direct)}`);
  const rowsBefore = services.requireLedger() && countRows(services);
  const sw = await load(
    `${server.gatewayBaseUrl}/chat/completions`,
    { authorization: `Bearer ${services.accessToken.current}` },
    chatBody('auto'),
  );
  // autocannon stops mid-flight: let the requests it abandoned settle (cancelled, billed, released).
  await settled(services);
  const rows = countRows(services) - rowsBefore;
  const budget = budgetCheck(services);
  console.log(`switchyard ${JSON.stringify(sw)}  ledger rows +${rows}, budget ${JSON.stringify(budget)}`);
  const portkey = await load(
    `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
    { ...auth, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': fakeOpenAI },
    chatBody('gpt-4o-mini'),
  );
  console.log(`portkey  ${JSON.stringify(portkey)}`);
  const bare = await load(`http://127.0.0.1:${barePort}/v1/chat/completions`, auth, chatBody('gpt-4o-mini'));
  console.log(`bare proxy ${JSON.stringify(bare)}`);

  const target = 10 * portkey.rps;
  const ceiling = Math.min(direct.rps, bare.rps);
  console.log(
    `ceiling  ${ceiling.toFixed(0)} req/s (a bare forwarding proxy ${bare.rps.toFixed(0)}, the fake called directly ` +
      `${direct.rps.toFixed(0)}); target 10 × Portkey = ${target.toFixed(0)} req/s: ` +
      `${target <= ceiling ? 'below the ceiling' : 'above the ceiling, unreachable here'}`,
  );
  await server.close();
  services.close();
  const round = (n: number): number => Math.round(n * 100) / 100;
  console.log(
    JSON.stringify({
      bench: 'gateway',
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      rps: round(sw.rps),
      p50_ms: sw.p50,
      p99_ms: sw.p99,
      p50_added_ms: round(sw.p50 - direct.p50),
      p99_added_ms: round(sw.p99 - direct.p99),
      ok: sw.ok,
      non2xx: sw.non2xx,
      errors: sw.errors,
      ledger_rows: rows,
      ledger_rows_match: rows >= sw.ok,
      budget_spend_matches_ledger: budget.spentNanos === budget.ledgerNanos && budget.spentNanos > 0,
      open_reservations: budget.open,
      direct_rps: round(direct.rps),
      direct_p50_ms: direct.p50,
      direct_p99_ms: direct.p99,
      portkey_rps: round(portkey.rps),
      portkey_p50_ms: portkey.p50,
      portkey_p99_ms: portkey.p99,
      portkey_ok: portkey.ok,
      rps_vs_portkey: round(sw.rps / portkey.rps),
      p99_vs_portkey: round(sw.p99 / portkey.p99),
      targets: { rps_vs_portkey: '>= 10', p99_vs_portkey: '<= 0.1' },
      bare_proxy_rps: round(bare.rps),
      bare_proxy_p99_ms: bare.p99,
      ceiling_rps: round(ceiling),
      target_rps: round(10 * portkey.rps),
      target_reachable: 10 * portkey.rps <= ceiling,
      target_p99_reachable: portkey.p99 / 10 >= bare.p99,
      rps_vs_ceiling: round(sw.rps / ceiling),
      rps_vs_bare_proxy: round(sw.rps / bare.rps),
    }),
  );
} finally {
  for (const c of children) c.kill();
  rmSync(dir, { recursive: true, force: true });
}

/** Waits (up to 10 s) until no reservation is open: every request still in flight has finished. */
async function settled(services: Services): Promise<void> {
  const open = services.database!.db.prepare('SELECT count(*) AS n FROM budget_reservations');
  for (let i = 0; i < 100 && (open.get() as { n: number }).n > 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

function countRows(services: Services): number {
  return (services.database!.db.prepare('SELECT count(*) AS n FROM ledger_requests').get() as { n: number })
    .n;
}

/** The global budget's spend equals the ledger's cost (every call reserved and reconciled). */
function budgetCheck(services: Services): { spentNanos: number; ledgerNanos: number; open: number } {
  const db = services.database!.db;
  const one = (sql: string): number => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
  return {
    spentNanos: one('SELECT sum(spent_nanos) AS n FROM budget_spend'),
    ledgerNanos: one('SELECT sum(cost_nanos) AS n FROM ledger_requests'),
    open: one('SELECT count(*) AS n FROM budget_reservations'),
  };
}
