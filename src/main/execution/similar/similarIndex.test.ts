import { describe, expect, it } from 'vitest';
import { SimilarIndex } from './similarIndex';

const entry = (id: number, scope = 's', modelKey = 'openai/gpt-4.1-nano') => ({
  id,
  scope,
  modelKey,
  completionTokens: 20,
});
const find = (index: SimilarIndex, text: string, threshold = 0.85, scope = 's') =>
  index.find({ scope, text, threshold, accepts: () => true });

/** Filler prompts so everyday words are common in the index, as they are in real history. */
function withHistory(index: SimilarIndex, n: number): void {
  const topics = ['rivers', 'planets', 'poems', 'sorting', 'taxes', 'recipes', 'engines', 'birds'];
  for (let i = 0; i < n; i++)
    index.add(
      entry(10_000 + i, 'other'),
      `Can you explain ${topics[i % topics.length]} in one short sentence for item ${i}?`,
    );
}

describe('SimilarIndex', () => {
  it('matches a near-duplicate and says how similar it is', () => {
    const index = new SimilarIndex(100);
    index.add(entry(1), 'What is the capital of France? Answer in one short sentence.');
    const m = find(index, 'what is the capital of France? answer in one short sentence!');
    expect(m?.entry.id).toBe(1);
    expect(m?.similarity).toBeGreaterThan(0.85);
    expect(m?.similarity).toBeLessThan(1);
  });

  it('never answers a question about another subject, however alike the wording', () => {
    const index = new SimilarIndex(100);
    index.add(entry(1), 'What is the capital of France? Answer in one short sentence.');
    withHistory(index, 200);
    expect(find(index, 'What is the capital of Spain? Answer in one short sentence.', 0.5)).toBeNull();
    index.add(entry(2), 'What is 12 times 7? Reply with the number only.');
    expect(find(index, 'What is 12 times 8? Reply with the number only.', 0.5)).toBeNull();
  });

  it('lets everyday words differ once history shows they are everyday', () => {
    const index = new SimilarIndex(1000);
    index.add(entry(1), 'Explain recursion in one short sentence.');
    const rephrased = 'Can you explain recursion in one short sentence?';
    expect(find(index, rephrased, 0.5)).toBeNull();
    withHistory(index, 200);
    expect(find(index, rephrased, 0.5)?.entry.id).toBe(1);
  });

  it('keeps scopes apart, asks the caller which entries it accepts, and forgets the oldest past capacity', () => {
    const index = new SimilarIndex(2);
    index.add(entry(1, 'a'), 'Explain recursion in one short sentence.');
    expect(find(index, 'Explain recursion in one short sentence!', 0.85, 'b')).toBeNull();
    expect(
      index.find({
        scope: 'a',
        text: 'Explain recursion in one short sentence!',
        threshold: 0.85,
        accepts: () => false,
      }),
    ).toBeNull();
    index.add(entry(2, 'a'), 'Explain iteration in one short sentence.');
    index.add(entry(3, 'a'), 'Explain closures in one short sentence.');
    expect(index.size).toBe(2);
    expect(index.has(1)).toBe(false);
    expect(find(index, 'Explain recursion in one short sentence!')).toBeNull();
  });
});
