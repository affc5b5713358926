import type Database from 'better-sqlite3';

export interface RatingEntry {
  modelKey: string;
  /** Elo-scaled Bradley–Terry strength: 1000 is an average model, +400 is 10:1 odds of winning. */
  rating: number;
  wins: number;
  losses: number;
  ties: number;
  comparisons: number;
  /**
   * Half-width of the rating's 95 % interval, in rating points: from the fit's Fisher information
   * for this model alone (the others' strengths taken as known), so a slight underestimate.
   */
  ratingMargin: number;
  /** How the learned strategy moves this model's quality for the use case, −0.2…+0.2. */
  qualityAdjustment: number;
}

export interface PairRow {
  winner: string;
  loser: string;
  useCase: string | null;
  wins: number;
  ties: number;
}

/** Votes are sparse: one virtual tie against an average model keeps a single vote from deciding. */
const PRIOR_GAMES = 1;
const MAX_ADJUSTMENT = 0.2;
/** Rating points per unit of ln(strength): the rating is 1000 + 400 · log10(strength). */
const RATING_PER_LN = 400 / Math.LN10;

/**
 * Bradley–Terry ratings from the playground's compare votes, per use case (and overall), fitted
 * by the MM algorithm (Hunter 2004). A winner beats every other answered candidate of its
 * comparison; a tie is half a win each way; "all bad" says nothing about the order.
 */
export class VoteRatings {
  private cache: { mark: string; pairs: PairRow[] } | null = null;

  constructor(private readonly db: () => Database.Database | null) {}

  private pairs(): PairRow[] {
    const db = this.db();
    if (!db) return [];
    const mark = db
      .prepare("SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), 0) AS m FROM votes")
      .get() as {
      m: string;
    };
    if (this.cache?.mark === mark.m) return this.cache.pairs;
    const pairs = db
      .prepare(
        `SELECT w.model_key AS winner, l.model_key AS loser, v.use_case AS useCase,
                SUM(CASE v.verdict WHEN 'winner' THEN 1 ELSE 0 END) AS wins,
                SUM(CASE v.verdict WHEN 'tie' THEN 1 ELSE 0 END) AS ties
           FROM votes v
           JOIN vote_candidates w ON w.vote_id = v.id
           JOIN vote_candidates l ON l.vote_id = v.id AND l.n <> w.n
          WHERE w.model_key IS NOT NULL AND l.model_key IS NOT NULL AND w.model_key <> l.model_key
            AND ((v.verdict = 'winner' AND w.n = v.winner_n) OR v.verdict = 'tie')
          GROUP BY w.model_key, l.model_key, v.use_case`,
      )
      .all() as PairRow[];
    this.cache = { mark: mark.m, pairs };
    return pairs;
  }

  /** Models ranked by rating for a use case (null: all votes). */
  leaderboard(useCase: string | null): RatingEntry[] {
    const pairs = this.pairs().filter((p) => useCase === null || p.useCase === useCase);
    return fitBradleyTerry(pairs);
  }

  /** The quality adjustment the learned strategy applies (use-case ratings when there are any). */
  adjustment(modelKey: string, useCase: string | null): number {
    const board = useCase ? this.leaderboard(useCase) : [];
    const entry = (board.length ? board : this.leaderboard(null)).find((e) => e.modelKey === modelKey);
    return entry?.qualityAdjustment ?? 0;
  }
}

/** Half a tie counts as half a win for each side (ties are stored once per ordered pair). */
export function fitBradleyTerry(pairs: readonly PairRow[]): RatingEntry[] {
  const models = [...new Set(pairs.flatMap((p) => [p.winner, p.loser]))];
  const won = new Map<string, Map<string, number>>();
  const stats = new Map(models.map((m) => [m, { wins: 0, losses: 0, ties: 0 }]));
  for (const p of pairs) {
    const row = won.get(p.winner) ?? new Map<string, number>();
    row.set(p.loser, (row.get(p.loser) ?? 0) + p.wins + p.ties / 2);
    won.set(p.winner, row);
    stats.get(p.winner)!.wins += p.wins;
    stats.get(p.loser)!.losses += p.wins;
    stats.get(p.winner)!.ties += p.ties;
  }
  const games = (a: string, b: string): number => (won.get(a)?.get(b) ?? 0) + (won.get(b)?.get(a) ?? 0);
  let strength = new Map(models.map((m) => [m, 1]));
  for (let iter = 0; iter < 200; iter++) {
    const next = new Map<string, number>();
    for (const m of models) {
      let wins = PRIOR_GAMES / 2;
      let denom = PRIOR_GAMES / (strength.get(m)! + 1);
      for (const o of models) {
        if (o === m) continue;
        wins += won.get(m)?.get(o) ?? 0;
        const n = games(m, o);
        if (n > 0) denom += n / (strength.get(m)! + strength.get(o)!);
      }
      next.set(m, wins / denom);
    }
    strength = next;
  }
  return models
    .map((m) => {
      const s = strength.get(m)!;
      const st = stats.get(m)!;
      const comparisons = st.wins + st.losses + st.ties;
      const winVsAverage = s / (s + 1);
      // Information about ln s: Σ games · p(1 − p) over the opponents, plus the prior's virtual game.
      let information = PRIOR_GAMES * winVsAverage * (1 - winVsAverage);
      for (const o of models) {
        if (o === m) continue;
        const p = s / (s + strength.get(o)!);
        information += games(m, o) * p * (1 - p);
      }
      return {
        modelKey: m,
        rating: Math.round(1000 + 400 * Math.log10(s)),
        wins: st.wins,
        losses: st.losses,
        ties: st.ties,
        comparisons,
        ratingMargin: Math.round((1.96 * RATING_PER_LN) / Math.sqrt(information)),
        qualityAdjustment: Number(
          Math.max(-MAX_ADJUSTMENT, Math.min(MAX_ADJUSTMENT, (winVsAverage - 0.5) * 0.8)).toFixed(3),
        ),
      };
    })
    .sort((a, b) => b.rating - a.rating);
}
