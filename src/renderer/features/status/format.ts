const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0);
  return `${shown} ${UNITS[unit]}`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export const formatTime = (ms: number): string =>
  new Date(ms).toLocaleTimeString(undefined, { timeStyle: 'medium' });

export const SHELL_LABEL = {
  electron: 'Desktop (Electron)',
  headless: 'Headless (HTTP)',
  cli: 'Command line',
} as const;
