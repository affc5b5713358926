import { useState } from 'react';
import type { ResultFile } from '../../../../shared/contract/tasks';
import { unwrap } from '../../../transport';
import { useTransport } from '../../../transport/TransportProvider';
import { download, zipFiles } from './download';

/** Desktop: "Save to folder…" (the OS dialog in main) and the zip; browser: the zip download. */
export function SaveResult({ files }: { files: readonly ResultFile[] }) {
  const { kind, api } = useTransport();
  const [note, setNote] = useState<string | null>(null);
  const saveToFolder = async () => {
    try {
      const r = unwrap(await api.request('tasks.saveToFolder', { files: [...files] }));
      setNote(
        r.folder ? `Saved ${r.saved} file(s) to ${r.folder}.` : r.available ? null : 'No folder dialog here.',
      );
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="tk-save">
      {kind === 'desktop' && (
        <button type="button" className="button" onClick={() => void saveToFolder()}>
          Save to folder…
        </button>
      )}
      <button
        type="button"
        className="button"
        onClick={() => download('switchyard-task.zip', zipFiles(files))}
      >
        Download zip
      </button>
      {note && (
        <span className="small" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
