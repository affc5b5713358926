import { SwitchyardError, isSwitchyardError } from '../core/errors';

/** What went wrong with the database file, in words a person can act on. */
const CAUSES: Array<{ prefix: string; state: DbUnavailableState; advice: string }> = [
  {
    prefix: 'SQLITE_BUSY',
    state: 'locked',
    advice: 'another process holds it locked; retry shortly or close the other Switchyard',
  },
  { prefix: 'SQLITE_LOCKED', state: 'locked', advice: 'it is locked; retry shortly' },
  {
    prefix: 'SQLITE_READONLY',
    state: 'read_only',
    advice: 'it is read-only; check the file and folder permissions',
  },
  {
    prefix: 'SQLITE_PERM',
    state: 'read_only',
    advice: 'access was denied; check the file and folder permissions',
  },
  {
    prefix: 'SQLITE_CORRUPT',
    state: 'corrupt',
    advice: 'it is corrupt; restore a backup or move the file aside (it is left untouched)',
  },
  {
    prefix: 'SQLITE_NOTADB',
    state: 'corrupt',
    advice: 'it is not a SQLite database; move the file aside (it is left untouched)',
  },
  { prefix: 'SQLITE_FULL', state: 'full', advice: 'the disk is full; free some space' },
  { prefix: 'SQLITE_IOERR', state: 'io_error', advice: 'the disk reported an I/O error' },
  { prefix: 'SQLITE_CANTOPEN', state: 'io_error', advice: 'the file cannot be opened' },
];

export type DbUnavailableState = 'locked' | 'read_only' | 'corrupt' | 'full' | 'io_error' | 'closed';

function sqliteCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** True for failures of the database itself (as opposed to a bug or a bad row). */
export function isDatabaseFailure(e: unknown): boolean {
  if (isSwitchyardError(e)) return e.code === 'DB_UNAVAILABLE';
  const code = sqliteCode(e);
  if (code) return CAUSES.some((c) => code.startsWith(c.prefix));
  return e instanceof TypeError && /database connection is not open/i.test(e.message);
}

/**
 * DB_UNAVAILABLE with the cause spelt out. The message names the file, never a prompt or a key;
 * `state` lets the UI show the right advice.
 */
export function dbUnavailable(e: unknown, path: string, doing: string): SwitchyardError {
  if (isSwitchyardError(e) && e.code === 'DB_UNAVAILABLE') return e;
  const code = sqliteCode(e);
  const cause = code ? CAUSES.find((c) => code.startsWith(c.prefix)) : undefined;
  const state: DbUnavailableState = cause?.state ?? 'closed';
  const advice = cause?.advice ?? 'the database is not open';
  return new SwitchyardError(
    'DB_UNAVAILABLE',
    `Could not ${doing}: the database ${path} is unavailable (${advice}).`,
    { path, state, sqliteCode: code },
    { cause: e },
  );
}

/** Runs a database operation, turning a failure of the database itself into DB_UNAVAILABLE. */
export function withDatabase<T>(path: string, doing: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw isDatabaseFailure(e) ? dbUnavailable(e, path, doing) : e;
  }
}
