import { afterEach, beforeEach } from 'vitest';
import type { RouteInput, RouteName, RouteOutput } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { createDispatcher, type Dispatcher } from '../rpc/dispatch';
import type { CallContext } from '../rpc/types';
import { Services } from '../services';
import { tempDir } from './tempDir';

/** Real Services of a headless shell, as a test drives them: through the contract's dispatcher. */
export interface ServicesFixture {
  readonly services: Services;
  readonly dataDir: string;
  /** A route's Result, refusals included; the input is not type-checked, so bad input can be sent. */
  call<T = unknown>(route: string, input: unknown): Promise<Result<T>>;
  /** A route's data; a refusal throws with its code. */
  data<K extends RouteName>(route: K, input: RouteInput<K>): Promise<RouteOutput<K>>;
  /** Closes the Services and opens them again on the same data dir, as an app restart does. */
  reopen(): Promise<void>;
}

export interface ServicesFixtureOptions {
  /** Provider keys in the in-memory key store (account = provider id); none by default. */
  keys?: Record<string, string>;
  /** Simulated providers (the fake server in-process) instead of real calls. */
  simulate?: boolean;
  /** Who the calls come from (default `http`). */
  source?: CallContext['source'];
}

/**
 * Registers hooks that give each test fresh `Services` in a temp data dir: a real SQLite ledger, an
 * in-memory key store (never the OS keychain) and an empty environment (never the runner's keys);
 * closed and removed after the test.
 */
export function servicesFixture(options: ServicesFixtureOptions = {}): ServicesFixture {
  const ctx: CallContext = { source: options.source ?? 'http' };
  let dir: ReturnType<typeof tempDir> | null = null;
  let services: Services | null = null;
  let dispatch: Dispatcher | null = null;

  const open = async (dataDir: string) => {
    services = await Services.create({
      dataDir,
      shell: 'headless',
      simulate: options.simulate ?? false,
      secrets: new MemorySecretStore(options.keys),
      env: {},
    });
    dispatch = createDispatcher(services);
  };
  beforeEach(async () => {
    dir = tempDir();
    await open(dir.path);
  });
  afterEach(() => {
    services?.close();
    dir?.cleanup();
    services = dispatch = dir = null;
  });

  const need = <T>(value: T | null): T => {
    if (value === null) throw new Error('servicesFixture: only inside a test (or its beforeEach)');
    return value;
  };
  const call = async <T>(route: string, input: unknown): Promise<Result<T>> =>
    (await need(dispatch)(route, input, ctx)) as Result<T>;
  const data = async <K extends RouteName>(route: K, input: RouteInput<K>): Promise<RouteOutput<K>> => {
    const r = await call<RouteOutput<K>>(route, input);
    if (!r.ok) throw new Error(`${route}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  const reopen = async () => {
    need(services).close();
    services = dispatch = null;
    await open(need(dir).path);
  };
  return {
    get services() {
      return need(services);
    },
    get dataDir() {
      return need(dir).path;
    },
    call,
    data,
    reopen,
  };
}

/** The data of a Result, for tests that send untyped input through `call`; a refusal throws with its code. */
export async function unwrap<T>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}
