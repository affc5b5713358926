import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { privateKeychain, startHarness, type Harness } from '../providers/test/harness';
import { runCli } from './program';
import { readHidden } from './secretInput';

const store = privateKeychain();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ secrets: store });
});
afterAll(async () => {
  await h.close();
  await store.wipe();
});
beforeEach(async () => {
  h.fake.reset();
  await store.wipe();
});

const KEY = 'sk-cli-test-key-abcdefgh5678';

async function run(argv: string[], deps: { key?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', h.dataDir, ...argv], {
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    secrets: store,
    env: deps.env ?? {},
    readSecret: async () => deps.key ?? KEY,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('switchyard keys', () => {
  it('set reads the key from stdin and answers with the masked view', async () => {
    const r = await run(['keys', 'set', 'openai']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Stored the OpenAI key \(…5678\) in the OS keychain\. Status: untested\./);
    expect(await store.get('openai')).toBe(KEY);
  });

  it('set refuses a key given as an argument (exit 2) and stores nothing', async () => {
    const r = await run(['keys', 'set', 'openai', KEY]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^error VALIDATION_FAILED: Never pass a key as an argument: it stays in your shell history/,
    );
    expect(r.out + r.err).not.toContain(KEY);
    expect(await store.get('openai')).toBeNull();
    const unknown = await run(['keys', 'set', 'not-a-provider']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /^error VALIDATION_FAILED: Unknown provider\. Known providers: anthropic, openai/,
    );
    expect(unknown.err).not.toContain('not-a-provider');
  });

  it('list shows every provider masked, as a table or as JSON', async () => {
    await run(['keys', 'set', 'anthropic']);
    const table = await run(['keys', 'list']);
    expect(table.code).toBe(0);
    const lines = table.out.split('\n');
    expect(lines[0]).toMatch(/^PROVIDER\s+KEY\s+STATUS\s+REASON$/);
    expect(lines.find((l) => l.startsWith('anthropic'))).toMatch(
      /^anthropic\s+…5678\s+untested\s+A key is stored/,
    );
    expect(lines.find((l) => l.startsWith('openai'))).toMatch(
      /^openai\s+—\s+missing_key\s+No API key stored/,
    );
    const json = JSON.parse((await run(['keys', 'list', '--json'])).out) as {
      keys: Array<{ provider: string }>;
    };
    expect(json.keys.find((k) => k.provider === 'anthropic')).toEqual({
      provider: 'anthropic',
      present: true,
      last4: '5678',
      status: 'untested',
      reason: expect.any(String),
    });
  });

  it('test exits 0 when the provider answers and 1 with the reason when it does not', async () => {
    await run(['keys', 'set', 'openai']);
    expect((await run(['providers', 'set', 'openai', '--base-url', h.fake.baseUrls.openai])).code).toBe(0);
    const ok = await run(['keys', 'test', 'openai']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OpenAI \(openai\): active\n {2}Answered the last test and listed 3 models\./);
    h.fake.faults.add({ error: 'auth' }, { wire: 'openai' }, 1);
    const bad = await run(['keys', 'test', 'openai']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/invalid_key\n {2}OpenAI refused the stored key at the last test \(HTTP 401\)/);
    const missing = await run(['keys', 'test', 'groq']);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/groq\): missing_key/);
  });

  it('delete removes the key and says when there was none', async () => {
    await run(['keys', 'set', 'xai']);
    expect((await run(['keys', 'delete', 'xai'])).out).toBe('Deleted the xAI Grok key.');
    expect((await run(['keys', 'delete', 'xai'])).out).toBe('No xAI Grok key was stored; nothing to delete.');
  });

  it('import-env lists names only with --dry-run, then imports', async () => {
    const env = { DEEPSEEK_API_KEY: 'ds-env-key-000000000000', MOONSHOT_API_KEY: 'ms-env-key-000000000000' };
    const dry = await run(['keys', 'import-env', '--dry-run'], { env });
    expect(dry.out.split('\n')).toEqual([
      'deepseek     DEEPSEEK_API_KEY (in keychain: no)',
      'moonshot     MOONSHOT_API_KEY (in keychain: no)',
    ]);
    expect(await store.get('deepseek')).toBeNull();
    const some = await run(['keys', 'import-env', 'moonshot'], { env });
    expect(some.out).toBe('imported moonshot from MOONSHOT_API_KEY');
    expect(await store.get('moonshot')).toBe(env.MOONSHOT_API_KEY);
    expect((await run(['keys', 'import-env'], { env: {} })).out).toBe(
      'No provider key variables are set in this environment.',
    );
  });
});

describe('switchyard providers', () => {
  it('set changes the base URL, enables and disables; list shows it', async () => {
    const set = await run([
      'providers',
      'set',
      'lmstudio',
      '--base-url',
      'http://127.0.0.1:4321/v1',
      '--disable',
    ]);
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/^LM Studio \(lmstudio\): local, disabled/);
    const list = await run(['providers', 'list']);
    expect(list.out.split('\n')[0]).toMatch(/^PROVIDER\s+ENABLED\s+KEY\s+STATUS\s+BASE URL$/);
    expect(list.out).toMatch(
      /lmstudio\s+no\s+not needed\s+local\s+http:\/\/127\.0\.0\.1:4321\/v1 \(custom\)/,
    );
    expect((await run(['providers', 'set', 'lmstudio', '--enable', '--default-base-url'])).code).toBe(0);
    const json = JSON.parse((await run(['providers', 'list', '--json'])).out) as {
      providers: Array<{ id: string; enabled: boolean; baseUrl: string | null }>;
    };
    expect(json.providers.find((p) => p.id === 'lmstudio')).toMatchObject({ enabled: true, baseUrl: null });
  });

  it('refuses contradictory or empty changes (exit 2) and unsafe URLs (exit 1)', async () => {
    expect((await run(['providers', 'set', 'openai', '--enable', '--disable'])).code).toBe(2);
    expect((await run(['providers', 'set', 'openai'])).err).toMatch(
      /^error VALIDATION_FAILED: Nothing to change/,
    );
    const http = await run(['providers', 'set', 'openai', '--base-url', 'http://198.51.100.4/v1']);
    expect(http.code).toBe(1);
    expect(http.err).toMatch(/^error VALIDATION_FAILED: Plain http to 198\.51\.100\.4/);
  });

  it('--help lists the key and provider commands', async () => {
    const keys = await run(['keys', '--help']);
    expect(keys.out).toMatch(
      /set <provider>[\s\S]*list[\s\S]*delete <provider>[\s\S]*test <provider>[\s\S]*import-env/,
    );
    expect((await run(['providers', '--help'])).out).toMatch(/list[\s\S]*set \[options\] <provider>/);
  });
});

describe('reading a key at a terminal', () => {
  it('reads without echo, handles backspace, and stops at Enter', async () => {
    const written: string[] = [];
    const tty = Object.assign(new EventEmitter(), {
      raw: false,
      setRawMode(on: boolean) {
        tty.raw = on;
        return tty;
      },
      setEncoding: () => tty,
      resume: () => tty,
      pause: () => tty,
    });
    const read = readHidden(tty as never, 'Key: ', (s) => written.push(s));
    expect(tty.raw).toBe(true);
    tty.emit('data', 'sk-abcX');
    tty.emit('data', '\u007fdef\r');
    expect(await read).toBe('sk-abcdef');
    expect(tty.raw).toBe(false);
    expect(written).toEqual(['Key: ', '\n']);
  });
});
