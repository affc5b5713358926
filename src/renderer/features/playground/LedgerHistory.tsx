import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LedgerRequest, RouteOutput, StoredMessage } from '../../../shared/contract';
import type { StrategyName, UseCase } from '../../../shared/contract/routing';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';
import { Badge, type Tone } from '../../ui/Badge';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { USE_CASE_LABEL } from '../../ui/useCaseLabels';
import { useCompose, type ComposeDraft, type Turn } from './composeStore';
import { formatMs, formatTokens, formatUsd, STRATEGY_LABEL } from './format';
import { usePlaygroundView } from './playgroundStore';
import { useSettledRunCount } from './runStore';

type LedgerDetail = RouteOutput<'ledger.request'>;

const PAGE = 20;
const REQUESTS_KEY = ['ledger.requests'] as const;

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

const STATUS_TONE: Record<LedgerRequest['status'], Tone> = {
  ok: 'ok',
  error: 'error',
  partial: 'warn',
  cancelled: 'neutral',
  blocked: 'error',
};

const modelOf = (r: LedgerRequest): string =>
  r.provider && r.model ? `${r.provider}/${r.model}` : 'no model (blocked before any call)';

const lastUser = (messages: StoredMessage[] | null): string | null =>
  messages ? ([...messages].reverse().find((m) => m.role === 'user')?.content ?? '') : null;

const imagesOf = (r: LedgerRequest): number => (r.prompt ?? []).reduce((n, m) => n + (m.images ?? 0), 0);

/** The stored chat back into the editor's shape: system, earlier turns, and the last user message. */
export function draftFromRequest(r: LedgerDetail): Partial<ComposeDraft> {
  const draft: Partial<ComposeDraft> = {};
  if (r.useCase && r.useCase in USE_CASE_LABEL) draft.useCase = r.useCase as UseCase;
  if (r.strategy === 'pinned') {
    const first = r.attempts[0];
    const pinned = first ? `${first.provider}/${first.model}` : r.provider && `${r.provider}/${r.model}`;
    if (pinned) draft.pinnedModel = pinned;
  } else if (r.strategy && r.strategy in STRATEGY_LABEL) {
    draft.strategy = r.strategy as Exclude<StrategyName, 'pinned'>;
  }
  if (r.prompt) {
    const messages = [...r.prompt];
    const lastUserAt = messages.map((m) => m.role).lastIndexOf('user');
    const user = lastUserAt >= 0 ? messages.splice(lastUserAt, 1)[0]!.content : '';
    draft.system = messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n\n');
    draft.turns = messages
      .filter((m): m is StoredMessage & { role: Turn['role'] } => m.role !== 'system')
      .map((m) => ({ role: m.role, content: m.content }));
    draft.user = user;
  }
  return draft;
}

function Flags({ r }: { r: LedgerRequest }) {
  return (
    <>
      <Badge tone={STATUS_TONE[r.status]}>{r.status}</Badge>
      {r.similarTo ? (
        <Badge tone="info">
          similar {r.similarTo.similarity.toFixed(2)} to #{r.similarTo.requestId}
        </Badge>
      ) : (
        r.cacheHit && <Badge tone="info">cache hit</Badge>
      )}
      {r.dedup && <Badge tone="info">shared flight</Badge>}
      {r.fallbackUsed && <Badge tone="warn">fallback</Badge>}
    </>
  );
}

function Row({ r, onReopen }: { r: LedgerRequest; onReopen: (id: number) => void }) {
  const prompt = lastUser(r.prompt);
  return (
    <li className="pg-history__item" data-testid="ledger-request">
      <div className="pg-history__main">
        <p className="pg-history__prompt" title={prompt ?? undefined}>
          {prompt === null ? (
            <span className="muted">Prompt not stored</span>
          ) : (
            prompt.slice(0, 140) || <span className="muted">(no user text)</span>
          )}
        </p>
        <p className="muted small">
          {when(r.startedAt)} · <span className="mono">{modelOf(r)}</span> · {formatUsd(r.costUsd)} ·{' '}
          {formatTokens(r.tokensIn)} → {formatTokens(r.tokensOut)} tokens · {formatMs(r.latencyMs)}
          {r.useCase && ` · ${r.useCase}`}
        </p>
      </div>
      <div className="pg-history__side">
        <Flags r={r} />
        <button type="button" className="button button--small" onClick={() => onReopen(r.id)}>
          Reopen
        </button>
      </div>
    </li>
  );
}

function PromptNotStored() {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['ledger.settings'],
    queryFn: async ({ signal }) => unwrap(await api.request('ledger.settings', {}, { signal })),
  });
  const [error, setError] = useState<string | null>(null);
  const turnOn = async () => {
    const r = await api.request('ledger.updateSettings', { storePrompts: true });
    if (r.ok) queryClient.setQueryData(['ledger.settings'], r.data);
    else setError(r.error.message);
  };
  return (
    <Notice tone="info" title="The prompt of this request was not stored">
      <p data-testid="prompt-not-stored">
        The ledger keeps only a hash of each prompt unless prompt storage (the ledger setting{' '}
        <span className="mono">storePrompts</span>) is on. Its route and result are below.
      </p>
      {settings.data?.storePrompts ? (
        <p className="muted small">Prompt storage is on now: runs from here on keep their prompt.</p>
      ) : (
        <p>
          <button type="button" className="button button--small" onClick={() => void turnOn()}>
            Store prompts from now on
          </button>{' '}
          <span className="muted small">
            (or <span className="mono">ledger.updateSettings {'{ storePrompts: true }'}</span>)
          </span>
        </p>
      )}
      {error && <p className="small">{error}</p>}
    </Notice>
  );
}

