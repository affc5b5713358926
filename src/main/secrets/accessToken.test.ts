import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { tempDir } from '../test/tempDir';
import { AccessToken } from './accessToken';

/**
 * Past the next poll phase of the event loop: whatever the kernel had queued for this process by now
 * (the marker's inotify event) has been handled. The first immediate may run before that poll.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * A running shell and `npm run switchyard -- token --rotate` share the keychain entry and the
 * rotation marker in the data dir. The shell checks the token on every request with the default
 * polling interval (2 s), so these tests only pass if the marker's change itself is noticed.
 */
describe('access token rotation seen by a running shell', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: MemorySecretStore;
  let token: AccessToken;
  beforeEach(async () => {
    dir = tempDir();
    store = new MemorySecretStore();
    token = await AccessToken.load(store, dir.path);
  });
  afterEach(() => {
    token.close();
    dir.cleanup();
  });

  it('refuses the old token on the first check after a rotation from another process', async () => {
    const old = token.current;
    await token.refreshIfStale();
    const rotated = await AccessToken.rotateStored(store, dir.path);
    await nextTurn();
    await token.refreshIfStale();
    expect(token.matches(old)).toBe(false);
    expect(token.matches(rotated)).toBe(true);

    // And again: the watch keeps working after the first change.
    const again = await AccessToken.rotateStored(store, dir.path);
    await nextTurn();
    await token.refreshIfStale();
    expect(token.matches(rotated)).toBe(false);
    expect(token.matches(again)).toBe(true);
  });

  it('still notices a rotation after the marker was deleted and written anew', async () => {
    rmSync(join(dir.path, 'access-token.rotated'));
    await nextTurn();
    await token.refreshIfStale();
    const rotated = await AccessToken.rotateStored(store, dir.path);
    await nextTurn();
    await token.refreshIfStale();
    expect(token.matches(rotated)).toBe(true);
  });

  it('does not read the keychain again while nothing changed', async () => {
    await token.refreshIfStale();
    // Changed behind the marker's back (no rotation marker touched): not picked up before the poll.
    await store.set([...(await store.list())][0]!, 'changed-without-marker');
    await nextTurn();
    await token.refreshIfStale();
    expect(token.matches('changed-without-marker')).toBe(false);
    await token.refreshIfStale(0);
    expect(token.matches('changed-without-marker')).toBe(true);
  });

  it('where no marker can be written, loads anyway and polling picks a rotation up', async () => {
    const missing = join(dir.path, 'no-such-dir');
    const elsewhere = await AccessToken.load(store, missing);
    try {
      const rotated = await AccessToken.rotateStored(store, missing);
      await elsewhere.refreshIfStale();
      // No marker could be written there either, so only the poll picks it up.
      expect(elsewhere.matches(rotated)).toBe(false);
      await elsewhere.refreshIfStale(0);
      expect(elsewhere.matches(rotated)).toBe(true);
    } finally {
      elsewhere.close();
    }
  });

  it('a marker written by hand (touch) counts as a rotation', async () => {
    await token.refreshIfStale();
    await store.set([...(await store.list())][0]!, 'rotated-by-hand');
    writeFileSync(join(dir.path, 'access-token.rotated'), `${new Date().toISOString()}\n`);
    await nextTurn();
    await token.refreshIfStale();
    expect(token.matches('rotated-by-hand')).toBe(true);
  });
});
