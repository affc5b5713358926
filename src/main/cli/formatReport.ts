import type { ModelTotals, Overview, RouteOutput } from '../../shared/contract';
import { table, usd } from './formatBudgets';

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const ms = (v: number | null): string =>
  v === null ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`;

export interface ReportData {
  overview: Overview;
  spend: RouteOutput<'reports.spend'>;
  models: ModelTotals[];
  topRequests: RouteOutput<'reports.topRequests'>['requests'];
}

export function formatReport(r: ReportData): string {
  const o = r.overview;
  const range = `${o.range.since ?? 'first request'} → ${o.range.until ?? 'now'} (${o.range.timeZone})`;
  const lines = [
    `Spend ${range}${o.range.approximate ? ' — approximate: part of the range is older than raw-row retention' : ''}`,
    `  ${usd(o.costUsd)} over ${o.requests} requests (${o.errors} failed, ${o.blocked} blocked by budget, ${o.partials} partial)`,
    `  fallback rate ${pct(o.fallbackRate)}, cache hit rate ${pct(o.cache.hitRate)} saving ${usd(o.cache.savedUsd)}`,
  ];
  if (o.savings) {
    const s = o.savings;
    lines.push(
      `  on ${s.baselineModel} the same traffic would have cost ${usd(s.baselineCostUsd)}: saved ${usd(s.savedUsd)}`,
    );
  }
  if (o.estimatedUsage > 0)
    lines.push(`  ${o.estimatedUsage} requests billed on estimated usage (the provider reported none)`);
  lines.push('', `By ${r.spend.by.replace('_', ' ')}`);
  lines.push(
    table([
      [r.spend.by.toUpperCase(), 'REQUESTS', 'COST', 'TOKENS IN', 'TOKENS OUT', 'FALLBACKS', 'CACHE HITS'],
      ...r.spend.rows.map((row) => [
        row.key,
        String(row.requests),
        usd(row.costUsd),
        String(row.tokensIn),
        String(row.tokensOut),
        String(row.fallbacks),
        String(row.cacheHits),
      ]),
    ]),
    '',
    'Per model',
    table([
      ['MODEL', 'REQUESTS', 'COST', 'P50', 'P95', 'ERRORS', 'FALLBACKS'],
      ...r.models.map((m) => [
        m.modelKey,
        String(m.requests),
        usd(m.costUsd),
        ms(m.p50LatencyMs),
        ms(m.p95LatencyMs),
        pct(m.errorRate),
        pct(m.fallbackRate),
      ]),
    ]),
  );
  if (r.topRequests.length > 0) {
    lines.push('', 'Most expensive requests');
    lines.push(
      table([
        ['ID', 'STARTED', 'MODEL', 'USE CASE', 'COST', 'TOKENS IN/OUT'],
        ...r.topRequests.map((t) => [
          String(t.id),
          t.startedAt,
          t.model ? `${t.provider}/${t.model}` : '—',
          t.useCase ?? '—',
          usd(t.costUsd),
          `${t.tokensIn}/${t.tokensOut}`,
        ]),
      ]),
    );
  }
  return lines.join('\n');
}
