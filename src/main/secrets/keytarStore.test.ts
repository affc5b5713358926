import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from './keytarStore';
import { AccessToken, accessTokenAccount } from './accessToken';

// These run against the real OS keychain (on Linux: the Secret Service that `npm test` starts with
// scripts/with-keyring.sh). A private service name keeps them away from real Switchyard entries.
const service = `Switchyard-test-${randomUUID()}`;
const store = new KeytarSecretStore(service);

describe('KeytarSecretStore on the real keychain', () => {
  afterAll(async () => {
    for (const account of await store.list()) await store.delete(account);
  });

  it('is available', async () => {
    const status = await store.probe();
    expect(status, status.message).toMatchObject({ status: 'available' });
  });

  it('sets, gets, lists and deletes a secret', async () => {
    await store.set('openai', 'sk-test-1234567890');
    expect(await store.get('openai')).toBe('sk-test-1234567890');
    expect(await store.list()).toContain('openai');
    expect(await store.delete('openai')).toBe(true);
    expect(await store.get('openai')).toBeNull();
    expect(await store.delete('openai')).toBe(false);
  });

  it('keeps one access token per data dir across loads, and rotation replaces it', async () => {
    const a1 = await AccessToken.load(store, '/data/a');
    const a2 = await AccessToken.load(store, '/data/a');
    const b = await AccessToken.load(store, '/data/b');
    expect(a1.storage).toBe('keychain');
    expect(a1.current).toBe(a2.current);
    expect(b.current).not.toBe(a1.current);
    expect(a1.current.length).toBeGreaterThanOrEqual(40);

    const old = a1.current;
    const rotated = await AccessToken.rotateStored(store, '/data/a');
    expect(await store.get(accessTokenAccount('/data/a'))).toBe(rotated);
    // A running shell picks the rotation up and the old token stops working.
    await a2.refreshIfStale(0);
    expect(a2.matches(rotated)).toBe(true);
    expect(a2.matches(old)).toBe(false);
  });
});
