import { z } from 'zod';
import { route } from './route';
import { UseCaseSchema } from './routing';

/**
 * A person's verdict on a side-by-side comparison in the playground: which answer won, a tie, or
 * all bad. The learning room reads these (with the ledger rows they name) to adjust routing.
 */
export const VOTE_VERDICTS = ['winner', 'tie', 'all_bad'] as const;
export const VoteVerdictSchema = z.enum(VOTE_VERDICTS);
export type VoteVerdict = z.infer<typeof VoteVerdictSchema>;

/** The playground's ids: `cmp-…` for a comparison, `pg-…` for each run (execution.run's requestId). */
const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, 'expected 8–80 letters, digits, "_" or "-"');
const modelKey = z
  .string()
  .min(3)
  .max(300)
  .regex(/^[a-z]+\/.+$/, 'expected <provider>/<model>');

export const VoteCandidateSchema = z.strictObject({
  /** What the column ran: `routed` (the router's choice) or the pinned `<provider>/<model>`. */
  target: z.union([z.literal('routed'), modelKey]),
  /** The model that answered, after any fallback; null when the run failed. */
  modelKey: modelKey.nullable(),
  /** The run's execution requestId, to join the vote with its ledger row. */
  requestId: ClientIdSchema.nullable(),
  costUsd: z.number().nonnegative().nullable(),
  latencyMs: z.number().int().nonnegative().nullable(),
  simulated: z.boolean(),
});
export type VoteCandidate = z.infer<typeof VoteCandidateSchema>;

export const VoteInputSchema = z
  .strictObject({
    comparisonId: ClientIdSchema,
    verdict: VoteVerdictSchema,
    /** Index into `candidates` of the winning answer; given exactly when the verdict is `winner`. */
    winner: z.number().int().min(0).max(5).optional(),
    candidates: z.array(VoteCandidateSchema).min(2).max(6),
    useCase: UseCaseSchema.nullable().default(null),
    /** The router's complexity score for the prompt, when it was known. */
    complexity: z.number().min(0).max(1).nullable().default(null),
  })
  .refine((v) => (v.verdict === 'winner') === (v.winner !== undefined), {
    message: 'Give `winner` (the index of the winning candidate) exactly when the verdict is "winner".',
    path: ['winner'],
  })
  .refine((v) => v.winner === undefined || v.winner < v.candidates.length, {
    message: '`winner` must be the index of one of the candidates.',
    path: ['winner'],
  });
export type VoteInput = z.input<typeof VoteInputSchema>;
export type ParsedVoteInput = z.output<typeof VoteInputSchema>;

export const VoteSchema = z.object({
  id: z.number().int(),
  comparisonId: z.string(),
  verdict: VoteVerdictSchema,
  winner: z.number().int().nullable(),
  /** The winning candidate's model (null for a tie, all bad, or a winner whose run failed). */
  winnerModelKey: z.string().nullable(),
  candidates: z.array(VoteCandidateSchema),
  useCase: UseCaseSchema.nullable(),
  complexity: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Vote = z.infer<typeof VoteSchema>;

export const votesRoutes = {
  'votes.record': route({
    kind: 'command',
    summary: 'Store the verdict on a comparison (voting again on the same comparison replaces it).',
    input: VoteInputSchema,
    output: z.object({ vote: VoteSchema, replaced: z.boolean() }),
  }),
  'votes.list': route({
    kind: 'query',
    summary: 'Recent votes, newest first, or the vote on one comparison.',
    input: z.strictObject({
      comparisonId: ClientIdSchema.optional(),
      limit: z.number().int().min(1).max(1000).default(50),
    }),
    output: z.object({ votes: z.array(VoteSchema) }),
  }),
};
