import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/headlessShell';

const BUILT_INDEX = join(REPO_ROOT, 'out/renderer/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The headless shell serves the built UI, so build it once when it is missing or older than its sources. */
export default function globalSetup(): void {
  const sources = Math.max(
    newestMtime(join(REPO_ROOT, 'src/renderer')),
    newestMtime(join(REPO_ROOT, 'src/shared')),
  );
  if (existsSync(BUILT_INDEX) && statSync(BUILT_INDEX).mtimeMs >= sources) return;
  console.log('[e2e] building the UI (electron-vite build)…');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0)
    throw new Error(`electron-vite build failed (exit ${build.status ?? build.signal})`);
}
