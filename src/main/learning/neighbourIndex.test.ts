import { describe, expect, it } from 'vitest';
import { seededRandom } from './logisticModel';
import { NeighbourIndex } from './neighbourIndex';
import { TfIdf, cosine } from './textFeatures';

const random = seededRandom(11);
const words = ['sort', 'list', 'tree', 'joke', 'cats', 'merge', 'python', 'hello', 'rust', 'graph', 'sum'];
const texts = Array.from({ length: 300 }, (_, i) =>
  Array.from({ length: 4 + (i % 9) }, () => words[Math.floor(random() * words.length)]!).join(' '),
);

describe('neighbour index', () => {
  const tfidf = TfIdf.fit(texts);
  const vectors = texts.map((t) => tfidf.vector(t));
  const index = new NeighbourIndex(vectors);

  it('finds the same nearest past prompts, in the same order, as comparing with every one', () => {
    for (const query of ['merge a sorted list in python', 'tell me a joke about cats', 'sum']) {
      const q = tfidf.vector(query);
      const brute = vectors
        .map((v, index) => ({ index, similarity: cosine(q, v) }))
        .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
        .slice(0, 12);
      const found = index.search(q, 12);
      expect(found.map((h) => h.index)).toEqual(brute.map((h) => h.index));
      found.forEach((h, i) => expect(h.similarity).toBeCloseTo(brute[i]!.similarity, 5));
    }
  });

  it('gives back the stored vectors exactly, so a saved model reloads with the same neighbours', () => {
    const again = index.vectors();
    expect(again).toHaveLength(vectors.length);
    again.forEach((v, i) => {
      expect(Array.from(v.idx)).toEqual(Array.from(vectors[i]!.idx));
      expect(Array.from(v.val)).toEqual(Array.from(vectors[i]!.val));
    });
  });
});
