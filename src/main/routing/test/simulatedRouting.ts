import { afterEach, beforeEach } from 'vitest';
import { tempDir } from '../../test/tempDir';
import { RoutingService } from '../routingService';
import { MemorySecretStore } from './memorySecrets';

/** A routing service of a long-running shell, as a test sees it. */
export interface SimulatedRouting {
  readonly service: RoutingService;
  /** Its data dir (the rules file lives there). */
  readonly dataDir: string;
}

/**
 * Registers hooks that give each test a fresh `RoutingService` on simulated providers, in its own
 * temp data dir with no database and no keys, closed and removed after the test.
 */
export function simulatedRouting(): SimulatedRouting {
  let dir: ReturnType<typeof tempDir> | null = null;
  let service: RoutingService | null = null;
  beforeEach(() => {
    dir = tempDir();
    service = new RoutingService({
      dataDir: dir.path,
      database: null,
      secrets: new MemorySecretStore(),
      simulate: true,
    });
  });
  afterEach(async () => {
    await service?.close();
    dir?.cleanup();
    service = dir = null;
  });
  const need = <T>(value: T | null): T => {
    if (value === null) throw new Error('simulatedRouting: only inside a test');
    return value;
  };
  return {
    get service() {
      return need(service);
    },
    get dataDir() {
      return need(dir).path;
    },
  };
}
