// `npm test`: the whole suite — typecheck, lint, format check, build, vitest (main + renderer) and
// Playwright e2e in Chromium — then one summary line `switchyard: N passed, N failed, N skipped`.
// On Linux it re-runs itself inside a private D-Bus session with an unlocked GNOME Keyring, so the
// keychain tests always meet a real Secret Service.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (process.platform === 'linux' && !process.env.SWITCHYARD_IN_KEYRING) {
  if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
    const r = spawnSync(join(root, 'scripts/with-keyring.sh'), [process.execPath, ...process.argv.slice(1)], {
      stdio: 'inherit',
      cwd: root,
    });
    process.exit(r.status ?? 1);
  }
  console.warn(
    'note: dbus-run-session or gnome-keyring-daemon is missing, so the keychain tests will meet no Secret Service and fail. Install them: apt-get install -y dbus gnome-keyring libsecret-1-dev',
  );
}

// Not under test-results/: Playwright empties that folder when it starts.
const reports = join(root, 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');

const steps = [
  ['typecheck', 'npx', ['tsc', '-b', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['build', 'npx', ['electron-vite', 'build']],
  [
    'unit',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  ],
  [
    'e2e',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  ],
];

const failedSteps = [];
for (const [name, cmd, args, env] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${secs}s`);
  if (r.status !== 0) failedSteps.push(name);
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const skippedReasons = [];
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  counts.passed += v.numPassedTests ?? 0;
  counts.failed += v.numFailedTests ?? 0;
  counts.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const status = t.status; // expected | unexpected | flaky | skipped
        if (status === 'skipped') {
          counts.skipped++;
          const reason = t.annotations?.find((a) => a.type === 'skip')?.description;
          skippedReasons.push(`${spec.title}: ${reason ?? 'skipped'}`);
        } else if (status === 'unexpected') counts.failed++;
        else counts.passed++;
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of p.suites ?? []) walk(s);
}

console.log('');
for (const r of skippedReasons) console.log(`skipped: ${r}`);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
// A failed step that is not a test runner (typecheck, lint, format, build) counts as one failure.
const stepFailures = failedSteps.filter((s) => s !== 'unit' && s !== 'e2e').length;
const unitOrE2eCrashed = failedSteps.some((s) => s === 'unit' || s === 'e2e') && counts.failed === 0 ? 1 : 0;
console.log(
  `switchyard: ${counts.passed} passed, ${counts.failed + stepFailures + unitOrE2eCrashed} failed, ${counts.skipped} skipped`,
);
process.exit(failedSteps.length ? 1 : 0);
