import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useRestoreVersion, useRuleVersions } from './useRules';

/** The last 20 saved versions; restoring one saves it again as the newest. */
export function VersionsPanel({ dirty }: { dirty: boolean }) {
  const versions = useRuleVersions();
  const restore = useRestoreVersion();
  return (
    <Card title="Saved versions">
      {versions.isError && <ErrorNotice title="Could not list the saved versions" error={versions.error} />}
      {restore.isError && <ErrorNotice title="Could not restore that version" error={restore.error} />}
      {versions.data?.length === 0 && (
        <p className="muted">Nothing saved yet: the built-in rules are in force.</p>
      )}
      <ol className="rules-versions">
        {versions.data?.map((v) => (
          <li key={v.id} className="rules-versions__item">
            <span>
              <time dateTime={v.savedAt}>{new Date(v.savedAt).toLocaleString()}</time>
              {v.current && <span className="badge badge--ok">in force</span>}
              <span className="small muted"> {v.summary}</span>
            </span>
            {!v.current && (
              <button
                type="button"
                className="button button--small"
                disabled={restore.isPending}
                aria-label={`Restore the version saved ${new Date(v.savedAt).toLocaleString()}`}
                title={dirty ? 'Restoring drops the unsaved changes' : undefined}
                onClick={() => restore.mutate(v.id)}
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
