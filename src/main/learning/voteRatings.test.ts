import { describe, expect, it } from 'vitest';
import { fitBradleyTerry, type PairRow } from './voteRatings';

const pair = (winner: string, loser: string, wins: number): PairRow => ({
  winner,
  loser,
  useCase: null,
  wins,
  ties: 0,
});

describe('Bradley–Terry ratings', () => {
  it('give each rating a 95 % margin that narrows as comparisons add up', () => {
    const few = fitBradleyTerry([pair('a', 'b', 2), pair('b', 'a', 1)]);
    const many = fitBradleyTerry([pair('a', 'b', 40), pair('b', 'a', 20)]);
    const margin = (board: typeof few, m: string) => board.find((e) => e.modelKey === m)!.ratingMargin;
    expect(few.map((e) => e.modelKey)).toEqual(['a', 'b']);
    expect(many.map((e) => e.modelKey)).toEqual(['a', 'b']);
    // Three comparisons leave the order open; sixty at the same 2:1 odds narrow it a lot.
    expect(margin(few, 'a')).toBeGreaterThan(many[0]!.rating - many[1]!.rating);
    expect(margin(many, 'a')).toBeLessThan(margin(few, 'a') / 3);
    expect(margin(many, 'a')).toBeGreaterThan(0);
  });
});
