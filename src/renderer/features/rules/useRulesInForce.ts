import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import type { RouteOutput } from '../../../shared/contract';
import type { RoutingRules } from '../../../shared/contract/rules';
import { useApi } from '../../transport/TransportProvider';
import { isDirty, useRulesDraft } from './draftStore';

type SavedRules = RouteOutput<'rules.get'>;

const same = (a: RoutingRules | null, b: RoutingRules | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps the editor in step with the rules in force when they change under it (a promoted A/B arm,
 * a save in another window, the CLI's `rules import`): main's `rules.changed` event refetches them;
 * a clean draft takes the new rules at once, a draft with unsaved changes is kept and `stale` says
 * who changed the rules, until the person loads the new rules or keeps editing (then the new rules
 * are what Revert returns to and what the draft is compared with). Derived, not stored: it ends by
 * itself once the draft or the rules in force agree again.
 */
export function useRulesInForce(server: SavedRules | undefined) {
  const api = useApi();
  const client = useQueryClient();
  const saved = useRulesDraft((s) => s.saved);
  const draft = useRulesDraft((s) => s.draft);
  const load = useRulesDraft((s) => s.load);
  const rebase = useRulesDraft((s) => s.rebase);

  useEffect(
    () =>
      api.subscribe('rules.changed', () => {
        void client.invalidateQueries({ queryKey: ['rules.get'] });
        void client.invalidateQueries({ queryKey: ['rules.versions'] });
      }),
    [api, client],
  );

  // A clean draft (or our own save, whose answer may come after the event) takes the new rules.
  useEffect(() => {
    if (!server) return;
    const { saved: current, draft: editing } = useRulesDraft.getState();
    if (current === null) return load(server.rules);
    if (same(current, server.rules)) return;
    if (!isDirty(current, editing) || same(editing, server.rules)) load(server.rules);
  }, [server, load]);

  const stale = useMemo(
    () =>
      server && saved && !same(saved, server.rules) && isDirty(saved, draft) && !same(draft, server.rules)
        ? { by: server.lastChange?.by ?? 'another program' }
        : null,
    [server, saved, draft],
  );
  const loadNew = useCallback(() => server && load(server.rules), [server, load]);
  const keepEditing = useCallback(() => server && rebase(server.rules), [server, rebase]);
  return { stale, loadNew, keepEditing };
}
