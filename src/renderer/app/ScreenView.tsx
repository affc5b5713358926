import { useEffect, useRef } from 'react';
import { StatusScreen } from '../features/status/StatusScreen';
import { ComingSoon } from './ComingSoon';
import { useNavigation } from './navigation';
import { SCREEN_INFO, type Screen } from './screens';

/** The current screen under its heading; focus moves to the heading when the screen changes. */
export function ScreenView() {
  const screen = useNavigation((s) => s.screen);
  const info = SCREEN_INFO[screen];
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
      {screen === 'status' ? <StatusScreen /> : <ComingSoon info={info} />}
    </article>
  );
}
