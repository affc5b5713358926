import type { Attempt, RoutedGeneration } from '../../shared/contract';

const usd = (v: number): string => (v === 0 ? '$0' : v >= 0.01 ? `$${v.toFixed(4)}` : `$${v.toPrecision(2)}`);
const tokens = (n: number | null): string => (n === null ? '?' : String(n));

function attemptLine(a: Attempt): string {
  if (a.outcome === 'ok') return `${a.modelKey} ok ${a.latencyMs} ms`;
  if (a.outcome === 'skipped') return `${a.modelKey} skipped (${a.message ?? a.skipReason})`;
  const wait = a.waitedMs > 0 ? ` after ${a.waitedMs} ms wait` : '';
  return `${a.modelKey} ${a.errorKind}${a.status !== null ? ` ${a.status}` : ''}${wait}`;
}

/** What `run` prints after the answer: who answered, how it was routed, what it cost. */
export function formatRunSummary(r: RoutedGeneration): string {
  const cost =
    r.costUsd === null
      ? 'cost unknown (no catalog price)'
      : r.cacheHit
        ? 'cost $0 (cache hit)'
        : r.sharedFlight
          ? 'cost $0 (shared an identical request in flight)'
          : r.simulated
            ? `would-be cost ${usd(r.costUsd)} (simulated: nothing was spent)`
            : `cost ${usd(r.costUsd)}`;
  const lines = [
    `— ${r.modelKey}${r.simulated ? ' [simulated]' : ''} via ${r.route.strategy}: ${r.route.matched}${r.fallbackUsed ? ' (fallback used)' : ''}`,
    `  ${cost} · estimated ${usd(r.estimatedCostUsd)} · ${tokens(r.promptTokens)} in / ${tokens(r.completionTokens)} out${r.usageSource === 'estimated' ? ' (estimated)' : ''}`,
    `  ${r.latencyMs} ms, first token ${r.timeToFirstTokenMs} ms · finish ${r.finishReason}`,
  ];
  if (r.attempts.length > 1 || r.attempts.some((a) => a.outcome !== 'ok')) {
    lines.push(`  attempts: ${r.attempts.map(attemptLine).join(' → ')}`);
  }
  if (r.error) lines.push(`  stopped: ${r.error.message}`);
  if (r.budget.note) lines.push(`  ${r.budget.note}`);
  return lines.join('\n');
}
