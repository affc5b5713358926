/** Maps values to positions (0–1) on an axis and back, with the steps the keyboard moves by. */
export interface AxisScale {
  toFraction(v: number): number;
  fromFraction(f: number): number;
  /** A dragged value rounded to something a person would type. */
  round(v: number): number;
  /** One arrow-key step from `v` (`big`: Page Up/Down or Shift). */
  step(v: number, big: boolean): number;
  format(v: number): string;
  /** Labelled ticks. */
  ticks: number[];
  tickLabel(v: number): string;
  /** How close two boundaries may come. */
  minGap(v: number): number;
}

const LOG_MIN = 100;
const LOG_MAX = 2_000_000;
const span = Math.log10(LOG_MAX / LOG_MIN);

const tokens = (v: number) =>
  v >= 1_000_000
    ? `${+(v / 1_000_000).toFixed(2)}M`
    : v >= 1_000
      ? `${+(v / 1_000).toFixed(1)}k`
      : String(Math.round(v));

/** Input tokens, logarithmic: the left edge stands for 0, the right for 2M (1M+ context windows). */
export const tokenScale: AxisScale = {
  toFraction: (v) => Math.min(1, Math.max(0, Math.log10(Math.max(v, LOG_MIN) / LOG_MIN) / span)),
  fromFraction: (f) => LOG_MIN * 10 ** (Math.min(1, Math.max(0, f)) * span),
  round: (v) => {
    const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(v, 1))) - 1);
    return Math.max(1, Math.round(v / unit) * unit);
  },
  step: (v, big) => {
    const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(v, 1))) - 1);
    return big ? unit * 10 : unit;
  },
  format: (v) => `${tokens(v)} tokens`,
  ticks: [100, 1_000, 10_000, 100_000, 1_000_000],
  tickLabel: (v) => (v <= LOG_MIN ? `≤${LOG_MIN}` : tokens(v)),
  minGap: (v) => Math.max(1, tokenScale.step(v, false)),
};

/** Complexity scores, 0–1 in hundredths. */
export const scoreScale: AxisScale = {
  toFraction: (v) => Math.min(1, Math.max(0, v)),
  fromFraction: (f) => Math.min(1, Math.max(0, f)),
  round: (v) => Math.round(v * 100) / 100,
  step: (_v, big) => (big ? 0.1 : 0.01),
  format: (v) => v.toFixed(2),
  ticks: [0, 0.25, 0.5, 0.75, 1],
  tickLabel: (v) => String(v),
  minGap: () => 0.01,
};

export const formatTokens = tokens;
