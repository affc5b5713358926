import { afterEach, beforeEach } from 'vitest';
import { LedgerDatabase } from '../ledger/database';
import { tempDir } from './tempDir';

/** Two connections to one ledger file in a temp dir, as the running app and the CLI hold them. */
export interface TwoConnections {
  readonly app: LedgerDatabase;
  readonly cli: LedgerDatabase;
}

/** Registers hooks that open both connections before each test and close and remove them after. */
export function twoConnections(): TwoConnections {
  let dir: ReturnType<typeof tempDir> | null = null;
  let app: LedgerDatabase | null = null;
  let cli: LedgerDatabase | null = null;
  beforeEach(() => {
    dir = tempDir();
    app = LedgerDatabase.open(dir.path);
    cli = LedgerDatabase.open(dir.path);
  });
  afterEach(() => {
    app?.close();
    cli?.close();
    dir?.cleanup();
    app = cli = dir = null;
  });
  const opened = (db: LedgerDatabase | null): LedgerDatabase => {
    if (!db) throw new Error('twoConnections() is open only inside a test');
    return db;
  };
  return {
    get app() {
      return opened(app);
    },
    get cli() {
      return opened(cli);
    },
  };
}
