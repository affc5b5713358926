import { useQueryClient } from '@tanstack/react-query';
import type { RoutingDecision } from '../../../shared/contract/routing';
import { ErrorAdviceNotice } from './ErrorAdviceNotice';
import { compareMarks } from './compareMarks';
import { CompareColumn } from './CompareColumn';
import { targetLabel } from './CompareTargets';
import { useCompose } from './composeStore';
import { usePlaygroundView, type Comparison } from './playgroundStore';
import { useRuns, type RunState } from './runStore';
import { useCatalog } from './useCatalog';
import { useVote, type VoteChoice } from './useVote';

/** The conversation goes on with the model that wrote the chosen answer. */
function continueWith(run: RunState): void {
  const compose = useCompose.getState();
  const result = run.result;
  if (!result) return;
  compose.edit({
    turns: [
      ...compose.turns,
      { role: 'user', content: compose.user, images: compose.images },
      { role: 'assistant', content: result.output, model: result.modelKey },
    ],
    user: '',
    images: [],
    pinnedModel: result.modelKey,
  });
  const view = usePlaygroundView.getState();
  view.setMode('single');
  view.setSingleRun(null);
  document.getElementById('pg-user')?.focus();
}

/** The latest route preview's complexity, kept with the vote for the router to learn from. */
function useLatestComplexity(): number | null {
  const queryClient = useQueryClient();
  const latest = queryClient
    .getQueryCache()
    .findAll({ queryKey: ['playground', 'routing.decide'] })
    .filter((q) => q.state.data)
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)[0];
  return (latest?.state.data as RoutingDecision | undefined)?.complexity.score ?? null;
}

function VoteBar({ vote, canVote }: { vote: ReturnType<typeof useVote>; canVote: boolean }) {
  const choice = vote.variables;
  const saved = vote.isSuccess ? vote.data.vote : null;
  return (
    <div className="pg-vote-bar">
      <span className="pg-field__label">Your verdict</span>
      <button
        type="button"
        className={
          choice?.verdict === 'tie' ? 'button button--small button--selected' : 'button button--small'
        }
        aria-pressed={choice?.verdict === 'tie'}
        disabled={!canVote || vote.isPending}
        onClick={() => vote.mutate({ verdict: 'tie' })}
      >
        Tie
      </button>
      <button
        type="button"
        className={
          choice?.verdict === 'all_bad' ? 'button button--small button--selected' : 'button button--small'
        }
        aria-pressed={choice?.verdict === 'all_bad'}
        disabled={!canVote || vote.isPending}
        onClick={() => vote.mutate({ verdict: 'all_bad' })}
      >
        All bad
      </button>
      <span className="muted small" role="status">
        {!canVote
          ? 'Vote when every answer is in.'
          : vote.isPending
            ? 'Saving your vote…'
            : saved
              ? `Vote saved to the ledger${saved.winnerModelKey ? `: ${saved.winnerModelKey} won` : ''}. You can change it.`
              : 'Pick the best answer, or say it is a tie or all bad. Votes teach the router.'}
      </span>
    </div>
  );
}

/** The comparison: one column per target, side by side, with marks, votes and "Continue". */
export function CompareView({ comparison }: { comparison: Comparison }) {
  const allRuns = useRuns((s) => s.runs);
  const runs = comparison.requestIds.map((id) => allRuns[id]);
  const models = useCatalog().data?.models;
  const vote = useVote(comparison, runs, useLatestComplexity());
  const marks = compareMarks(runs);
  const canVote = runs.every((r) => r && r.status !== 'running');
  const winner = vote.variables?.verdict === 'winner' ? vote.variables.winner : undefined;
  const pick = (choice: VoteChoice) => vote.mutate(choice);

  return (
    <section className="pg-compare" aria-label="Comparison">
      <VoteBar vote={vote} canVote={canVote} />
      {vote.isError && <ErrorAdviceNotice title="The vote was not saved" error={vote.error} />}
      <div className="pg-compare__columns" style={{ ['--columns' as string]: comparison.targets.length }}>
        {comparison.targets.map((t, i) => (
          <CompareColumn
            key={comparison.requestIds[i]}
            label={targetLabel(t, models)}
            run={runs[i]}
            cheapest={marks.cheapest.includes(i)}
            fastest={marks.fastest.includes(i)}
            chosen={winner === i}
            canVote={canVote && !vote.isPending}
            onPick={() => pick({ verdict: 'winner', winner: i })}
            onContinue={() => runs[i] && continueWith(runs[i])}
          />
        ))}
      </div>
    </section>
  );
}
