/**
 * Realistic filler for long-prompt tests and benchmarks: prose, a list, code and numbers, so the
 * token estimate meets the mix a pasted document has (not one repeated word it happens to fit).
 */
const PARAGRAPHS = [
  'The quarterly report shows that revenue grew by 12.4% year over year, driven mostly by the subscription business in Europe and a recovery in hardware sales during the second half.',
  'Meanwhile, operating costs rose faster than expected because the company hired 340 engineers and expanded its data-centre footprint in Frankfurt, Dublin and Virginia.',
  '- Customer churn fell to 2.1% per month.\n- Net promoter score improved from 31 to 44.\n- Support tickets per 1,000 users dropped by a third.',
  'function mergeIntervals(intervals) {\n  intervals.sort((a, b) => a[0] - b[0]);\n  const out = [];\n  for (const [s, e] of intervals) {\n    if (out.length && s <= out[out.length - 1][1]) out[out.length - 1][1] = Math.max(out[out.length - 1][1], e);\n    else out.push([s, e]);\n  }\n  return out;\n}',
  'Analysts at several firms questioned whether the margin guidance for next year is realistic, given currency headwinds and the renegotiated supplier contracts that take effect in March.',
  'Q: Which of the following best explains why ice floats on water?\nA) Ice is denser than water\nB) Hydrogen bonds hold molecules further apart in the solid\nC) Ice contains trapped air\nD) Water pressure pushes it up',
];

/** About `tokens` o200k tokens of mixed text (±3 %); `seed` varies the order so texts differ. */
export function longText(tokens: number, seed = 0): string {
  const parts: string[] = [];
  let approx = 0;
  let i = seed;
  while (approx < tokens) {
    const p = PARAGRAPHS[i % PARAGRAPHS.length] ?? '';
    parts.push(`${p} (section ${i})`);
    approx += p.length / 3.9 + 4;
    i++;
  }
  return parts.join('\n\n');
}
