import { z } from 'zod';
import { route } from './route';

export const KeychainStatusSchema = z.object({
  status: z.enum(['available', 'unavailable']),
  backend: z.string(),
  /** What a person can do about it when unavailable. */
  message: z.string().optional(),
});

export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;

export const DatabaseStatusSchema = z.object({
  status: z.enum(['ok', 'error']),
  path: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  latestSchemaVersion: z.number().int().nonnegative(),
  journalMode: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sqliteVersion: z.string(),
  message: z.string().optional(),
});

export type DatabaseStatus = z.infer<typeof DatabaseStatusSchema>;

export const StatusSchema = z.object({
  app: z.object({ name: z.string(), version: z.string() }),
  shell: z.enum(['electron', 'headless', 'cli']),
  versions: z.object({
    node: z.string(),
    v8: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
  }),
  platform: z.string(),
  dataDir: z.string(),
  simulate: z.boolean(),
  startedAt: z.string(),
  database: DatabaseStatusSchema,
  keychain: KeychainStatusSchema,
  accessToken: z.object({
    storage: z.enum(['keychain', 'memory']),
  }),
  gateway: z.object({
    baseUrl: z.string().nullable(),
    available: z.boolean(),
    message: z.string(),
  }),
});
export type Status = z.infer<typeof StatusSchema>;

const NoInput = z.object({}).strict();

export const systemRoutes = {
  'system.status': route({
    kind: 'query',
    summary: 'Versions, data directory, database, keychain and gateway status.',
    input: NoInput,
    output: StatusSchema,
  }),
  'system.recheck': route({
    kind: 'command',
    summary: 'Probe the keychain and database again and broadcast the new status.',
    input: NoInput,
    output: StatusSchema,
  }),
};

export const systemEvents = {
  'system.statusChanged': StatusSchema,
};
