import { z } from 'zod';
import type { ProviderId } from '../../../shared/providers';
import { faultMatchSchema, parseFaultHeader } from '../fake/faults';
import { fakeConnection } from '../fake/connections';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import type { ProviderConnection } from '../types';
import type { ConnectionSource } from './ports';

/** Not a secret: the simulated providers accept any key but `invalid`. */
const SIMULATED_KEY = 'sk-simulated';

/**
 * Faults for a simulated session, as the fake's control endpoint takes them, e.g.
 * `SWITCHYARD_SIMULATE_FAULTS='[{"fault":"status=503","match":{"model":"gpt-5-mini"},"times":2}]'`:
 * a way to watch the cascade fall back without breaking a real provider.
 */
export const SIMULATE_FAULTS_ENV = 'SWITCHYARD_SIMULATE_FAULTS';
const faultListSchema = z.array(
  z.strictObject({
    fault: z.string().min(1),
    match: faultMatchSchema.default({}),
    times: z.number().int().min(1).default(1),
  }),
);

/**
 * Simulation mode: every provider is answered in-process by the fake provider server, started on
 * an ephemeral loopback port on first use, and reached through each provider's real SDK and
 * adapter. So a simulated request takes exactly the path of a real one (wire formats, streaming,
 * errors, cascade) with no key and no spend; only the base URL and the key differ.
 */
export class SimulatedProviders implements ConnectionSource {
  private server: Promise<FakeProviderServer> | null = null;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async connection(provider: ProviderId): Promise<ProviderConnection> {
    return fakeConnection(await this.fake(), provider, SIMULATED_KEY);
  }

  /** The running fake (tests queue faults and read its request log through it). */
  fake(): Promise<FakeProviderServer> {
    this.server ??= startFakeProviders({ host: '127.0.0.1', port: 0 }).then((s) => {
      this.queueFaultsFromEnv(s);
      return s;
    });
    return this.server;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await (await s).close();
  }

  private queueFaultsFromEnv(s: FakeProviderServer): void {
    const raw = this.env[SIMULATE_FAULTS_ENV];
    if (!raw) return;
    const parsed = faultListSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error(`${SIMULATE_FAULTS_ENV}: ${z.prettifyError(parsed.error)}`);
    for (const f of parsed.data) s.faults.add(parseFaultHeader(f.fault), f.match, f.times);
  }
}
