import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import { MemorySecretStore } from '../../routing/test/memorySecrets';
import { createDispatcher } from '../../rpc/dispatch';
import { Services } from '../../services';
import { tempDir } from '../../test/tempDir';
import { okAttempt, okRequest, PRICES } from '../testing/ledgerFixture';

describe('savings against a baseline model the ledger has never used', () => {
  let dir: ReturnType<typeof tempDir>;
  let services: Services;
  beforeEach(async () => {
    dir = tempDir();
    services = await Services.create({
      dataDir: dir.path,
      shell: 'headless',
      secrets: new MemorySecretStore(),
    });
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('prices the baseline from the catalog instead of failing', async () => {
    // 1M input + 1M output tokens on a cheap model.
    await services
      .requireLedger()
      .record(okRequest(okAttempt('openai', 'gpt-4o-mini', PRICES.mini, 1e6, 1e6)));
    const baseline = 'anthropic/claude-opus-4-1';
    const catalogPrice = services.routing.catalog.get(baseline)!.price;
    const r = (await createDispatcher(services)(
      'reports.overview',
      { baselineModel: baseline },
      { source: 'http' },
    )) as Result<{ savings: { baselineModel: string; baselineCostUsd: number; savedUsd: number } | null }>;
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    expect(r.data.savings?.baselineModel).toBe(baseline);
    expect(r.data.savings?.baselineCostUsd).toBeCloseTo(
      catalogPrice.inputPerMTok + catalogPrice.outputPerMTok,
      6,
    );
    expect(r.data.savings?.savedUsd).toBeGreaterThan(0);
  });
});
