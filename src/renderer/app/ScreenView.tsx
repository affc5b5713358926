import { lazy, Suspense, useEffect, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { Notice } from '../ui/Notice';
import { ComingSoon } from './ComingSoon';
import { useNavigation } from './navigation';
import { SCREEN_INFO, type Screen } from './screens';

type ScreenModule = () => Promise<ComponentType>;

/**
 * Screens that are built, each in its own chunk: opening `#/costs` downloads, parses and runs the
 * Costs screen and recharts, not the Playground, the rules editor or zod (which the contract's
 * constants pull into other screens). With every screen imported eagerly the one bundle was ~1 MB
 * and took ~400 ms to evaluate before the first screen could ask for its data
 * (`npm run bench -- dashboard`, see src/renderer/features/costs/README.md). The others show what
 * they will do.
 */
const SCREEN_MODULES: Partial<Record<Screen, ScreenModule>> = {
  playground: () => import('../features/playground/PlaygroundScreen').then((m) => m.PlaygroundScreen),
  rules: () => import('../features/rules/RulesScreen').then((m) => m.RulesScreen),
  status: () => import('../features/status/StatusScreen').then((m) => m.StatusScreen),
  settings: () => import('../features/settings/SettingsScreen').then((m) => m.SettingsScreen),
  costs: () => import('../features/costs/CostsScreen').then((m) => m.CostsScreen),
  health: () => import('../features/health/HealthScreen').then((m) => m.HealthScreen),
  learning: () => import('../features/learning/LearningScreen').then((m) => m.LearningScreen),
};

/** Screens whose chunk has arrived. */
const LOADED = new Map<Screen, ComponentType>();

/** Fetches and runs a screen's chunk (once); the app starts its first screen's before React renders. */
export async function loadScreen(screen: Screen): Promise<void> {
  const load = SCREEN_MODULES[screen];
  if (load && !LOADED.has(screen)) LOADED.set(screen, await load());
}

type LazyModule = Promise<{ default: ComponentType }>;

/**
 * A lazy screen whose chunk has already arrived renders at once: React.lazy takes a thenable that
 * calls back synchronously as resolved (its initializer checks right after calling `then`), so
 * there is no one-frame fallback for it.
 */
function lazyScreen(screen: Screen) {
  return lazy((): LazyModule => {
    const loaded = LOADED.get(screen);
    if (!loaded) return loadScreen(screen).then(() => ({ default: LOADED.get(screen)! }));
    const module = { default: loaded };
    // React.lazy only ever calls `then` on what it is given.
    return { then: (resolve: (m: typeof module) => void) => resolve(module) } as unknown as LazyModule;
  });
}

const LAZY = Object.fromEntries(
  (Object.keys(SCREEN_MODULES) as Screen[]).map((screen) => [screen, lazyScreen(screen)]),
) as Partial<Record<Screen, LazyExoticComponent<ComponentType>>>;

/** The current screen under its heading; focus moves to the heading when the screen changes. */
export function ScreenView() {
  const screen = useNavigation((s) => s.screen);
  const info = SCREEN_INFO[screen];
  const Built = LAZY[screen];
  const heading = useRef<HTMLHeadingElement>(null);
  const previous = useRef<Screen>(screen);

  useEffect(() => {
    document.title = `${info.title} · Switchyard`;
    if (previous.current !== screen) heading.current?.focus();
    previous.current = screen;
  }, [screen, info.title]);

  return (
    <article className="screen" aria-labelledby="screen-title">
      <h1 className="screen__title" id="screen-title" tabIndex={-1} ref={heading}>
        {info.title}
      </h1>
      {Built ? (
        <ErrorBoundary FallbackComponent={ScreenLoadFailed} resetKeys={[screen]}>
          <Suspense fallback={<ScreenLoading />}>
            <Built />
          </Suspense>
        </ErrorBoundary>
      ) : (
        <ComingSoon info={info} />
      )}
    </article>
  );
}

function ScreenLoading() {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading…
    </div>
  );
}

/** A screen's code that cannot be fetched (the shell was rebuilt or stopped) or that threw while drawing. */
function ScreenLoadFailed({ error }: FallbackProps) {
  return (
    <Notice tone="error" title="This screen could not be shown">
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    </Notice>
  );
}
