import type { ReactNode } from 'react';
import { BatchView } from './BatchView';
import { LargeTaskView } from './LargeTaskView';
import { usePlaygroundTab, type PlaygroundTab } from './tasksStore';
import './tasks.css';

const TABS: { tab: PlaygroundTab; label: string }[] = [
  { tab: 'prompt', label: 'Prompt' },
  { tab: 'task', label: 'Large task' },
  { tab: 'batch', label: 'Batch' },
];

/** The playground's tabs: `children` is the prompt playground; the others are heavy tasks and batches. */
export function PlaygroundTabs({ children }: { children: ReactNode }) {
  const tab = usePlaygroundTab((s) => s.tab);
  const setTab = usePlaygroundTab((s) => s.setTab);
  return (
    <>
      <div className="tk-tabs" role="tablist" aria-label="Playground">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            id={`tk-tab-${t.tab}`}
            aria-selected={tab === t.tab}
            className={tab === t.tab ? 'tk-tab tk-tab--on' : 'tk-tab'}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-labelledby={`tk-tab-${tab}`} className="tk-panel">
        {tab === 'prompt' ? children : tab === 'task' ? <LargeTaskView /> : <BatchView />}
      </div>
    </>
  );
}
