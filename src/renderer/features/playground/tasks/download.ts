import { strToU8, zipSync } from 'fflate';
import type { ResultFile } from '../../../../shared/contract/tasks';

/** Hands `data` to the browser as a download named `fileName` (Electron shows its save dialog). */
export function download(fileName: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The task's files in one zip, keeping their folders. */
export function zipFiles(files: readonly ResultFile[]): Blob {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.path.replace(/^\/+/, '')] = strToU8(f.content);
  // A copy backed by its own ArrayBuffer: zipSync may hand back a view on a larger one.
  const bytes = new Uint8Array(zipSync(entries, { level: 6 }));
  return new Blob([bytes], { type: 'application/zip' });
}
