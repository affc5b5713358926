import { describe, expect, it } from 'vitest';
import { twoConnections } from '../test/twoConnections';
import { LedgerSettingsStore } from './ledgerSettings';

/**
 * The app keeps the ledger settings between reads; the CLI (another connection to the same file)
 * may change them at any time, and the app must use the new ones from its very next read.
 */
describe('ledger settings shared by the app and the CLI', () => {
  const db = twoConnections();

  it("sees another connection's change on its next read, and its own at once", () => {
    const appSettings = new LedgerSettingsStore(db.app.db);
    const cliSettings = new LedgerSettingsStore(db.cli.db);
    expect(appSettings.get().retentionDays).toBe(90);
    cliSettings.set({ retentionDays: 30, timeZone: 'Asia/Tokyo' });
    expect(appSettings.get()).toMatchObject({ retentionDays: 30, timeZone: 'Asia/Tokyo' });
    expect(appSettings.currentCalendar().timeZone).toBe('Asia/Tokyo');

    appSettings.set({ storePrompts: true });
    expect(appSettings.get().storePrompts).toBe(true);
    expect(cliSettings.get()).toMatchObject({ storePrompts: true, retentionDays: 30 });

    // A change written by hand on the other connection (no store involved) counts too.
    db.cli.db
      .prepare("INSERT OR REPLACE INTO app_meta (key, value) VALUES ('ledger.time_zone', 'Europe/Paris')")
      .run();
    expect(appSettings.get().timeZone).toBe('Europe/Paris');
  });

  it('hands out settings that cannot be changed behind its back', () => {
    const settings = new LedgerSettingsStore(db.app.db);
    const read = settings.get() as { retentionDays: number };
    expect(() => {
      read.retentionDays = 1;
    }).toThrow(TypeError);
    expect(settings.get().retentionDays).toBe(90);
  });
});
