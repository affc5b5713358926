import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from './requestLog';
import { startFakeProviders, type FakeProviderServer } from './server';

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const KEY = 'sk-fake-server-test-key-000';

function chat(
  prompt: string,
  init: { headers?: Record<string, string>; body?: object } = {},
): Promise<Response> {
  return fetch(`${fake.baseUrls.openai}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: prompt }],
      ...init.body,
    }),
  });
}

async function control<T>(method: string, path: string, body?: object): Promise<{ status: number; json: T }> {
  const res = await fetch(`${fake.origin}/__control${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as T };
}

interface Completion {
  choices: Array<{ message: { content: string }; finish_reason: string }>;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    prompt_tokens_details: { cached_tokens: number };
  };
}
interface ErrorBody {
  error: { message: string; type?: string; status?: string };
}

const requests = async (): Promise<LoggedRequest[]> =>
  (await control<{ requests: LoggedRequest[] }>('GET', '/requests')).json.requests;

describe('fake provider answers', () => {
  it('gives the same answer to the same prompt and a different one to a different prompt', async () => {
    const text = async (p: string) =>
      ((await (await chat(p)).json()) as { choices: Array<{ message: { content: string } }> }).choices[0]
        ?.message.content;
    const [a1, a2, b] = [
      await text('Plan a trip to Lisbon'),
      await text('Plan a trip to Lisbon'),
      await text('Fix my SQL'),
    ];
    expect(a1).toBe(a2);
    expect(b).not.toBe(a1);
    expect(a1).toContain('Plan a trip to Lisbon');
  });

  it('counts more prompt tokens for a longer prompt and honours max_tokens with finish_reason length', async () => {
    const usage = async (p: string, body?: object) => (await (await chat(p, { body })).json()) as Completion;
    const short = await usage('hi');
    const long = await usage('hi '.repeat(400));
    expect(long.usage.prompt_tokens).toBeGreaterThan(short.usage.prompt_tokens + 250);
    const capped = await usage('Tell me everything [[words:300]]', { max_tokens: 20 });
    expect(capped.choices[0]?.finish_reason).toBe('length');
    expect(capped.usage.completion_tokens).toBeLessThanOrEqual(20);
  });

  it('reports cached prompt tokens when a long prompt repeats, as OpenAI does', async () => {
    const prompt = 'context '.repeat(700);
    const first = (await (await chat(prompt)).json()) as Completion;
    const second = (await (await chat(prompt)).json()) as Completion;
    expect(first.usage.prompt_tokens_details.cached_tokens).toBe(0);
    expect(second.usage.prompt_tokens_details.cached_tokens).toBeGreaterThan(1000);
  });

  it('requires a key in each provider’s own way, except under /local', async () => {
    const noKey = await fetch(`${fake.baseUrls.openai}/models`);
    expect(noKey.status).toBe(401);
    const gemini = await fetch(`${fake.baseUrls.gemini}/models`);
    expect(gemini.status).toBe(403);
    expect(((await gemini.json()) as ErrorBody).error.status).toBe('PERMISSION_DENIED');
    const anthropic = await fetch(`${fake.baseUrls.anthropic}/models`, {
      headers: { 'anthropic-version': '2023-06-01' },
    });
    expect(((await anthropic.json()) as ErrorBody).error.type).toBe('authentication_error');
    const local = await fetch(`${fake.baseUrls.local}/models`);
    expect(local.status).toBe(200);
  });
});

describe('fault control endpoint', () => {
  it('applies a queued fault to the next N matching requests, then answers normally', async () => {
    const added = await control('POST', '/faults', {
      fault: 'status=503;retry-after=4',
      match: { model: 'gpt-4o-mini' },
      times: 2,
    });
    expect(added.status).toBe(201);
    expect((await control<{ faults: unknown[] }>('GET', '/faults')).json.faults).toHaveLength(1);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await chat('hello');
      statuses.push([res.status, res.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([
      [503, '4'],
      [503, '4'],
      [200, null],
    ]);
  });

  it('accepts the object form, and clears queued faults on DELETE', async () => {
    await control('POST', '/faults', { fault: { status: 500 }, times: 5 });
    expect((await control<{ cleared: number }>('DELETE', '/faults')).json.cleared).toBe(1);
    expect((await chat('hello')).status).toBe(200);
  });

  it('rejects an invalid fault with a reason', async () => {
    const res = await control<{ error: string }>('POST', '/faults', { fault: 'status=abc' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/invalid fault/);
  });

  it('answers a malformed fault header with a 400 that names the header', async () => {
    const res = await chat('hello', { headers: { 'x-fake-fault': 'explode' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.message).toContain('x-fake-fault');
  });

  it('logs every upstream call without the key, and records a client that gave up on a hang', async () => {
    await chat('one');
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 50);
    await expect(
      fetch(`${fake.baseUrls.openai}/chat/completions`, {
        method: 'POST',
        signal: aborted.signal,
        headers: { authorization: `Bearer ${KEY}`, 'x-fake-fault': 'hang' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'two' }] }),
      }),
    ).rejects.toThrow();
    await expect
      .poll(async () => (await requests()).map((r) => [r.outcome, r.aborted]))
      .toEqual([
        ['ok', false],
        ['hang', true],
      ]);
    expect(JSON.stringify(await requests())).not.toContain(KEY);
  });

  it('forgets faults and the log on reset', async () => {
    await control('POST', '/faults', { fault: 'status=500' });
    await chat('hello');
    await control('POST', '/reset');
    expect(await requests()).toEqual([]);
    expect((await control<{ faults: unknown[] }>('GET', '/faults')).json.faults).toEqual([]);
  });
});
