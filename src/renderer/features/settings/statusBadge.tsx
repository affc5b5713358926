import type { ProviderStatusKind } from '../../../shared/contract';
import { Badge, type Tone } from '../../ui/Badge';

export const STATUS_LABEL: Record<ProviderStatusKind, string> = {
  active: 'Active',
  missing_key: 'No key',
  invalid_key: 'Invalid key',
  unreachable: 'Unreachable',
  rate_limited: 'Rate limited',
  local: 'Local',
  untested: 'Untested',
};

const STATUS_TONE: Record<ProviderStatusKind, Tone> = {
  active: 'ok',
  missing_key: 'neutral',
  invalid_key: 'error',
  unreachable: 'warn',
  rate_limited: 'warn',
  local: 'info',
  untested: 'info',
};

export function StatusBadge({ status }: { status: ProviderStatusKind }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}
