import { create } from 'zustand';
import type { TimelineBucket } from '../../../shared/contract';

export const RANGE_PRESETS = ['24h', '7d', '30d', '90d', 'all'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number] | 'custom';

export const PRESET_LABEL: Record<RangePreset, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  all: 'All time',
  custom: 'Custom',
};

/** A report range as the contract takes it: ISO dates (local days) or date-times; until exclusive. */
export interface CostsRange {
  since?: string;
  until?: string;
}

export type CostsTab = 'dashboard' | 'budgets';

interface CostsState {
  tab: CostsTab;
  preset: RangePreset;
  range: CostsRange;
  bucket: TimelineBucket;
  /** The request whose attempts are shown (drill-down from the most expensive list). */
  openRequest: number | null;
  setTab(tab: CostsTab): void;
  choosePreset(preset: Exclude<RangePreset, 'custom'>, now?: Date): void;
  /** Inclusive local days, as a person picks them; either may be left empty. */
  chooseDays(first: string | undefined, last: string | undefined): void;
  setBucket(bucket: TimelineBucket): void;
  setOpenRequest(id: number | null): void;
}

const DAY = 86_400_000;

/** YYYY-MM-DD of the browser's local day; the ledger reads it as a day in its own time zone. */
export const localDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The day after a YYYY-MM-DD, for an inclusive last day turned into an exclusive bound. */
export const nextDate = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localDate(new Date(y, m - 1, d + 1));
};

export const previousDate = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localDate(new Date(y, m - 1, d - 1));
};

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: Date): CostsRange {
  if (preset === 'all') return {};
  if (preset === '24h') return { since: new Date(now.getTime() - DAY).toISOString() };
  const days = preset === '7d' ? 7 : preset === '30d' ? 30 : 90;
  return { since: localDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1))) };
}

/** Days the range spans (open ends count as long), to offer only buckets that make sense. */
export function rangeDays(range: CostsRange, now = Date.now()): number {
  if (!range.since) return Infinity;
  const until = range.until ? Date.parse(range.until) : now;
  return (until - Date.parse(range.since)) / DAY;
}

export const useCostsStore = create<CostsState>((set) => ({
  tab: 'dashboard',
  preset: '30d',
  range: presetRange('30d', new Date()),
  bucket: 'day',
  openRequest: null,
  setTab: (tab) => set({ tab }),
  choosePreset: (preset, now = new Date()) =>
    set((s) => ({
      preset,
      range: presetRange(preset, now),
      bucket: preset === '24h' ? 'hour' : s.bucket === 'hour' && preset !== '7d' ? 'day' : s.bucket,
      openRequest: null,
    })),
  chooseDays: (first, last) =>
    set((s) => {
      const range: CostsRange = { since: first || undefined, until: last ? nextDate(last) : undefined };
      const bucket = s.bucket === 'hour' && !(rangeDays(range) <= 31) ? 'day' : s.bucket;
      return { preset: 'custom', range, bucket, openRequest: null };
    }),
  setBucket: (bucket) => set({ bucket }),
  setOpenRequest: (openRequest) => set({ openRequest }),
}));
