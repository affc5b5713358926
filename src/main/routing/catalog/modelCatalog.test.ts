import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoutingRequestSchema } from '../../../shared/contract/routing';
import { isSwitchyardError } from '../../core/errors';
import { LedgerDatabase } from '../../ledger/database';
import { tempDir } from '../../test/tempDir';
import { RoutingService } from '../routingService';
import { MemorySecretStore } from '../test/memorySecrets';

const FIXTURE = readFileSync(new URL('./fixtures/openrouter-models.json', import.meta.url), 'utf8');

describe('catalog overrides and custom models (real SQLite file in a temp data dir)', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: LedgerDatabase;
  let service: RoutingService;
  const open = () => {
    db = LedgerDatabase.open(dir.path);
    service = new RoutingService({
      dataDir: dir.path,
      database: db,
      secrets: new MemorySecretStore(),
      simulate: true,
    });
  };
  const reopen = async () => {
    await service.close();
    db.close();
    open();
  };

  beforeEach(() => {
    dir = tempDir();
    open();
  });
  afterEach(async () => {
    await service.close();
    db.close();
    dir.cleanup();
  });

  it('keeps a price and quality override across restarts, and routing uses it', async () => {
    const prompt = RoutingRequestSchema.parse({ prompt: 'Hi there', model: 'openai/gpt-4o-mini' });
    const before = await service.decide(prompt);
    service.updateCatalog({
      action: 'override',
      model: 'openai/gpt-4o-mini',
      price: { inputPerMTok: 1.5, outputPerMTok: 6 },
      quality: { score: 0.8, source: 'our own evals, 2025-11' },
    });
    await reopen();
    const m = service.catalog.get('openai/gpt-4o-mini')!;
    expect(m.price).toMatchObject({
      inputPerMTok: 1.5,
      outputPerMTok: 6,
      cachedInputPerMTok: 0.075,
      source: 'user override',
    });
    expect(m.quality).toEqual({ score: 0.8, source: 'our own evals, 2025-11' });
    expect(m.overridden).toEqual(['price', 'quality']);
    const after = await service.decide(prompt);
    expect(after.estimate.costUsd).toBeCloseTo(before.estimate.costUsd * 10, 10);

    service.updateCatalog({ action: 'clear_override', model: 'openai/gpt-4o-mini' });
    await reopen();
    expect(service.catalog.get('openai/gpt-4o-mini')!.price.inputPerMTok).toBe(0.15);
  });

  it('a disabled model is never chosen, and says so', async () => {
    service.updateCatalog({ action: 'override', model: 'groq/llama-3.1-8b-instant', disabled: true });
    await reopen();
    const d = await service.decide(RoutingRequestSchema.parse({ prompt: 'What is 2 + 2?' }));
    expect(d.modelKey).not.toBe('groq/llama-3.1-8b-instant');
    expect(d.reasons).toContain('skipped groq/llama-3.1-8b-instant: disabled in the catalog');
  });

  it('adds a custom model that survives a restart and can be routed to, and removes it', async () => {
    service.updateCatalog({
      action: 'add_custom',
      model: {
        provider: 'custom',
        model: 'my-finetune',
        contextWindow: 32_768,
        maxOutputTokens: 4096,
        inputPerMTok: 0.2,
        outputPerMTok: 0.4,
        quality: 0.7,
      },
    });
    await reopen();
    const d = await service.decide(
      RoutingRequestSchema.parse({ prompt: 'Hello', model: 'custom/my-finetune' }),
    );
    expect(d).toMatchObject({ modelKey: 'custom/my-finetune', displayName: 'my-finetune' });
    service.updateCatalog({ action: 'remove_custom', model: 'custom/my-finetune' });
    await reopen();
    expect(service.catalog.get('custom/my-finetune')).toBeUndefined();
  });

  it('refuses to add a custom model over a built-in one (CONFLICT)', () => {
    let error: unknown;
    try {
      service.updateCatalog({
        action: 'add_custom',
        model: {
          provider: 'openai',
          model: 'gpt-4o',
          contextWindow: 1,
          maxOutputTokens: 1,
          inputPerMTok: 0,
          outputPerMTok: 0,
        },
      });
    } catch (e) {
      error = e;
    }
    expect(isSwitchyardError(error) && error.code).toBe('CONFLICT');
  });

  describe('OpenRouter price refresh against a local server', () => {
    let server: Server;
    let baseUrl: string;
    beforeEach(async () => {
      server = createServer((req, res) => {
        if (req.url === '/api/v1/models') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(FIXTURE);
        } else res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    });
    afterEach(() => new Promise<void>((r) => server.close(() => r())));

    it('previews what changed, then applies exactly that, persisted', async () => {
      const preview = await service.previewPriceRefresh(baseUrl);
      expect(preview.listed).toBe(6);
      // gpt-4o-mini's price matches; Sonnet 4.5 got dearer on both the first-party and OpenRouter entries.
      expect(preview.changes.filter((c) => c.modelKey === 'openai/gpt-4o-mini')).toEqual([]);
      expect(preview.changes).toContainEqual({
        modelKey: 'anthropic/claude-sonnet-4-5',
        openrouterId: 'anthropic/claude-sonnet-4.5',
        field: 'inputPerMTok',
        from: 3,
        to: 3.3,
      });
      expect(preview.changes).toContainEqual(
        expect.objectContaining({
          modelKey: 'openrouter/meta-llama/llama-3.3-70b-instruct',
          field: 'maxOutputTokens',
          to: 120_000,
        }),
      );
      expect(preview.newModels.map((m) => m.model)).toEqual(['z-ai/glm-4.6', 'thedrummer/cydonia-24b-v4.1']);
      expect(preview.newModels[0]).toMatchObject({
        family: 'other',
        capabilities: ['tools', 'json', 'reasoning'],
      });
      expect(preview.unlisted).toContain('openai/gpt-5');
      expect(service.catalog.get('anthropic/claude-sonnet-4-5')!.price.inputPerMTok).toBe(3);

      const applied = service.applyPriceRefresh(preview.changes, preview.newModels.slice(0, 1));
      expect(applied.addedModels).toBe(1);
      await reopen();
      const sonnet = service.catalog.get('anthropic/claude-sonnet-4-5')!;
      expect(sonnet.price).toMatchObject({
        inputPerMTok: 3.3,
        outputPerMTok: 16.5,
        source: 'openrouter models list',
      });
      expect(service.catalog.get('openrouter/z-ai/glm-4.6')!.origin).toBe('custom');
    });

    it('reports an unreachable or wrong endpoint as PROVIDER_ERROR with the URL', async () => {
      let error: unknown;
      try {
        await service.previewPriceRefresh(`${baseUrl}/nowhere`);
      } catch (e) {
        error = e;
      }
      expect(isSwitchyardError(error) && error.code).toBe('PROVIDER_ERROR');
      expect((error as Error).message).toContain('/nowhere/models answered HTTP 404');
    });
  });
});
