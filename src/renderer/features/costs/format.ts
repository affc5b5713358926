/*
 * One Intl.NumberFormat per style, made once: Number#toLocaleString builds a new formatter on every
 * call, and the Costs screen formats hundreds of figures (axis ticks are formatted again each time
 * recharts lays out an axis); it was the largest self time of the chart's first render.
 */
const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SUBCENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const INTEGER = new Intl.NumberFormat('en-US');

/** Dollars as people read a bill: cents from $1 up, four decimals below (LLM calls are cheap). */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  const digits = abs === 0 || abs >= 1 ? CENTS : SUBCENTS;
  return `${usd < 0 ? '−' : ''}$${digits.format(abs)}`;
}

export const formatPercent = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;

export const formatCount = (n: number): string => INTEGER.format(n);

export const formatMs = (ms: number | null): string =>
  ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${INTEGER.format(Math.round(ms))} ms`;

/** Stable colours per provider, so a provider keeps its colour across charts and ranges. */
const PROVIDER_COLORS: Record<string, string> = {
  openai: '#10a37f',
  anthropic: '#d97757',
  google: '#4285f4',
  mistral: '#f2a93b',
  deepseek: '#4d6bfe',
  groq: '#f55036',
  xai: '#6b7280',
  qwen: '#7c3aed',
  moonshot: '#0ea5e9',
  openrouter: '#a855f7',
  azure: '#0078d4',
  ollama: '#64748b',
  none: '#cbd5e1',
};
const FALLBACK_COLORS = ['#0f766e', '#be185d', '#65a30d', '#b45309', '#4338ca', '#0891b2'];

export function providerColor(provider: string): string {
  const known = PROVIDER_COLORS[provider];
  if (known) return known;
  let h = 0;
  for (const c of provider) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return FALLBACK_COLORS[h % FALLBACK_COLORS.length]!;
}

export const formatDateTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

const FIXED = new Map<number, Intl.NumberFormat>();
const fixed = (decimals: number): Intl.NumberFormat => {
  let format = FIXED.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    FIXED.set(decimals, format);
  }
  return format;
};

/** Decimals of a tick as written shortest (0.05 → 2, 150 → 0), ignoring float noise. */
const decimalsOf = (value: number): number => {
  const text = String(Number(Math.abs(value).toPrecision(12)));
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
};

/** The decimals that write every one of `values` exactly (0.05 → 2, 150 → 0): one axis, one format. */
export const sharedDecimals = (values: readonly number[]): number =>
  values.reduce((most, v) => Math.max(most, decimalsOf(v)), 0);

/** `value` with exactly `decimals` decimals and thousands separators. */
export const formatFixed = (value: number, decimals: number): string => fixed(decimals).format(value);

/**
 * The formatter of one value axis: every tick with the same number of decimals, the fewest that
 * write all of them exactly, and cents (two) as soon as any tick has a fraction of a dollar. So
 * "$0.00, $0.50, $1.00" or "$0, $50, $100", never "$0.5" beside "$1.00".
 */
export function usdAxisFormat(ticks: readonly number[]): (usd: number) => string {
  const needed = sharedDecimals(ticks);
  const decimals = needed === 0 ? 0 : Math.max(2, needed);
  return (usd) => `${usd < 0 ? '−' : ''}$${formatFixed(Math.abs(usd), decimals)}`;
}
