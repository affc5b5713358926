import { ErrorNotice } from '../../ui/ErrorNotice';
import { useCsvExport, useCostsRange } from './useCostReports';

/** Downloads the range as CSV: spend by day, by model, or every request row. */
export function CsvExport() {
  const range = useCostsRange();
  const exportCsv = useCsvExport();
  return (
    <div className="screen__actions">
      <button
        type="button"
        className="button"
        disabled={exportCsv.isPending}
        onClick={() => exportCsv.mutate({ ...range, kind: 'spend', by: 'day' })}
      >
        Export spend by day (CSV)
      </button>
      <button
        type="button"
        className="button"
        disabled={exportCsv.isPending}
        onClick={() => exportCsv.mutate({ ...range, kind: 'requests' })}
      >
        Export requests (CSV)
      </button>
      {exportCsv.isError && <ErrorNotice title="Export failed" error={exportCsv.error} />}
    </div>
  );
}
