import type { RoutingRules } from '../../../shared/contract/rules';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import type { DraftProblem } from './draftProblems';
import { useRulesDraft } from './draftStore';
import { useSaveRules } from './useRules';

interface Props {
  draft: RoutingRules;
  dirty: boolean;
  problems: DraftProblem[];
  /** The server has not checked this revision yet. */
  checking: boolean;
  source: 'default' | 'saved';
  path: string;
  loadProblem: string | null;
}

/** Save (only a valid, changed draft), Revert, and every problem that stops the save, said inline. */
export function RulesToolbar({ draft, dirty, problems, checking, source, path, loadProblem }: Props) {
  const save = useSaveRules();
  const revert = useRulesDraft((s) => s.revert);
  const blocked = problems.length > 0;
  const why = blocked
    ? `Fix ${problems.length} problem${problems.length === 1 ? '' : 's'} to save`
    : !dirty
      ? 'No unsaved changes'
      : checking
        ? 'Checking…'
        : 'Unsaved changes';
  return (
    <div className="rules-toolbar" role="region" aria-label="Save the rules">
      <div className="rules-toolbar__bar">
        <p className="rules-toolbar__state" data-testid="draft-state" aria-live="polite">
          {why}
        </p>
        <button
          type="button"
          className="button button--primary"
          disabled={!dirty || blocked || checking || save.isPending}
          onClick={() => save.mutate(draft)}
        >
          {save.isPending ? 'Saving…' : 'Save rules'}
        </button>
        <button type="button" className="button" disabled={!dirty || save.isPending} onClick={revert}>
          Revert
        </button>
        <span className="small muted">
          {source === 'saved' ? 'Saved in ' : 'Built-in rules; Save writes '}
          <span className="mono">{path}</span>
        </span>
      </div>
      {loadProblem && (
        <Notice tone="warn" title="The saved rules could not be used">
          <p>{loadProblem}</p>
        </Notice>
      )}
      {save.isError && <ErrorNotice title="The rules were not saved" error={save.error} />}
      {blocked && (
        <Notice tone="error" title="The draft cannot be saved yet">
          <ul className="rules-problems" aria-label="Problems">
            {problems.map((p, i) => (
              <li key={`${p.path}-${i}`}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        </Notice>
      )}
    </div>
  );
}
