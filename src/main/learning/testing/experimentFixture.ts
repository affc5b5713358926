import { afterAll, beforeAll } from 'vitest';
import { startFakeProviders, type FakeProviderServer } from '../../execution/fake/server';
import { KEY } from '../../execution/test/harness';
import type { CallContext } from '../../rpc/types';
import { servicesFixture, type ServicesFixture } from '../../test/servicesFixture';
import { assignArm, assignmentPoint } from '../experiments';

/** What the A/B (and learning route) tests drive: fresh real Services per test, through the dispatcher. */
export interface ExperimentFixture extends ServicesFixture {
  /** The fake provider server (only with `fakeProviders: true`). */
  readonly fake: FakeProviderServer;
  /** Only OpenAI and Anthropic answer, both keyed and pointed at the fake; no local model servers. */
  useFakeProviders(): Promise<void>;
}

export interface ExperimentFixtureOptions {
  /** Start the fake provider server once for the file and key OpenAI and Anthropic for it. */
  fakeProviders?: boolean;
  /** Who the calls come from (default `http`). */
  source?: CallContext['source'];
}

/** Registers the hooks of a file (or describe block) of A/B tests; see `servicesFixture`. */
export function experimentFixture(options: ExperimentFixtureOptions = {}): ExperimentFixture {
  let fake: FakeProviderServer | null = null;
  if (options.fakeProviders) {
    beforeAll(async () => void (fake = await startFakeProviders()));
    afterAll(() => fake?.close());
  }
  const base = servicesFixture({
    keys: options.fakeProviders ? { openai: KEY, anthropic: KEY } : {},
    source: options.source,
  });
  const needFake = (): FakeProviderServer => {
    if (!fake) throw new Error('experimentFixture: no fake provider server (pass fakeProviders: true)');
    return fake;
  };
  return {
    get services() {
      return base.services;
    },
    get dataDir() {
      return base.dataDir;
    },
    call: base.call,
    data: base.data,
    reopen: base.reopen,
    get fake() {
      return needFake();
    },
    async useFakeProviders() {
      const { baseUrls } = needFake();
      await base.data('providers.update', { provider: 'openai', baseUrl: baseUrls.openai });
      await base.data('providers.update', { provider: 'anthropic', baseUrl: baseUrls.anthropic });
      for (const local of ['ollama', 'lmstudio'] as const)
        await base.data('providers.update', { provider: local, enabled: false });
    },
  };
}

/** The arm an experiment gives a request id, as execution assigns it. */
export function armFor<A extends { share: number }>(
  experiment: string,
  arms: readonly A[],
  requestId: string,
): A {
  return assignArm(arms, assignmentPoint(experiment, requestId));
}
