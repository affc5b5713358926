import type { ProviderStatusKind } from '../../../shared/contract';
import { Badge } from '../../ui/Badge';
import { PROVIDER_STATUS_TONE } from '../../ui/providerStatusTone';

export const STATUS_LABEL: Record<ProviderStatusKind, string> = {
  active: 'Active',
  missing_key: 'No key',
  invalid_key: 'Invalid key',
  unreachable: 'Unreachable',
  rate_limited: 'Rate limited',
  local: 'Local',
  untested: 'Untested',
};

export function StatusBadge({ status }: { status: ProviderStatusKind }) {
  return <Badge tone={PROVIDER_STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}
