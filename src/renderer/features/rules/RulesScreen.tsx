import { useMemo, useState } from 'react';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { ComplexitySection } from './ComplexitySection';
import { ContextBandsSection } from './ContextBandsSection';
import { draftProblems } from './draftProblems';
import { isDirty, useRulesDraft } from './draftStore';
import { LimitsSection } from './LimitsSection';
import { PreviewPanel } from './PreviewPanel';
import { ReplayPanel } from './ReplayPanel';
import { RulesToolbar } from './RulesToolbar';
import { SuggestionsPanel } from './SuggestionsPanel';
import { UseCaseSection } from './UseCaseSection';
import { useDraftCheck, useDraftPreview, useSavedRules, type PreviewInput } from './useRules';
import { useRulesCatalog } from './useRulesCatalog';
import { useRulesInForce } from './useRulesInForce';
import { useThrottled } from './useThrottled';
import { VersionsPanel } from './VersionsPanel';
import { YamlPanel } from './YamlPanel';
import './rules.css';

const FIRST_PROMPT = 'Summarise the attached meeting notes in five bullet points.';

/** The routing rule editor: a draft edited visually, previewed live, replayed on history, saved. */
export function RulesScreen() {
  const saved = useSavedRules();
  const catalog = useRulesCatalog();
  const { draft, saved: savedRules, revision, edit, replace } = useRulesDraft();
  const [input, setInput] = useState<PreviewInput>({ prompt: FIRST_PROMPT, strategy: null, images: false });
  const inForce = useRulesInForce(saved.data);

  const models = useMemo(() => catalog.data ?? [], [catalog.data]);
  const known = useMemo(
    () => (catalog.data ? new Set(catalog.data.map((m) => m.key)) : null),
    [catalog.data],
  );
  const pickable = useMemo(() => models.filter((m) => !m.disabled), [models]);
  const local = useMemo(() => (draft ? draftProblems(draft, known) : []), [draft, known]);
  const check = useDraftCheck(draft, revision);
  const checkedNow = check.data !== undefined && !check.isPlaceholderData;
  const serverProblems = checkedNow ? check.data.problems : [];
  const problems = [...local, ...serverProblems.filter((p) => !local.some((l) => l.path === p.path))];
  const valid = local.length === 0 && (!checkedNow || check.data.valid);

  const wanted = useMemo(() => ({ draft, revision, input }), [draft, revision, input]);
  const throttled = useThrottled(wanted, 150);
  const preview = useDraftPreview(throttled.draft, throttled.revision, throttled.input, valid);
  const decision = valid ? (preview.data ?? null) : null;
  // While the throttle holds back the latest draft or prompt, the decision shown is the previous
  // one: say so, the same way as while main is being asked.
  const updating = preview.isFetching || throttled !== wanted;

  if (saved.isError) return <ErrorNotice title="Could not read the routing rules" error={saved.error} />;
  if (!draft || !saved.data) {
    return (
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" /> Loading the rules…
      </div>
    );
  }
  return (
    <div className="rules-screen">
      <RulesToolbar
        draft={draft}
        dirty={isDirty(savedRules, draft)}
        problems={problems}
        checking={!checkedNow}
        source={saved.data.source}
        path={saved.data.path}
        loadProblem={saved.data.loadProblem}
      />
      {inForce.stale && (
        <Notice tone="warn" title="The rules in force changed">
          <p data-testid="rules-changed-notice">
            The rules in force changed (by {inForce.stale.by}); your draft is based on an older version.
          </p>
          <div className="rules-changed__actions">
            <button type="button" className="button button--primary" onClick={inForce.loadNew}>
              Load the new rules
            </button>
            <button type="button" className="button" onClick={inForce.keepEditing}>
              Keep editing
            </button>
          </div>
        </Notice>
      )}
      <PreviewPanel
        draft={draft}
        input={input}
        onInput={setInput}
        decision={decision}
        error={preview.isError ? preview.error : null}
        fetching={updating}
        valid={valid}
      />
      <ContextBandsSection draft={draft} edit={edit} catalog={pickable} decision={decision} />
      <ComplexitySection draft={draft} edit={edit} catalog={pickable} decision={decision} />
      <SuggestionsPanel draft={draft} edit={edit} />
      <UseCaseSection draft={draft} edit={edit} catalog={pickable} decision={decision} />
      <LimitsSection draft={draft} edit={edit} />
      <ReplayPanel draft={draft} valid={valid} />
      <div className="card-grid">
        <VersionsPanel dirty={isDirty(savedRules, draft)} />
        <YamlPanel draft={draft} valid={valid} onImport={replace} />
      </div>
    </div>
  );
}
