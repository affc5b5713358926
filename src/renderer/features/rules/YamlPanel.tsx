import { useState } from 'react';
import type { RoutingRules, RuleProblem } from '../../../shared/contract/rules';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';

interface Props {
  draft: RoutingRules;
  valid: boolean;
  onImport(rules: RoutingRules): void;
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * YAML out (the draft, in the same commented shape as `switchyard rules export`) and in (a file or
 * pasted text, checked by main with the line of every problem; it becomes the draft, saved only
 * with Save).
 */
export function YamlPanel({ draft, valid, onImport }: Props) {
  const api = useApi();
  const [exported, setExported] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [imported, setImported] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const exportYaml = async () => {
    setError(null);
    try {
      const { yaml } = unwrap(await api.request('rules.toYaml', { rules: draft }));
      setExported(yaml);
      download(yaml, 'switchyard-rules.yaml');
    } catch (e) {
      setError(e);
    }
  };
  const importYaml = async (yaml: string, from: string) => {
    setError(null);
    setImported(null);
    try {
      const checked = unwrap(await api.request('rules.validate', { yaml }));
      setProblems(checked.problems);
      if (checked.valid && checked.rules) {
        onImport(checked.rules);
        setImported(from);
      }
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Card title="YAML">
      <div className="rules-row">
        <button type="button" className="button" disabled={!valid} onClick={() => void exportYaml()}>
          Export YAML
        </button>
        <label className="button rules-file">
          Import YAML file…
          <input
            type="file"
            accept=".yaml,.yml,text/yaml,application/yaml"
            className="visually-hidden"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) await importYaml(await file.text(), file.name);
            }}
          />
        </label>
      </div>
      {error !== null && <ErrorNotice title="YAML" error={error} />}
      {imported && (
        <Notice tone="info" title="Imported into the draft">
          <p>{imported} is now the draft: review it, then Save.</p>
        </Notice>
      )}
      {problems.length > 0 && (
        <Notice tone="error" title="That YAML was not imported">
          <ul className="rules-problems">
            {problems.map((p, i) => (
              <li key={i}>
                {p.line !== null && <span className="mono">line {p.line}: </span>}
                {p.path && <code>{p.path}</code>} {p.message}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <label className="rules-field rules-field--wide">
        Or paste YAML
        <textarea rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} />
      </label>
      <button
        type="button"
        className="button"
        disabled={pasted.trim() === ''}
        onClick={() => void importYaml(pasted, 'The pasted YAML')}
      >
        Import pasted YAML
      </button>
      {exported && (
        <details>
          <summary>Last export</summary>
          <pre className="rules-yaml" data-testid="exported-yaml">
            {exported}
          </pre>
        </details>
      )}
    </Card>
  );
}
