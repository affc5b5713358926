import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { loadScreen } from '../app/ScreenView';
import { SCREENS } from '../app/screens';

// Screens are separate chunks in the app (React.lazy); tests render them as soon as the app does,
// as the app itself does for a screen whose chunk has already arrived.
beforeAll(async () => {
  await Promise.all(SCREENS.map(loadScreen));
});

afterEach(() => {
  cleanup();
});
