import type { RoutedGeneration } from '../../../shared/contract/execution';
import { useApi } from '../../transport/TransportProvider';
import { runForReal } from './runActions';

/**
 * Said wherever an answer came from the similar-prompt cache: it was written for another prompt,
 * which one and how close it was, and a way to ask the model for real.
 */
export function SimilarCacheNote({ requestId, result }: { requestId: string; result: RoutedGeneration }) {
  const api = useApi();
  const similar = result.similar;
  if (result.cache !== 'similar' || !similar) return null;
  return (
    <div className="pg-similar" role="note" data-testid="similar-cache-note">
      <p>
        <span className="badge badge--info">Cached</span> From similar-prompt cache,{' '}
        <strong>{similar.similarity.toFixed(2)} similar</strong> ({similar.matchedOn}) to request #
        {similar.sourceRequestId} <q className="pg-similar__prompt">{similar.sourcePrompt}</q> Answered at $0
        with <span className="mono">{result.modelKey}</span>&rsquo;s earlier answer: no model saw this prompt.
      </p>
      {similar.note && <p className="small muted">{similar.note}</p>}
      <button type="button" className="button" onClick={() => runForReal(api, requestId)}>
        Run it for real
      </button>
    </div>
  );
}