/** A reopened ledger request: its route and result; its prompt is back in the editor when it was stored. */
function Reopened({ r, onClose }: { r: LedgerDetail; onClose: () => void }) {
  return (
    <section className="pg-history__reopened" aria-label={`Request ${r.id}`} data-testid="reopened-request">
      <header className="pg-history__reopened-head">
        <h3 className="small">
          Request #{r.id} · {when(r.startedAt)} · {r.source}
        </h3>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </header>
      {r.promptStored ? (
        <p className="muted small">Its prompt is back in the editor above.</p>
      ) : (
        <PromptNotStored />
      )}
      {imagesOf(r) > 0 && (
        <p className="small" data-testid="reopened-images">
          {imagesOf(r) === 1 ? 'An image was' : `${imagesOf(r)} images were`} attached to this prompt. The
          ledger never keeps images: attach {imagesOf(r) === 1 ? 'it' : 'them'} again to run it the same way.
        </p>
      )}
      <dl className="pg-history__facts small">
        <dt>Route</dt>
        <dd>
          {r.strategy ?? 'unknown strategy'}
          {r.useCase && ` · ${r.useCase}`}
          {r.decision && ` · ${r.decision}`}
        </dd>
        <dt>Result</dt>
        <dd>
          <Flags r={r} /> <span className="mono">{modelOf(r)}</span>
        </dd>
        <dt>Cost</dt>
        <dd>
          {formatUsd(r.costUsd)}
          {r.usageEstimated && ' (usage estimated)'}
        </dd>
        <dt>Tokens</dt>
        <dd>
          {formatTokens(r.tokensIn)} in · {formatTokens(r.tokensOut)} out
        </dd>
        <dt>Latency</dt>
        <dd>
          {formatMs(r.latencyMs)}
          {r.ttftMs !== null && ` · first token ${formatMs(r.ttftMs)}`}
        </dd>
      </dl>
      {r.attempts.length > 0 && (
        <ol className="pg-history__attempts small" aria-label="Attempts">
          {r.attempts.map((a) => (
            <li key={a.n}>
              <span className="mono">{`${a.provider}/${a.model}`}</span> · {a.status}
              {a.errorKind && ` (${a.errorKind})`} · {formatMs(a.latencyMs)} · {formatUsd(a.costUsd)}
            </li>
          ))}
        </ol>
      )}
      <p className="muted small">The answer text is not kept in the ledger.</p>
    </section>
  );
}

/** Requests from the ledger (every client's, newest first), refreshed whenever a run of ours settles. */
export function LedgerHistory({ simulating }: { simulating: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const requests = useInfiniteQuery({
    queryKey: [...REQUESTS_KEY, { limit: PAGE }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.request(
          'ledger.requests',
          { limit: PAGE, ...(pageParam ? { before: pageParam } : {}) },
          { signal },
        ),
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const settled = useSettledRunCount();
  useEffect(() => {
    if (settled === 0) return;
    // The run's ledger row is committed before its answer: the rows and today's totals are stale now.
    void queryClient.invalidateQueries({ queryKey: REQUESTS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['reports.overview'] });
  }, [settled, queryClient]);

  const [open, setOpen] = useState<LedgerDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reopen = async (id: number) => {
    setError(null);
    try {
      const detail = await queryClient.fetchQuery({
        queryKey: ['ledger.request', id],
        queryFn: async ({ signal }) => unwrap(await api.request('ledger.request', { id }, { signal })),
      });
      const draft = draftFromRequest(detail);
      if (detail.promptStored) useCompose.getState().load(draft);
      else useCompose.getState().edit(draft);
      const view = usePlaygroundView.getState();
      view.setMode('single');
      view.setSingleRun(null);
      setOpen(detail);
      if (detail.promptStored) document.getElementById('pg-user')?.focus();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const rows = requests.data?.pages.flatMap((p) => p.requests) ?? [];
  return (
    <div className="pg-history__ledger">
      <h3 className="small">Recent requests in the ledger</h3>
      {open && <Reopened r={open} onClose={() => setOpen(null)} />}
      {error && (
        <Notice tone="error" title="Could not reopen the request">
          <p>{error}</p>
        </Notice>
      )}
      {requests.isError && (
        <ErrorNotice title="Could not load the ledger's requests" error={requests.error} />
      )}
      {requests.isSuccess && rows.length === 0 && (
        <p className="muted pg-history__empty" data-testid="ledger-history-empty">
          No requests in the ledger yet. Simulated runs are not recorded there (they are labelled simulated
          and cost nothing){simulating ? ', and simulation is on' : ''}.
        </p>
      )}
      {rows.length > 0 && (
        <ol className="pg-history__list" aria-label="Recent requests in the ledger">
          {rows.map((r) => (
            <Row key={r.id} r={r} onReopen={(id) => void reopen(id)} />
          ))}
        </ol>
      )}
      {requests.hasNextPage && (
        <button
          type="button"
          className="button button--small"
          disabled={requests.isFetchingNextPage}
          onClick={() => void requests.fetchNextPage()}
        >
          Older requests
        </button>
      )}
    </div>
  );
}
