import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LearningStatus } from '../../../shared/contract';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from './format';
import { useLearningStatus } from './useLearning';

const OFF = '';

function useEmbeddingModels() {
  const api = useApi();
  return useQuery({
    queryKey: ['learning.embeddingModels'],
    queryFn: async ({ signal }) =>
      unwrap(await api.request('learning.embeddingModels', {}, { signal })).models,
  });
}

function useSetEmbeddingsModel() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    scope: { id: 'learning.setEmbeddingsModel' },
    mutationFn: async (model: string | null) =>
      unwrap(await api.request('learning.setEmbeddingsModel', { model })),
    onSuccess: (status) => client.setQueryData<LearningStatus>(['learning.status'], status),
  });
}

/**
 * The embeddings model (optional): the learned strategy's nearest past prompts and the similar-prompt
 * cache compare prompts by meaning instead of shared words. Main checks the choice (provider offers
 * embeddings, key stored); a refusal is shown with its message.
 */
export function EmbeddingsCard() {
  const status = useLearningStatus();
  const models = useEmbeddingModels();
  const save = useSetEmbeddingsModel();
  const e = status.data?.embeddings;
  return (
    <Card
      title="Prompt embeddings"
      aside={e && <Badge tone={e.model ? 'ok' : 'neutral'}>{e.model ? 'on' : 'off'}</Badge>}
    >
      {models.isError && <ErrorNotice title="The embeddings models could not be read" error={models.error} />}
      <div className="learning-embeddings">
        <label htmlFor="learning-embeddings" className="field__label">
          Embeddings model
        </label>
        <select
          id="learning-embeddings"
          value={save.isPending ? (save.variables ?? OFF) : (e?.model ?? OFF)}
          disabled={!e || save.isPending}
          onChange={(ev) => save.mutate(ev.target.value === OFF ? null : ev.target.value)}
        >
          <option value={OFF}>Off: compare words (text features)</option>
          {e?.model && !models.data?.some((m) => m.modelKey === e.model) && (
            <option value={e.model}>{e.model}</option>
          )}
          {models.data?.map((m) => (
            <option key={m.modelKey} value={m.modelKey}>
              {m.modelKey} · ${m.inputPerMTok}/M tokens{m.available ? '' : ` · ${m.reason}`}
            </option>
          ))}
        </select>
      </div>
      <p className="small muted">
        With a model set, each new prompt is embedded once (a small charge, recorded in the ledger under the
        use case &ldquo;embeddings&rdquo;) and stored prompts are embedded in the background. The learned
        strategy then finds past prompts that mean the same, and the similar-prompt cache also offers answers
        to paraphrases. If the provider does not answer within 2 s, both fall back to comparing words and say
        so.
      </p>
      {save.isError && <ErrorNotice title="The embeddings model was not set" error={save.error} />}
      {e?.model && (
        <dl className="facts learning-facts" data-testid="embeddings-status">
          <div className="facts__row">
            <dt>In use</dt>
            <dd data-testid="embeddings-model">{e.model}</dd>
          </div>
          <div className="facts__row">
            <dt>Prompts embedded</dt>
            <dd>
              {e.stored}
              {e.pending > 0 && (
                <span className="small muted">
                  {' '}
                  ({e.pending} stored prompts still to look at{e.backfilling ? ', embedding…' : ''})
                </span>
              )}
            </dd>
          </div>
          {e.lastError && (
            <div className="facts__row">
              <dt>Last error</dt>
              <dd data-testid="embeddings-error">
                {e.lastError.message} <span className="small muted">({formatDateTime(e.lastError.at)})</span>
              </dd>
            </div>
          )}
        </dl>
      )}
    </Card>
  );
}
