import { z } from 'zod';
import { PROVIDER_IDS } from '../providers';
import { KeyViewSchema, ProviderStatusKindSchema } from './keys';
import { route } from './route';
import { KeychainStatusSchema } from './system';

const ProviderId = z.enum(PROVIDER_IDS);

/**
 * The last check of a provider, persisted: a "test connection" (a model-list call), or a request
 * on which the provider refused the key (reported by execution).
 */
export const ProviderCheckSchema = z.strictObject({
  source: z.enum(['test', 'request']),
  at: z.string(),
  ok: z.boolean(),
  /** What the test made of the answer (`active` when ok). */
  status: ProviderStatusKindSchema,
  httpStatus: z.number().int().nullable(),
  /** Scrubbed, one line: what the provider or the network said. */
  detail: z.string(),
  /** Models the provider listed, when ok. */
  models: z.number().int().nonnegative().nullable(),
  durationMs: z.number().int().nonnegative(),
  baseUrl: z.string(),
});
export type ProviderCheck = z.infer<typeof ProviderCheckSchema>;

export const ProviderViewSchema = z.strictObject({
  id: ProviderId,
  displayName: z.string(),
  kind: z.enum(['cloud', 'local']),
  keyRequired: z.boolean(),
  enabled: z.boolean(),
  /** The user's base URL; null means the provider's default. */
  baseUrl: z.string().nullable(),
  defaultBaseUrl: z.string().nullable(),
  /** What calls go to: the user's, derived (Azure resource) or default URL; null if none is known. */
  effectiveBaseUrl: z.string().nullable(),
  /** Azure OpenAI only: the resource (→ https://<resource>.openai.azure.com/openai) and deployment. */
  azure: z.strictObject({ resource: z.string().nullable(), deployment: z.string().nullable() }).nullable(),
  /** Environment variables `keys import-env` reads this provider's key from, in order. */
  envVars: z.array(z.string()),
  key: KeyViewSchema,
  lastCheck: ProviderCheckSchema.nullable(),
  /** Things to know about the current settings (e.g. an unencrypted base URL). */
  warnings: z.array(z.string()),
});
export type ProviderView = z.infer<typeof ProviderViewSchema>;

export const ProvidersListSchema = z.strictObject({
  keychain: KeychainStatusSchema,
  providers: z.array(ProviderViewSchema),
});
export type ProvidersList = z.infer<typeof ProvidersListSchema>;

const azureName = (what: string, pattern: RegExp) =>
  z.string().trim().regex(pattern, `Not a valid Azure ${what} name.`).nullable().optional();

export const ProviderUpdateSchema = z
  .strictObject({
    provider: ProviderId,
    /** A URL sets it; null goes back to the provider's default. Checked in main (scheme, host). */
    baseUrl: z.string().trim().min(1).max(2000).nullable().optional(),
    enabled: z.boolean().optional(),
    azure: z
      .strictObject({
        resource: azureName('resource', /^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/),
        deployment: azureName('deployment', /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
      })
      .optional(),
  })
  .refine((u) => u.baseUrl !== undefined || u.enabled !== undefined || u.azure !== undefined, {
    message: 'Nothing to change: give baseUrl, enabled or azure.',
  });
export type ProviderUpdate = z.input<typeof ProviderUpdateSchema>;

export const providersRoutes = {
  'providers.list': route({
    kind: 'query',
    summary: 'Every provider with its settings, masked key, status and reason, and the last test.',
    input: z.strictObject({}),
    output: ProvidersListSchema,
  }),
  'providers.update': route({
    kind: 'command',
    summary: "Change a provider's base URL, Azure resource/deployment, or enable/disable it (persisted).",
    input: ProviderUpdateSchema,
    output: ProviderViewSchema,
  }),
  'providers.test': route({
    kind: 'command',
    summary: "Test connection: list the provider's models with the stored key; records the outcome.",
    input: z.strictObject({ provider: ProviderId }),
    output: ProviderViewSchema,
  }),
};

export const providersEvents = {
  /** A provider's key, settings or status changed (from any window, client or the CLI's shell). */
  'providers.changed': z.strictObject({ provider: ProviderId }),
};
