import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { statSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { SwitchyardError, isSwitchyardError } from '../core/errors';
import type { SecretStore } from './secretStore';

/** Keychain account of the access token of one data dir (several data dirs, several tokens). */
export function accessTokenAccount(dataDir: string): string {
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return `access-token:${digest}`;
}

export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * Touched by every rotation (never holds the token): a running shell sees it change before its next
 * request and re-reads the keychain at once, so a rotated-away token stops working immediately.
 */
const rotationMarker = (dataDir: string): string => join(dataDir, 'access-token.rotated');
const markerTime = (dataDir: string): number =>
  statSync(rotationMarker(dataDir), { throwIfNoEntry: false })?.mtimeMs ?? 0;
function touchMarker(dataDir: string): void {
  try {
    writeFileSync(rotationMarker(dataDir), `${new Date().toISOString()}\n`, { mode: 0o600 });
  } catch {
    // A read-only data dir: running shells still pick the rotation up by polling.
  }
}

/** Constant-time comparison; a wrong length is a mismatch, not an exception. */
export function tokensMatch(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TokenStorage = 'keychain' | 'memory';

/**
 * The access token that guards the headless shell and the gateway. Kept in the keychain per data
 * dir; where no keychain is available, a fresh one per launch held only in memory (never written
 * to disk in plaintext).
 */
export class AccessToken {
  private constructor(
    private value: string,
    readonly storage: TokenStorage,
    private readonly store: SecretStore,
    private readonly account: string,
    private readonly dataDir: string,
  ) {
    this.markerSeen = markerTime(dataDir);
    if (storage === 'keychain') this.watchMarker();
  }

  private markerSeen: number;
  /** Watches the rotation marker; null: fall back to one stat of it per check. */
  private watcher: FSWatcher | null = null;
  /** Set by the watcher when the marker changed; cleared when the keychain read starts. */
  private markerChanged = false;
  private closed = false;

  static async load(store: SecretStore, dataDir: string): Promise<AccessToken> {
    const account = accessTokenAccount(dataDir);
    try {
      let token = await store.get(account);
      if (!token) {
        token = newToken();
        await store.set(account, token);
      }
      return new AccessToken(token, 'keychain', store, account, dataDir);
    } catch (e) {
      if (!isSwitchyardError(e) || e.code !== 'KEYCHAIN_UNAVAILABLE') throw e;
      return new AccessToken(newToken(), 'memory', store, account, dataDir);
    }
  }

  /** Reads the persisted token without creating one (the CLI's `token` command). */
  static async read(store: SecretStore, dataDir: string): Promise<string | null> {
    return store.get(accessTokenAccount(dataDir));
  }

  get current(): string {
    return this.value;
  }

  private checkedAt = Date.now();

  /**
   * Picks up a rotation done elsewhere (the CLI's `token --rotate` against a running shell): at once
   * when the rotation marker changed, else by polling every `maxAgeMs`. At most one keychain read
   * per interval or rotation, whatever the request rate.
   *
   * The marker is watched (inotify here) rather than stat'ed on every call: measured (issue #10,
   * gateway bench profile) the stat was ~13 µs of every gateway request. The change notice is queued
   * by the kernel when the CLI writes the marker, before the CLI returns, so it is handled before any
   * request a client sends after the rotation. Where the marker cannot be watched (a read-only or
   * missing data dir, no inotify watches left) every check stats it as before.
   */
  async refreshIfStale(maxAgeMs = 2000): Promise<void> {
    if (this.storage !== 'keychain') return;
    // Callers arriving while a read is in flight wait for it: none is judged against a stale token.
    if (this.refreshing) return this.refreshing;
    if (!this.markerMoved() && Date.now() - this.checkedAt < maxAgeMs) return;
    this.markerChanged = false;
    this.checkedAt = Date.now();
    this.refreshing = this.store
      .get(this.account)
      .then(
        (stored) => {
          if (stored) this.value = stored;
        },
        // Keychain went away mid-run: keep serving with the token we have.
        () => undefined,
      )
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private markerMoved(): boolean {
    if (this.watcher) return this.markerChanged;
    const marker = markerTime(this.dataDir);
    const moved = marker !== this.markerSeen || this.markerChanged;
    this.markerSeen = marker;
    this.watchMarker();
    return moved;
  }

  /** Creates the marker if missing (empty) and watches it; on any failure stays with stat. */
  private watchMarker(): void {
    if (this.watcher || this.closed) return;
    const path = rotationMarker(this.dataDir);
    try {
      writeFileSync(path, '', { mode: 0o600, flag: 'a' });
      const watcher = watch(path, { persistent: false }, (event) => {
        this.markerChanged = true;
        // Replaced or deleted: this watch is on the old file; stat until a new one is set up.
        if (event === 'rename') this.unwatch();
      });
      watcher.on('error', () => {
        this.markerChanged = true;
        this.unwatch();
      });
      this.watcher = watcher;
    } catch {
      this.watcher = null;
    }
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** Stops watching the rotation marker (the shell is closing). */
  close(): void {
    this.closed = true;
    this.unwatch();
  }

  private refreshing: Promise<void> | null = null;

  matches(given: string | undefined | null): boolean {
    return tokensMatch(this.value, given);
  }

  async rotate(): Promise<string> {
    const next = newToken();
    if (this.storage === 'keychain') await this.store.set(this.account, next);
    this.value = next;
    touchMarker(this.dataDir);
    this.markerSeen = markerTime(this.dataDir);
    return next;
  }

  /** Rotates the persisted token of a data dir without a running shell (CLI). */
  static async rotateStored(store: SecretStore, dataDir: string): Promise<string> {
    const next = newToken();
    await store.set(accessTokenAccount(dataDir), next);
    touchMarker(dataDir);
    return next;
  }
}

export const requireKeychainMessage = (what: string): SwitchyardError =>
  new SwitchyardError(
    'KEYCHAIN_UNAVAILABLE',
    `${what} needs the OS keychain, which is unavailable. A running headless shell prints its own per-launch token instead.`,
  );
