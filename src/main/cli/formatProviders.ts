import type { KeyView, ProviderView } from '../../shared/contract';

const table = (rows: string[][]): string[] => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
};

export const maskOf = (k: KeyView): string => (k.present ? (k.last4 ? `…${k.last4}` : '(stored)') : '—');

export function formatKeys(keys: KeyView[]): string {
  return table([
    ['PROVIDER', 'KEY', 'STATUS', 'REASON'],
    ...keys.map((k) => [k.provider, maskOf(k), k.status, k.reason]),
  ]).join('\n');
}

export function formatProviders(providers: ProviderView[]): string {
  return table([
    ['PROVIDER', 'ENABLED', 'KEY', 'STATUS', 'BASE URL'],
    ...providers.map((p) => [
      p.id,
      p.enabled ? 'yes' : 'no',
      p.keyRequired || p.key.present ? maskOf(p.key) : 'not needed',
      p.key.status,
      `${p.effectiveBaseUrl ?? '(not set)'}${p.baseUrl !== null ? ' (custom)' : ''}`,
    ]),
  ]).join('\n');
}

/** One provider after a change or a test: status and reason, then any warnings. */
export function formatProvider(p: ProviderView): string {
  const lines = [
    `${p.displayName} (${p.id}): ${p.key.status}${p.enabled ? '' : ', disabled'}`,
    `  ${p.key.reason}`,
  ];
  if (p.effectiveBaseUrl)
    lines.push(`  base URL ${p.effectiveBaseUrl}${p.baseUrl !== null ? ' (custom)' : ''}`);
  if (p.azure)
    lines.push(
      `  azure resource ${p.azure.resource ?? '(not set)'}, deployment ${p.azure.deployment ?? '(not set)'}`,
    );
  for (const w of p.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
