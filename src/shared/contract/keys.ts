import { z } from 'zod';
import { PROVIDER_IDS } from '../providers';
import { route } from './route';
import { KeychainStatusSchema } from './system';

const ProviderId = z.enum(PROVIDER_IDS);

/**
 * What a provider looks like from outside main, most actionable first:
 * - `active`: it answered the last test (a key is stored, or none is needed);
 * - `missing_key`: it needs a key and none is stored (or the keychain cannot be read);
 * - `invalid_key`: the provider refused the stored key (HTTP 401/403) at the last test;
 * - `unreachable`: the last test could not get an answer (network, base URL, server error);
 * - `rate_limited`: the last test was answered with 429 (limits or quota);
 * - `local`: a local server that needs no key and has not been tested;
 * - `untested`: a key is stored but has not been tested since it was set.
 */
export const PROVIDER_STATUSES = [
  'active',
  'missing_key',
  'invalid_key',
  'unreachable',
  'rate_limited',
  'local',
  'untested',
] as const;
export const ProviderStatusKindSchema = z.enum(PROVIDER_STATUSES);
export type ProviderStatusKind = z.infer<typeof ProviderStatusKindSchema>;

/**
 * A stored key as the UI, the CLI and HTTP clients see it. Never the key itself: `last4` is shown
 * only for keys of at least 12 characters (MIN_KEY_LENGTH_FOR_LAST4), where four characters reveal
 * too little to guess the rest; shorter secrets show nothing.
 */
export const KeyViewSchema = z.strictObject({
  provider: ProviderId,
  present: z.boolean(),
  last4: z.string().length(4).nullable(),
  status: ProviderStatusKindSchema,
  /** One sentence a person can act on. */
  reason: z.string(),
});
export type KeyView = z.infer<typeof KeyViewSchema>;

export const MIN_KEY_LENGTH_FOR_LAST4 = 12;
export const MAX_KEY_LENGTH = 4096;

/**
 * Key input is write-only: it goes in through keys.set or keys.importEnv and never comes back.
 * Surrounding whitespace (a pasted newline) is trimmed; anything else that cannot be in a key is
 * refused without echoing the value.
 */
export const ApiKeyInputSchema = z
  .string()
  .trim()
  .min(1, 'The key is empty.')
  .max(MAX_KEY_LENGTH, `A key is at most ${MAX_KEY_LENGTH} characters.`)
  .regex(/^[\x21-\x7e]+$/, 'A key is printable ASCII without spaces; check what was pasted.');

export const EnvKeyCandidateSchema = z.strictObject({
  provider: ProviderId,
  /** The variable's name; its value never leaves main. */
  envVar: z.string(),
  /** Whether the keychain already holds this provider's key (the same or another one). */
  stored: z.enum(['no', 'same', 'different']),
});
export type EnvKeyCandidate = z.infer<typeof EnvKeyCandidateSchema>;

export const KeysListSchema = z.strictObject({
  keychain: KeychainStatusSchema,
  keys: z.array(KeyViewSchema),
});

export const ImportEnvResultSchema = z.strictObject({
  imported: z.array(z.strictObject({ provider: ProviderId, envVar: z.string() })),
  skipped: z.array(z.strictObject({ provider: ProviderId, envVar: z.string(), reason: z.string() })),
  /** Base URLs taken from the environment (AZURE_OPENAI_ENDPOINT). */
  baseUrls: z.array(z.strictObject({ provider: ProviderId, envVar: z.string(), baseUrl: z.string() })),
});
export type ImportEnvResult = z.infer<typeof ImportEnvResultSchema>;

const NoInput = z.strictObject({});

export const keysRoutes = {
  'keys.list': route({
    kind: 'query',
    summary:
      'Which providers have a key in the OS keychain, masked, with their status. KEYCHAIN_UNAVAILABLE without one.',
    input: NoInput,
    output: KeysListSchema,
  }),
  'keys.set': route({
    kind: 'command',
    summary: "Store a provider's API key in the OS keychain (write-only: the answer is the masked view).",
    input: z.strictObject({ provider: ProviderId, key: ApiKeyInputSchema }),
    output: KeyViewSchema,
  }),
  'keys.delete': route({
    kind: 'command',
    summary: "Remove a provider's API key from the OS keychain.",
    input: z.strictObject({ provider: ProviderId }),
    output: z.strictObject({ deleted: z.boolean(), key: KeyViewSchema }),
  }),
  'keys.envCandidates': route({
    kind: 'query',
    summary: "Provider key variables present in main's environment (names only, never values).",
    input: NoInput,
    output: z.strictObject({ candidates: z.array(EnvKeyCandidateSchema) }),
  }),
  'keys.importEnv': route({
    kind: 'command',
    summary: "Move the chosen providers' keys from main's environment into the OS keychain.",
    input: z.strictObject({
      /** Omitted: every candidate. */
      providers: z.array(ProviderId).optional(),
      /** Replace a different key already in the keychain (otherwise it is kept and reported). */
      overwrite: z.boolean().default(false),
    }),
    output: ImportEnvResultSchema,
  }),
};
