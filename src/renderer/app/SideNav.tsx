import { hrefFor, useNavigation } from './navigation';
import { SCREEN_INFO, SCREENS } from './screens';

export function SideNav() {
  const current = useNavigation((s) => s.screen);
  return (
    <nav className="side-nav" aria-label="Screens">
      <ul>
        {SCREENS.map((screen) => {
          const info = SCREEN_INFO[screen];
          const active = screen === current;
          return (
            <li key={screen}>
              <a
                href={hrefFor(screen)}
                className={active ? 'side-nav__link side-nav__link--active' : 'side-nav__link'}
                aria-current={active ? 'page' : undefined}
              >
                <span className="side-nav__title">{info.title}</span>
                <span className={info.plan ? 'side-nav__hint side-nav__hint--soon' : 'side-nav__hint'}>
                  {info.plan ? 'Coming soon' : info.hint}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
