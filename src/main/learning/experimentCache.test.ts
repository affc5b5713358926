import { afterEach, describe, expect, it } from 'vitest';
import { LedgerDatabase } from '../ledger/database';
import { twoConnections } from '../test/twoConnections';
import { ExperimentStore } from './experiments';
import { experimentFixture } from './testing/experimentFixture';

/**
 * The running experiment is kept in memory between requests (`ExperimentStore.assign`); starting,
 * stopping or promoting one — in this process through the contract, or in another (the CLI's own
 * connection to the same file) — must still decide the very next request's arm.
 */
const ARMS = [
  { name: 'a', strategy: 'constraints', share: 0.5 },
  { name: 'b', strategy: 'constraints', share: 0.5 },
] as const;
const noVersions = (): never => {
  throw new Error('no rules versions in this test');
};

describe('the running experiment shared by the app and the CLI', () => {
  const db = twoConnections();

  it("assigns by another connection's start, stop and promotion from the next call on", () => {
    const app = new ExperimentStore(db.app.db);
    const cli = new ExperimentStore(db.cli.db);
    expect(app.assign('req-1')).toBeNull();

    cli.create({ name: 'e1', arms: [...ARMS] }, noVersions);
    expect(app.assign('req-1')).toMatchObject({ experiment: 'e1', strategy: 'constraints' });
    cli.end('e1', null);
    expect(app.assign('req-1')).toBeNull();

    cli.create({ name: 'e2', arms: [...ARMS] }, noVersions);
    expect(app.assign('req-1')?.experiment).toBe('e2');
    cli.end('e2', 'b');
    expect(app.assign('req-1')).toBeNull();
    expect(app.running()).toBeNull();

    // Written by hand on the other connection (no store involved): seen too.
    db.cli.db.prepare("UPDATE experiments SET status = 'running', ended_at = NULL WHERE name = 'e1'").run();
    expect(app.running()?.name).toBe('e1');
  });

  it("assigns by its own start, stop and promotion from the next call on, and the CLI's store sees them", () => {
    const app = new ExperimentStore(db.app.db);
    const cli = new ExperimentStore(db.cli.db);
    expect(app.assign('req-1')).toBeNull();
    expect(cli.assign('req-1')).toBeNull();

    app.create({ name: 'e1', arms: [...ARMS] }, noVersions);
    expect(app.assign('req-1')?.experiment).toBe('e1');
    expect(cli.assign('req-1')?.experiment).toBe('e1');
    app.end('e1', null);
    expect(app.assign('req-1')).toBeNull();
    expect(cli.assign('req-1')).toBeNull();

    app.create({ name: 'e2', arms: [...ARMS] }, noVersions);
    expect(app.assign('req-1')?.experiment).toBe('e2');
    app.end('e2', 'a');
    expect(app.assign('req-1')).toBeNull();
  });

  it('keeps the experiment running, and assigning, when ending it fails', () => {
    const app = new ExperimentStore(db.app.db);
    app.create({ name: 'e1', arms: [...ARMS] }, noVersions);
    expect(app.assign('req-1')?.experiment).toBe('e1');
    expect(() =>
      app.end('e1', 'a', () => {
        throw new Error('cannot apply');
      }),
    ).toThrow('cannot apply');
    expect(app.assign('req-1')?.experiment).toBe('e1');
    expect(app.running()?.status).toBe('running');
  });

  it('hands out an experiment that cannot be changed behind its back', () => {
    const app = new ExperimentStore(db.app.db);
    app.create({ name: 'e1', arms: [...ARMS] }, noVersions);
    const running = app.running()!;
    expect(() => {
      (running.arms[0] as { share: number }).share = 1;
    }).toThrow(TypeError);
    expect(app.running()!.arms[0]!.share).toBe(0.5);
  });
});

describe('the running experiment on real Services, through the contract', () => {
  const t = experimentFixture({ fakeProviders: true });
  let cli: LedgerDatabase | null = null;
  afterEach(() => {
    cli?.close();
    cli = null;
  });

  let n = 0;
  /** Runs one request and returns the arm label its ledger row carries (null: no experiment). */
  const armOfNextRequest = async (): Promise<string | null> => {
    await t.data('execution.run', { request: { prompt: `Name prime number ${n++}` } });
    const row = t.services
      .database!.db.prepare(
        `SELECT l.name AS arm FROM ledger_requests r LEFT JOIN ledger_labels l ON l.id = r.arm_id
          ORDER BY r.id DESC LIMIT 1`,
      )
      .get() as { arm: string | null };
    return row.arm;
  };

  it('the next request follows experiments.create and experiments.end (stop, promote)', async () => {
    await t.useFakeProviders();
    expect(await armOfNextRequest()).toBeNull();

    await t.data('experiments.create', { name: 'exp-a', arms: [...ARMS] });
    expect(await armOfNextRequest()).toMatch(/^exp-a\/[ab]$/);
    await t.data('experiments.end', { name: 'exp-a', promote: null });
    expect(await armOfNextRequest()).toBeNull();

    await t.data('experiments.create', { name: 'exp-b', arms: [...ARMS] });
    expect(await armOfNextRequest()).toMatch(/^exp-b\/[ab]$/);
    await t.data('experiments.end', { name: 'exp-b', promote: 'a' });
    expect(await armOfNextRequest()).toBeNull();
  });

  it("the next request follows another connection's start and stop", async () => {
    await t.useFakeProviders();
    expect(await armOfNextRequest()).toBeNull();

    cli = LedgerDatabase.open(t.dataDir);
    const cliStore = new ExperimentStore(cli.db);
    cliStore.create({ name: 'exp-cli', arms: [...ARMS] }, noVersions);
    expect(await armOfNextRequest()).toMatch(/^exp-cli\/[ab]$/);
    cliStore.end('exp-cli', null);
    expect(await armOfNextRequest()).toBeNull();
  });
});
