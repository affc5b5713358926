export const SCREENS = ['playground', 'health', 'rules', 'learning', 'costs', 'settings', 'status'] as const;

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
  },
  rules: {
    title: 'Rules',
    hint: 'How requests are routed',
  },
  learning: {
    title: 'Learning',
    hint: 'Votes, live stats, A/B tests',
  },
  costs: {
    title: 'Costs',
    hint: 'Spend and budgets',
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

/** The Playground is the screen people open first: paste a prompt, see the route, run it. */
export const DEFAULT_SCREEN: Screen = 'playground';

export const isScreen = (s: string): s is Screen => (SCREENS as readonly string[]).includes(s);
