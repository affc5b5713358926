import { z } from 'zod';
import { route } from './route';

/** The gateway's own listener (desktop app) never shares the UI's default port. */
export const DEFAULT_GATEWAY_PORT = 4318;

export const GatewaySettingsSchema = z.object({
  /** Off: `/v1` and `/api` answer 503 GATEWAY_DISABLED (headless) or nothing listens (desktop). */
  enabled: z.boolean(),
  /** The desktop app's gateway port on 127.0.0.1. The headless shell serves the gateway on its own `--port`. */
  port: z.number().int().min(1024).max(65535),
});
export type GatewaySettings = z.infer<typeof GatewaySettingsSchema>;

export const GatewayInfoSchema = z.object({
  settings: GatewaySettingsSchema,
  /** `shell-port`: mounted on the headless shell's own origin; `own-port`: its own loopback listener. */
  mode: z.enum(['shell-port', 'own-port', 'none']),
  running: z.boolean(),
  /** What an OpenAI client uses as its base URL; null while nothing serves it. */
  baseUrl: z.string().nullable(),
  /** Why it is not running, or where it runs; for a person to read. */
  message: z.string(),
  tokenStorage: z.enum(['keychain', 'memory']),
});
export type GatewayInfo = z.infer<typeof GatewayInfoSchema>;

const NoInput = z.object({}).strict();

export const gatewayRoutes = {
  'gateway.info': route({
    kind: 'query',
    summary: 'Gateway settings, where it listens, and how the access token is kept (never the token).',
    input: NoInput,
    output: GatewayInfoSchema,
  }),
  'gateway.update': route({
    kind: 'command',
    summary: 'Switch the gateway on or off, or move it to another port; applied at once.',
    input: GatewaySettingsSchema.partial().strict(),
    output: GatewayInfoSchema,
  }),
  'gateway.revealToken': route({
    kind: 'command',
    summary: 'The access token, for the user who asked to see or copy it (an explicit action).',
    input: NoInput,
    output: z.object({ token: z.string() }),
  }),
  'gateway.rotateToken': route({
    kind: 'command',
    summary: 'Replace the access token; the old one stops working at once. The new one is not returned.',
    input: NoInput,
    output: GatewayInfoSchema,
  }),
};
