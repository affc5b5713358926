export const SCREENS = ['playground', 'health', 'rules', 'costs', 'settings', 'status'] as const;

export type Screen = (typeof SCREENS)[number];

export interface ScreenInfo {
  title: string;
  /** One line in the navigation. */
  hint: string;
  /** What the screen will do, said plainly while it is not built. */
  plan?: string[];
}

export const SCREEN_INFO: Record<Screen, ScreenInfo> = {
  playground: {
    title: 'Playground',
    hint: 'Try prompts, compare models',
  },
  health: {
    title: 'Health',
    hint: 'Providers and circuit breakers',
    plan: [
      'A board of every provider and model: reachable, degraded or open circuit.',
      'Recent error rates, latency and rate-limit pressure, updated live.',
      'Which providers have an API key in the keychain.',
    ],
  },
  rules: {
    title: 'Rules',
    hint: 'How requests are routed',
    plan: [
      'A visual editor for routing rules: context-size bands, complexity tiers and use-case rules.',
      'Constraints on cost, latency and quality, with a preview of the decision for a sample prompt.',
      'Export and import the rules as YAML.',
    ],
  },
  costs: {
    title: 'Costs',
    hint: 'Spend and budgets',
    plan: [
      'Spend from the local ledger by provider, model and use case over time.',
      'Budgets by scope and window, with what is reserved, spent and left.',
      'Alerts when a budget nears its limit, and what the router does then.',
    ],
  },
  settings: {
    title: 'Settings',
    hint: 'Keys and providers',
  },
  status: {
    title: 'Status',
    hint: 'Versions, database, keychain',
  },
};

/** Status is the only screen built so far, so it is where the app opens. */
export const DEFAULT_SCREEN: Screen = 'status';

export const isScreen = (s: string): s is Screen => (SCREENS as readonly string[]).includes(s);
