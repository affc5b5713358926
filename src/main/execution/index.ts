export { ProviderAdapter } from './providers/adapter';
export { PROVIDER_SPECS, providerNeedsKey } from './providers/catalog';
export { connectionFromStore, createProviderAdapter } from './providers/connection';
export { ERROR_KINDS, GenerationError, isGenerationError, type ErrorKind } from './generationError';
export { redactSecrets } from './redact';
export type * from './types';
