import { test as base } from '@playwright/test';
import { startHeadlessShell, type HeadlessShell } from './headlessShell';

/** One headless shell per worker (a fresh data dir each); every test gets a fresh browser context. */
export const test = base.extend<object, { shell: HeadlessShell }>({
  shell: [
    // Playwright reads the fixture's dependencies from this destructuring, so it must stay a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const shell = await startHeadlessShell();
      try {
        await use(shell);
      } finally {
        await shell.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

export { expect } from '@playwright/test';
