import type { TimelineBucket } from '../../../shared/contract';
import { PRESET_LABEL, previousDate, RANGE_PRESETS, rangeDays, useCostsStore } from './costsStore';

const BUCKET_LABEL: Record<TimelineBucket, string> = { hour: 'Hour', day: 'Day', month: 'Month' };
const BUCKETS: TimelineBucket[] = ['hour', 'day', 'month'];
/** Hourly buckets read raw rows; the contract caps their range (MAX_HOURLY_RANGE_DAYS). */
const MAX_HOURLY_DAYS = 31;

/** The date range (presets or two days) and the bucket size of the time charts. */
export function RangeBar() {
  const { preset, range, bucket, choosePreset, chooseDays, setBucket } = useCostsStore();
  const first = range.since?.length === 10 ? range.since : '';
  const last = range.until ? previousDate(range.until) : '';
  const hourly = rangeDays(range) <= MAX_HOURLY_DAYS;

  return (
    <div className="costs-range" role="group" aria-label="Date range">
      <div className="segmented" role="radiogroup" aria-label="Range preset">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            role="radio"
            aria-checked={preset === p}
            className={preset === p ? 'segmented__item segmented__item--on' : 'segmented__item'}
            onClick={() => choosePreset(p)}
          >
            {PRESET_LABEL[p]}
          </button>
        ))}
      </div>
      <label className="costs-range__field">
        From
        <input
          type="date"
          aria-label="From"
          value={first}
          max={last || undefined}
          onChange={(e) => chooseDays(e.target.value || undefined, last || undefined)}
        />
      </label>
      <label className="costs-range__field">
        To
        <input
          type="date"
          aria-label="To"
          value={last}
          min={first || undefined}
          onChange={(e) => chooseDays(first || undefined, e.target.value || undefined)}
        />
      </label>
      <label className="costs-range__field">
        Buckets
        <select
          aria-label="Buckets"
          value={bucket}
          onChange={(e) => setBucket(e.target.value as TimelineBucket)}
        >
          {BUCKETS.map((b) => (
            <option key={b} value={b} disabled={b === 'hour' && !hourly}>
              {BUCKET_LABEL[b]}
              {b === 'hour' && !hourly ? ` (ranges ≤ ${MAX_HOURLY_DAYS} days)` : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
