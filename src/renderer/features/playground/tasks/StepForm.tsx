import { useState } from 'react';
import { SPLIT_STRATEGIES, STEP_TYPES, type Step } from '../../../../shared/contract/tasks';

export interface StepDraft {
  description: string;
  type: NonNullable<Step['type']>;
  expectedLines: string;
  language: string;
  targetFile: string;
  context: string;
  strategy: NonNullable<Step['strategy']>;
  files: { path: string; content: string }[];
}

const EMPTY: StepDraft = {
  description: '',
  type: 'code_generation',
  expectedLines: '',
  language: '',
  targetFile: '',
  context: '',
  strategy: 'auto',
  files: [],
};

const label = (s: string) => s.replace('_', ' ');

/** The step: what to do, its type, size hints, input files (read in the browser) and context. */
export function StepForm({
  busy,
  onAnalyze,
  onRun,
  onCancel,
}: {
  busy: boolean;
  onAnalyze(d: StepDraft): void;
  onRun(d: StepDraft): void;
  onCancel(): void;
}) {
  const [d, setD] = useState<StepDraft>(EMPTY);
  const edit = (patch: Partial<StepDraft>) => setD((prev) => ({ ...prev, ...patch }));
  const addFiles = async (list: FileList | null) => {
    const read = await Promise.all(
      [...(list ?? [])].map(async (f) => ({ path: f.name, content: await f.text() })),
    );
    setD((prev) => ({
      ...prev,
      files: [...prev.files.filter((f) => !read.some((r) => r.path === f.path)), ...read],
    }));
  };
  const ready = d.description.trim() !== '';
  return (
    <form
      className="tk-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) onRun(d);
      }}
    >
      <div className="pg-field">
        <label htmlFor="tk-description" className="pg-field__label">
          Step description
        </label>
        <textarea
          id="tk-description"
          className="pg-input tk-textarea"
          rows={3}
          value={d.description}
          placeholder="e.g. Write an inventory CLI with add, list and export commands"
          onChange={(e) => edit({ description: e.target.value })}
        />
      </div>
      <div className="pg-options__row">
        <div className="pg-field pg-field--compact">
          <label htmlFor="tk-type" className="pg-field__label">
            Type
          </label>
          <select
            id="tk-type"
            className="pg-select"
            value={d.type}
            onChange={(e) => edit({ type: e.target.value as StepDraft['type'] })}
          >
            {STEP_TYPES.map((t) => (
              <option key={t} value={t}>
                {label(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="pg-field pg-field--compact">
          <label htmlFor="tk-lines" className="pg-field__label">
            Expected lines
          </label>
          <input
            id="tk-lines"
            className="pg-input"
            inputMode="numeric"
            value={d.expectedLines}
            onChange={(e) => edit({ expectedLines: e.target.value })}
          />
        </div>
        <div className="pg-field pg-field--compact">
          <label htmlFor="tk-language" className="pg-field__label">
            Language
          </label>
          <input
            id="tk-language"
            className="pg-input"
            value={d.language}
            placeholder="python"
            onChange={(e) => edit({ language: e.target.value })}
          />
        </div>
        <div className="pg-field pg-field--compact">
          <label htmlFor="tk-target" className="pg-field__label">
            Result file
          </label>
          <input
            id="tk-target"
            className="pg-input"
            value={d.targetFile}
            placeholder="generated.py"
            onChange={(e) => edit({ targetFile: e.target.value })}
          />
        </div>
        <div className="pg-field pg-field--compact">
          <label htmlFor="tk-strategy" className="pg-field__label">
            Split
          </label>
          <select
            id="tk-strategy"
            className="pg-select"
            value={d.strategy}
            onChange={(e) => edit({ strategy: e.target.value as StepDraft['strategy'] })}
          >
            <option value="auto">automatic</option>
            {SPLIT_STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="pg-field">
        <label htmlFor="tk-context" className="pg-field__label">
          Context <span className="muted">(optional)</span>
        </label>
        <textarea
          id="tk-context"
          className="pg-input tk-textarea"
          rows={2}
          value={d.context}
          onChange={(e) => edit({ context: e.target.value })}
        />
      </div>
      <div className="pg-field">
        <label htmlFor="tk-files" className="pg-field__label">
          Input files
        </label>
        <input id="tk-files" type="file" multiple onChange={(e) => void addFiles(e.target.files)} />
        {d.files.length > 0 && (
          <ul className="tk-file-list small">
            {d.files.map((f) => (
              <li key={f.path}>
                {f.path} <span className="muted">({f.content.length.toLocaleString()} chars)</span>{' '}
                <button
                  type="button"
                  className="tk-link"
                  onClick={() => edit({ files: d.files.filter((x) => x !== f) })}
                >
                  remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="pg-action-bar">
        <button type="button" className="button" disabled={!ready || busy} onClick={() => onAnalyze(d)}>
          Analyze
        </button>
        <button type="submit" className="button button--primary" disabled={!ready || busy}>
          Run task
        </button>
        {busy && (
          <button type="button" className="button button--stop" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
