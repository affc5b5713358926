import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { loadScreen } from '../app/ScreenView';
import { SCREENS } from '../app/screens';

// Screens are separate chunks in the app (React.lazy); tests render them as soon as the app does,
// as the app itself does for a screen whose chunk has already arrived.
beforeAll(async () => {
  await Promise.all(SCREENS.map(loadScreen));
});

// findBy*/waitFor give up after 1 s by default: a fake request and a React render can take longer
// than that on a 2-core CI machine running both test projects at once. This is an upper bound on
// waiting for what must appear, not a timing target; a test that passes still passes at once.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
});
