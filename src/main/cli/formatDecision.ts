import type { CatalogModel, RoutingDecision } from '../../shared/contract';

const usd = (v: number): string => (v === 0 ? '$0' : v >= 0.01 ? `$${v.toFixed(4)}` : `$${v.toPrecision(2)}`);

/** A decision for people: the choice, the numbers, why, what comes next, and what was turned down. */
export function formatDecision(d: RoutingDecision): string {
  const lines = [
    `→ ${d.modelKey} (${d.displayName})${d.simulated ? ' [simulated providers]' : ''}`,
    `  strategy   ${d.strategy}: ${d.matched}; confidence ${d.confidence.toFixed(2)}`,
    `  tokens     ${d.tokens.input} in (${d.tokens.method}, ${d.tokens.family}) · ~${d.tokens.output} out · max ${d.maxOutputTokens}`,
    `  estimate   ${usd(d.estimate.costUsd)} · ~${d.estimate.latencySeconds.toFixed(1)} s · quality ${d.estimate.quality.toFixed(2)}`,
    `  complexity ${d.complexity.score.toFixed(2)} (${d.complexity.tier})` +
      (d.useCase.value ? ` · use case ${d.useCase.value} (${d.useCase.source})` : ''),
    '  why',
    ...d.reasons.map((r) => `    - ${r}`),
  ];
  if (d.fallbackChain.length > 0) {
    lines.push('  fallbacks');
    d.fallbackChain.forEach((f, i) =>
      lines.push(`    ${i + 1}. ${f.modelKey} (${usd(f.estimatedCostUsd)}, quality ${f.quality.toFixed(2)})`),
    );
  }
  const rejected = d.alternatives.filter((a) => a.status === 'rejected');
  if (rejected.length > 0) {
    lines.push('  rejected');
    for (const r of rejected) lines.push(`    - ${r.modelKey}: ${r.reason}`);
  }
  lines.push(`  chunking   ${d.shouldChunk ? `yes: ${d.chunkReason}` : 'no'}`);
  lines.push(`  note       ${d.tokens.note}`);
  return lines.join('\n');
}

/** One line per model: key, prices per 1M tokens, context window, quality, flags. */
export function formatCatalog(models: readonly CatalogModel[]): string {
  const rows = models.map((m) => [
    m.key,
    `${m.price.inputPerMTok}/${m.price.outputPerMTok}`,
    `${Math.round(m.contextWindow / 1000)}k`,
    m.quality.score.toFixed(2),
    [
      m.disabled ? 'disabled' : '',
      m.overridden.length ? `overridden: ${m.overridden.join(',')}` : '',
      m.origin === 'custom' ? 'custom' : '',
    ]
      .filter(Boolean)
      .join(' '),
  ]);
  const head = ['model', 'in/out $/1M', 'context', 'quality', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  return [head, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
