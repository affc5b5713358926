import { BudgetsPanel } from './BudgetsPanel';
import { CostsDashboard } from './CostsDashboard';
import { useCostsStore, type CostsTab } from './costsStore';
import { useLiveCosts } from './useCostReports';
import './costs.css';

const TABS: Array<[CostsTab, string]> = [
  ['dashboard', 'Spend'],
  ['budgets', 'Budgets'],
];

export function CostsScreen() {
  useLiveCosts();
  const tab = useCostsStore((s) => s.tab);
  const setTab = useCostsStore((s) => s.setTab);
  return (
    <div className="costs-screen">
      <div className="costs-tabs" role="tablist" aria-label="Costs">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`costs-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`costs-panel-${id}`}
            className={tab === id ? 'costs-tabs__tab costs-tabs__tab--on' : 'costs-tabs__tab'}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`costs-panel-${tab}`} aria-labelledby={`costs-tab-${tab}`}>
        {tab === 'dashboard' ? <CostsDashboard /> : <BudgetsPanel />}
      </div>
    </div>
  );
}
