import type { BudgetStatus } from '../../shared/contract';

export const table = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/** Dollars for a terminal: cents from $1 up, up to six decimals below. */
export const usd = (v: number): string =>
  Math.abs(v) >= 1 ? `$${v.toFixed(2)}` : `$${v.toFixed(6).replace(/(\.\d{2,}?)0+$/, '$1')}`;

export function formatBudgets(budgets: BudgetStatus[], timeZone: string | null): string {
  if (budgets.length === 0)
    return 'No budgets. Add one with `budget set --scope global --window monthly --limit 50`.';
  const rows = budgets.map((b) => {
    const c = b.current;
    return [
      String(b.id),
      b.scope === 'global' ? 'global' : `${b.scope} ${b.value ?? ''}`,
      b.window,
      usd(b.limitUsd),
      `${b.mode}${b.mode === 'hard' ? `/${b.policy}` : ''}`,
      `${b.warnPercent}%`,
      c ? `${usd(c.spentUsd)} (${c.percent}%)` : '—',
      c ? usd(c.reservedUsd) : '—',
      c ? usd(c.remainingUsd) : '—',
      c?.windowEnd ?? (c ? 'never' : 'per call'),
    ];
  });
  const head = ['ID', 'SCOPE', 'WINDOW', 'LIMIT', 'MODE', 'WARN', 'SPENT', 'RESERVED', 'LEFT', 'RESETS'];
  return table([head, ...rows]) + (timeZone ? `\nwindows follow ${timeZone}` : '');
}
