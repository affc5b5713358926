import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeProviders, type FakeProviderServer } from '../../execution/fake/server';
import { KeytarSecretStore } from '../../secrets/keytarStore';
import { Services, type ServiceOptions } from '../../services';
import { tempDir } from '../../test/tempDir';

/**
 * A keychain of its own for each test file: a private service name on the real Secret Service,
 * so tests never touch a developer's real Switchyard keys.
 */
export class PrivateKeychain extends KeytarSecretStore {
  constructor(readonly serviceName = `Switchyard-test-${randomUUID()}`) {
    super(serviceName);
  }

  async wipe(): Promise<void> {
    for (const account of await this.list()) await this.delete(account);
  }
}

export const privateKeychain = (): PrivateKeychain => new PrivateKeychain();

export interface Harness {
  dir: ReturnType<typeof tempDir>;
  dataDir: string;
  fake: FakeProviderServer;
  services: Services;
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<ServiceOptions> & { secrets: ServiceOptions['secrets'] },
): Promise<Harness> {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const fake = await startFakeProviders();
  const services = await Services.create({ dataDir, shell: 'headless', env: {}, ...options });
  return {
    dir,
    dataDir,
    fake,
    services,
    async close() {
      services.close();
      await fake.close();
      dir.cleanup();
    },
  };
}

/** Every file under `dir` (the database, its WAL, anything a room writes), for leak scans. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** Files under `dir` whose bytes contain `needle`. */
export const filesContaining = (dir: string, needle: string): string[] =>
  filesUnder(dir).filter((f) => readFileSync(f).includes(needle));
