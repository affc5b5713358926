import type Database from 'better-sqlite3';
import type { LabelKind } from './ledgerCodes';

/**
 * Interned models and labels. Ids never change once written (nothing deletes from these tables),
 * so they are cached for the life of the process; another process interning the same name gets
 * the same id through the UNIQUE constraint. Interning runs inside the writer's transaction, so a
 * rolled-back batch must `forget()` what it cached.
 */
export class LedgerNames {
  private readonly models = new Map<string, Map<string, number>>();
  private readonly labels = new Map<LabelKind, Map<string, number>>();
  /** Last unit prices written per model id, so ledger_models is updated only when a price changes. */
  private readonly prices = new Map<number, [number, number]>();
  private readonly insertModel: Database.Statement;
  private readonly selectModel: Database.Statement<unknown[], { id: number }>;
  private readonly insertLabel: Database.Statement;
  private readonly selectLabel: Database.Statement<unknown[], { id: number }>;
  private readonly updatePrice: Database.Statement;

  constructor(db: Database.Database) {
    this.insertModel = db.prepare('INSERT OR IGNORE INTO ledger_models (provider, model) VALUES (?, ?)');
    this.selectModel = db.prepare('SELECT id FROM ledger_models WHERE provider = ? AND model = ?');
    this.insertLabel = db.prepare('INSERT OR IGNORE INTO ledger_labels (kind, name) VALUES (?, ?)');
    this.selectLabel = db.prepare('SELECT id FROM ledger_labels WHERE kind = ? AND name = ?');
    this.updatePrice = db.prepare('UPDATE ledger_models SET input_price = ?, output_price = ? WHERE id = ?');
  }

  modelId(provider: string, model: string): number {
    let ofProvider = this.models.get(provider);
    if (!ofProvider) this.models.set(provider, (ofProvider = new Map()));
    let id = ofProvider.get(model);
    if (id === undefined) {
      this.insertModel.run(provider, model);
      id = (this.selectModel.get(provider, model) as { id: number }).id;
      ofProvider.set(model, id);
    }
    return id;
  }

  labelId(kind: LabelKind, name: string | null | undefined): number | null {
    if (name === null || name === undefined || name === '') return null;
    let ofKind = this.labels.get(kind);
    if (!ofKind) this.labels.set(kind, (ofKind = new Map()));
    let id = ofKind.get(name);
    if (id === undefined) {
      this.insertLabel.run(kind, name);
      id = (this.selectLabel.get(kind, name) as { id: number }).id;
      ofKind.set(name, id);
    }
    return id;
  }

  notePrice(modelId: number, input: number, output: number): void {
    const last = this.prices.get(modelId);
    if (last && last[0] === input && last[1] === output) return;
    this.updatePrice.run(input, output, modelId);
    this.prices.set(modelId, [input, output]);
  }

  /** After a rollback: ids or prices cached inside the failed transaction may not exist. */
  forget(): void {
    this.models.clear();
    this.labels.clear();
    this.prices.clear();
  }
}
