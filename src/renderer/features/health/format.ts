const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

export const formatRate = (r: number | null): string => (r === null ? '—' : pct.format(r));

export const formatMs = (ms: number | null): string =>
  ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;

/** "12 s", "3 min 5 s", "1 h 2 min": how long until a probe. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A moment as local time, with the date only when it is not today. */
export function formatTime(isoTime: string, now = new Date()): string {
  const t = new Date(isoTime);
  const sameDay = t.toDateString() === now.toDateString();
  return sameDay
    ? t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : t.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}
