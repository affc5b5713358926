import type { ProviderStatusKind } from '../../shared/contract';
import type { Tone } from './Badge';

/** One colour per provider status wherever a screen shows it (Settings, Health). */
export const PROVIDER_STATUS_TONE: Record<ProviderStatusKind, Tone> = {
  active: 'ok',
  missing_key: 'neutral',
  invalid_key: 'error',
  unreachable: 'warn',
  rate_limited: 'warn',
  local: 'info',
  untested: 'info',
};
