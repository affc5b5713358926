import type Database from 'better-sqlite3';

/**
 * Tells a cache whether another connection to the database (a CLI process, a worker thread) has
 * committed since it last looked: SQLite's `PRAGMA data_version` changes exactly then, and never
 * for this connection's own commits — so a cache of rows this connection also writes must drop
 * itself on its own writes, and everything else it sees is current. Read inside a transaction it
 * is exact for that transaction (a BEGIN IMMEDIATE holds the write lock: nobody commits meanwhile).
 *
 * Measured reason (issue #10, gateway bench profile): settings and budget lists read from
 * `app_meta` on every request cost one indexed SELECT each (6–12 µs with better-sqlite3 here); the
 * pragma is one cheaper call that can stand for all of them.
 */
export class ForeignCommits {
  private readonly version: Database.Statement<[], number>;
  private seen: number;

  constructor(db: Database.Database) {
    this.version = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.seen = this.version.get()!;
  }

  /** True when another connection committed since the previous call (or construction). */
  changed(): boolean {
    const now = this.version.get()!;
    if (now === this.seen) return false;
    this.seen = now;
    return true;
  }
}

/**
 * A value read from the database and kept until this connection writes it (`invalidate`, called
 * by the writer) or another connection commits anything (`ForeignCommits`). For small, rarely
 * changed rows read on every request (settings, the running experiment).
 */
export class CommittedCache<T> {
  private readonly foreign: ForeignCommits;
  private value: { readonly current: T } | null = null;

  constructor(
    db: Database.Database,
    private readonly read: () => T,
  ) {
    this.foreign = new ForeignCommits(db);
  }

  get(): T {
    // `changed()` first: it must see every data_version, or a commit could be missed later.
    if (this.foreign.changed() || !this.value) this.value = { current: this.read() };
    return this.value.current;
  }

  invalidate(): void {
    this.value = null;
  }
}
