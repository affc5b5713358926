import { describe, expect, it, vi } from 'vitest';
import { makeStatus } from '../test/fakeApi';
import { createHttpApi } from './httpApi';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Records what the transport does with its EventSource; `fire` plays a server frame. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  closed = false;
  readonly handlers = new Map<string, Set<(e: Event) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, handler: (e: Event) => void) {
    const set = this.handlers.get(name) ?? new Set();
    set.add(handler);
    this.handlers.set(name, set);
  }
  removeEventListener(name: string, handler: (e: Event) => void) {
    this.handlers.get(name)?.delete(handler);
  }
  close() {
    this.closed = true;
  }
  fire(name: string, data: string) {
    for (const h of this.handlers.get(name) ?? []) h(new MessageEvent(name, { data }));
  }
}

function setup(fetchImpl: typeof fetch) {
  FakeEventSource.instances = [];
  const fetchMock = vi.fn(fetchImpl);
  const api = createHttpApi({
    fetch: fetchMock,
    EventSource: FakeEventSource as unknown as typeof EventSource,
  });
  return { api, fetchMock };
}

describe('HTTP transport: requests', () => {
  it('POSTs the input as JSON to /rpc/<route> with same-origin credentials and returns the Result', async () => {
    const status = makeStatus();
    const { api, fetchMock } = setup(async () => json({ ok: true, data: status }));

    const result = await api.request('system.status', {});

    expect(result).toEqual({ ok: true, data: status });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/rpc/system.status');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{}' });
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
  });

  it('passes error Results from 4xx answers through with their code', async () => {
    const error = {
      code: 'VALIDATION_FAILED',
      message: 'Invalid input for system.status: unrecognized key "extra"',
    };
    const { api } = setup(async () => json({ ok: false, error }, 400));

    expect(await api.request('system.status', {})).toEqual({ ok: false, error });
  });

  it('turns a network failure into an error Result instead of throwing', async () => {
    const { api } = setup(async () => {
      throw new TypeError('Failed to fetch');
    });

    const result = await api.request('system.recheck', {});

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('UNREACHABLE');
      expect(result.error.message).toMatch(/Cannot reach the Switchyard server \(Failed to fetch\)/);
    }
  });

  it('reports an answer that is not a Result with the HTTP status', async () => {
    const { api } = setup(async () => new Response('The UI is not built', { status: 503 }));

    const result = await api.request('system.status', {});

    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected answer from the server for system.status (HTTP 503).' },
    });
  });
});

describe('HTTP transport: events', () => {
  it('shares one EventSource on /events and routes frames by event name', async () => {
    const { api } = setup(async () => json({}));
    const first = vi.fn();
    const second = vi.fn();

    api.subscribe('system.statusChanged', first);
    api.subscribe('system.statusChanged', second);

    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/events');
    const status = makeStatus({ simulate: true });
    source.fire('system.statusChanged', JSON.stringify(status));
    source.fire('ready', '{}');
    source.fire('system.statusChanged', 'not json');

    expect(first).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledWith(status);
    expect(second).toHaveBeenCalledWith(status);
  });

  it('stops delivering after unsubscribe and closes the stream with the last listener', () => {
    const { api } = setup(async () => json({}));
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.subscribe('system.statusChanged', first);
    const offSecond = api.subscribe('system.statusChanged', second);
    const source = FakeEventSource.instances[0]!;

    offFirst();
    source.fire('system.statusChanged', '{"x":1}');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(source.closed).toBe(false);

    offSecond();
    expect(source.closed).toBe(true);

    api.subscribe('system.statusChanged', first);
    expect(FakeEventSource.instances).toHaveLength(2); // a later subscriber opens a fresh stream
  });
});

describe('HTTP transport: cancelling', () => {
  it('hands the signal to fetch and answers an aborted call with CANCELLED', async () => {
    const { api, fetchMock } = setup(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();

    const pending = api.request('system.status', {}, { signal: controller.signal });
    controller.abort();

    expect(await pending).toEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'The call to system.status was cancelled.' },
    });
    expect(fetchMock.mock.calls[0]![1]?.signal).toBe(controller.signal);
  });
});
