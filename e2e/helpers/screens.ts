import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { REPO_ROOT, type HeadlessShell } from './headlessShell';

export interface OpenScreenOptions {
  /** The window size (default 1400×1000, the size the screenshots are made at); null keeps Playwright's. */
  viewport?: { width: number; height: number } | null;
}

/**
 * Opens one screen of a headless shell's UI the way a user does: the printed one-time URL first
 * (it trades the token for the session cookie), then the screen's route, until its title shows.
 */
export async function openScreen(
  page: Page,
  shell: HeadlessShell,
  route: string,
  heading: string,
  options: OpenScreenOptions = {},
): Promise<void> {
  const viewport = options.viewport === undefined ? { width: 1400, height: 1000 } : options.viewport;
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(shell.url);
  await page.goto(`${shell.origin}/#/${route}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/**
 * A full-page screenshot attached to the test's results. Taken from the top: a full-page shot taken
 * while scrolled paints the sticky header mid-page. With `keep`, also copied to
 * test-reports/screenshots/<keep>/, which survives the next run (Playwright empties test-results/
 * whenever it starts).
 */
export async function snapshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  options: { keep?: string } = {},
): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  if (options.keep) copyFileSync(path, join(keptScreenshots(options.keep), `${name}.png`));
}

/** test-reports/screenshots/<keep>/, created: screenshots there survive the next run. */
export function keptScreenshots(keep: string): string {
  const dir = join(REPO_ROOT, 'test-reports', 'screenshots', keep);
  mkdirSync(dir, { recursive: true });
  return dir;
}
