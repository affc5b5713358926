export { ProviderAdapter } from './providers/adapter';
export { PROVIDER_SPECS, providerNeedsKey } from './providers/catalog';
export { connectionFromStore, createProviderAdapter } from './providers/connection';
export { ERROR_KINDS, GenerationError, isGenerationError, type ErrorKind } from './generationError';
export { redactSecrets } from './redact';
export type * from './types';
// The generation service is imported from ./service/* directly: this index is loaded by the
// providers room, which must not pull the whole execution path (and its room adapters) in.
export type { GenerationService, GenerationServiceDeps, RunOptions } from './service/generationService';
export type {
  AttemptRecorder,
  CascadeRulesSource,
  ConnectionSource,
  PriceBook,
  ProviderStatusSink,
  Router,
  SpendAdmission,
  SpendGuard,
} from './service/ports';
export type { Availability, ModelAvailability } from './health/executionHealth';
export { DEFAULT_CASCADE_SETTINGS, resolveCascadeSettings, type CascadeSettings } from './cascade/settings';
