import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/program';
import { LedgerDatabase } from '../ledger/database';
import { Ledger } from '../ledger/ledger';
import { okAttempt, okRequest, PRICES } from '../ledger/testing/ledgerFixture';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { tempDir } from '../test/tempDir';

describe('CLI: budget show|set and report', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--data-dir', dir.path, ...args], {
      io: { out: (l) => out.push(l), err: (l) => err.push(l) },
      secrets: new MemorySecretStore(),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('budget set creates and then updates a budget; budget show lists it with its window', async () => {
    const created = await cli(
      'budget',
      'set',
      '--scope',
      'model',
      '--value',
      'openai/gpt-4.1',
      '--window',
      'daily',
      '--limit',
      '5',
      '--policy',
      'downgrade',
    );
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^created\nID\s+SCOPE/);
    const updated = await cli(
      '--json',
      'budget',
      'set',
      '--scope',
      'model',
      '--value',
      'openai/gpt-4.1',
      '--window',
      'daily',
      '--limit',
      '$7.50',
      '--mode',
      'soft',
      '--warn',
      '90',
    );
    expect(JSON.parse(updated.out)).toMatchObject({
      created: false,
      budget: { limitUsd: 7.5, mode: 'soft', warnPercent: 90 },
    });
    const shown = await cli('--json', 'budget', 'show');
    const data = JSON.parse(shown.out);
    expect(data.budgets).toHaveLength(1);
    expect(data.budgets[0]).toMatchObject({
      scope: 'model',
      value: 'openai/gpt-4.1',
      window: 'daily',
      current: { spentUsd: 0 },
    });
    expect((await cli('budget', 'show')).out).toMatch(
      /model openai\/gpt-4\.1\s+daily\s+\$7\.50\s+soft\s+90%/,
    );
  });

  it('bad input is VALIDATION_FAILED and changes nothing', async () => {
    await cli('budget', 'set', '--scope', 'global', '--window', 'monthly', '--limit', '50');
    const cases = [
      ['--scope', 'global', '--window', 'monthly', '--limit', 'lots'],
      ['--scope', 'global', '--window', 'monthly', '--limit', '-5'],
      ['--scope', 'model', '--window', 'daily', '--limit', '1'],
      ['--scope', 'model', '--value', 'gpt-4.1', '--window', 'daily', '--limit', '1'],
      ['--scope', 'use_case', '--value', 'poetry', '--window', 'daily', '--limit', '1'],
      ['--scope', 'global', '--window', 'fortnightly', '--limit', '1'],
      ['--scope', 'global', '--window', 'monthly', '--limit', '1', '--warn', '120'],
      ['--scope', 'global', '--window', 'monthly', '--limit', '1', '--policy', 'pray'],
      ['--scope', 'global', '--window', 'monthly', '--limit', '1', '--mode', 'firm'],
    ];
    for (const args of cases) {
      const r = await cli('budget', 'set', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toMatch(/^error VALIDATION_FAILED: /);
    }
    const data = JSON.parse((await cli('--json', 'budget', 'show')).out);
    expect(data.budgets).toEqual([
      expect.objectContaining({ scope: 'global', window: 'monthly', limitUsd: 50 }),
    ]);
  });

  it('report prints spend, rates and latency; --json, --by use-case, --since 7d and --csv', async () => {
    const database = LedgerDatabase.open(dir.path);
    const ledger = new Ledger(database);
    await Promise.all([
      ledger.record(
        okRequest(okAttempt('anthropic', 'claude-sonnet-4-5', PRICES.sonnet, 2_000, 500, 2_400), {
          useCase: 'analysis',
        }),
      ),
      ledger.record(
        okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 1_000, 300, 700), { fallbackUsed: true }),
      ),
      ledger.record(
        okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 1_000, 300, 650), {
          startedAt: Date.now() - 30 * 86_400_000,
        }),
      ),
    ]);
    ledger.close();
    database.close();

    const text = await cli('report', '--by', 'provider');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/over 3 requests/);
    expect(text.out).toMatch(/fallback rate 33\.3%/);
    expect(text.out).toMatch(/on anthropic\/claude-sonnet-4-5 the same traffic would have cost/);
    expect(text.out).toMatch(/^anthropic\s+1\s+\$0\.0135/m);

    const json = JSON.parse((await cli('--json', 'report', '--by', 'use-case', '--since', '7d')).out);
    expect(json.overview.requests).toBe(2);
    expect(json.spend.rows.map((r: { key: string }) => r.key).sort()).toEqual(['analysis', 'conversation']);
    expect(json.models).toHaveLength(2);
    expect(json.topRequests[0]).toMatchObject({ model: 'claude-sonnet-4-5' });

    const csv = await cli('report', '--csv', '--by', 'model');
    expect(csv.out.split('\r\n')[0]).toBe(
      'model,requests,cost_usd,tokens_in,tokens_out,errors,fallbacks,cache_hits,cache_saved_usd',
    );
    const raw = await cli('report', '--csv', '--raw');
    expect(raw.out.split('\r\n')).toHaveLength(4);

    expect((await cli('report', '--by', 'planet')).code).toBe(2);
    const badSince = await cli('report', '--since', 'yesterday-ish');
    expect(badSince.code).toBe(1);
    expect(badSince.err).toMatch(/^error VALIDATION_FAILED: /);
  });
});
