import { EmbeddingsCard } from './EmbeddingsCard';
import { ExperimentsCard } from './ExperimentsCard';
import { LeaderboardCard } from './LeaderboardCard';
import { LearnedStrategyCard } from './LearnedStrategyCard';
import { LiveStatsCard } from './LiveStatsCard';
import { useLiveLearning } from './useLearning';
import './learning.css';

/** What the router learns: vote ratings, live statistics, the learned strategy and A/B experiments. */
export function LearningScreen() {
  useLiveLearning();
  return (
    <div className="learning-screen">
      <p className="screen__lead">
        What the router learns from your history and your votes, and experiments that prove a change before it
        is in force.
      </p>
      <ExperimentsCard />
      <LeaderboardCard />
      <div className="card-grid">
        <LearnedStrategyCard />
        <EmbeddingsCard />
      </div>
      <LiveStatsCard />
    </div>
  );
}
