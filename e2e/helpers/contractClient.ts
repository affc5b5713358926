import type { RouteInput, RouteName, RouteOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import type { HeadlessShell } from './headlessShell';

/** The contract as another client reaches it (bearer token over HTTP), not through the page. */
export interface ContractClient {
  /** A route's Result, refusals included. */
  rpc<K extends RouteName>(route: K, input: RouteInput<K>): Promise<Result<RouteOutput<K>>>;
  /** A route's data; a refusal throws with its code. */
  ok<K extends RouteName>(route: K, input: RouteInput<K>): Promise<RouteOutput<K>>;
}

/** `shell` is read at each call, so a spec can make the client before its `beforeAll` starts the shell. */
export function contractClient(shell: () => HeadlessShell): ContractClient {
  const rpc = async <K extends RouteName>(
    route: K,
    input: RouteInput<K>,
  ): Promise<Result<RouteOutput<K>>> => {
    const { origin, token } = shell();
    const res = await fetch(`${origin}/rpc/${route}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Result<RouteOutput<K>>;
  };
  const ok = async <K extends RouteName>(route: K, input: RouteInput<K>): Promise<RouteOutput<K>> => {
    const r = await rpc(route, input);
    if (!r.ok) throw new Error(`${route}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  return { rpc, ok };
}

/** A priced custom Ollama model for the catalog (`catalog.update`), served by the fake provider server. */
export const customOllamaModel = (model: string, perMTok = 1_000) => ({
  action: 'add_custom' as const,
  model: {
    provider: 'ollama' as const,
    model,
    contextWindow: 32_000,
    maxOutputTokens: 4_096,
    inputPerMTok: perMTok,
    outputPerMTok: perMTok,
  },
});
