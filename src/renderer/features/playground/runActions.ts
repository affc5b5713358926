import type { SwitchyardApi } from '../../../shared/contract';
import type { RoutingRequest } from '../../../shared/contract/routing';
import { buildRequest } from './buildRequest';
import { draftOf, useCompose } from './composeStore';
import { useHistory } from './historyStore';
import { targetKey, usePlaygroundView, type CompareTarget } from './playgroundStore';
import { newRequestId, startRun } from './useExecution';
import { useRuns } from './runStore';

export function requestForTarget(base: RoutingRequest, target: CompareTarget): RoutingRequest {
  if (target.kind === 'routed') return base;
  return { ...base, model: target.modelKey, strategy: 'pinned' };
}

/** Runs the draft once, and lists it in the history. */
export function runSingle(api: SwitchyardApi): boolean {
  const draft = draftOf(useCompose.getState());
  const { request } = buildRequest(draft, { withImageData: true });
  if (!request) return false;
  const requestId = startRun(api, request);
  usePlaygroundView.getState().setSingleRun(requestId);
  useHistory
    .getState()
    .add({ id: requestId, at: Date.now(), kind: 'single', draft, requestIds: [requestId], comparison: null });
  return true;
}

/** Runs a finished run's request again for real (no cache), as the single run. */
export function runForReal(api: SwitchyardApi, requestId: string): boolean {
  const request = useRuns.getState().runs[requestId]?.request;
  if (!request) return false;
  usePlaygroundView.getState().setSingleRun(startRun(api, request, { cache: false }));
  return true;
}

/** Runs the draft on every target at once, one column each. */
export function runComparison(api: SwitchyardApi): boolean {
  const draft = draftOf(useCompose.getState());
  const { request } = buildRequest(draft, { withImageData: true });
  const view = usePlaygroundView.getState();
  const targets = view.targets.filter(
    (t, i, all) => all.findIndex((o) => targetKey(o) === targetKey(t)) === i,
  );
  if (!request || targets.length < 2) return false;
  const comparison = {
    id: newRequestId().replace(/^pg-/, 'cmp-'),
    targets,
    requestIds: targets.map((t) => startRun(api, requestForTarget(request, t))),
    useCase: draft.useCase || null,
  };
  view.setComparison(comparison);
  useHistory.getState().add({
    id: comparison.id,
    at: Date.now(),
    kind: 'compare',
    draft,
    requestIds: comparison.requestIds,
    comparison,
  });
  return true;
}
