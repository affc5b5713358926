import { useEffect, useRef, type ComponentType } from 'react';
import { CostsScreen } from '../features/costs/CostsScreen';
import { HealthScreen } from '../features/health/HealthScreen';
import { LearningScreen } from '../features/learning/LearningScreen';
import { PlaygroundScreen } from '../features/playground/PlaygroundScreen';
import { RulesScreen } from '../features/rules/RulesScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StatusScreen } from '../features/status/StatusScreen';
import { ComingSoon } from './ComingSoon';
import { useNavigation } from './navigation';
import { SCREEN_INFO, type Screen } from './screens';

/** Screens that are built; the others show what they will do. */
const BUILT: Partial<Record<Screen, ComponentType>> = {
  playground: PlaygroundScreen,
  rules: RulesScreen,
  status: StatusScreen,
  settings: SettingsScreen,
  costs: CostsScreen,
  health: HealthScreen,
  learning: LearningScreen,
};

/** The current screen under its heading; focus moves to the heading when the screen changes. */
export function ScreenView() {
  const screen = useNavigation((s) => s.screen);
  const info = SCREEN_INFO[screen];
  const Built = BUILT[screen];
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
      {Built ? <Built /> : <ComingSoon info={info} />}
    </article>
  );
}
