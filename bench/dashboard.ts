import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import buildUiIfStale from '../e2e/global-setup';
import { startHeadlessShell } from '../e2e/helpers/headlessShell';
import { seedSyntheticLedger } from './ledger/seedLedger';

/**
 * `npm run bench -- dashboard`: first paint of the Costs screen over a 1M-request ledger.
 *
 * Seeds a data dir with 1M requests over 90 days (the ledger bench's synthetic traffic, through the
 * real writer), starts the headless shell on it (`src/main/headless/main.ts`, as `npm run serve`
 * does) and opens `/#/costs` in Debian's Chromium (Playwright, executablePath /usr/bin/chromium).
 *
 * What is measured: from the navigation's start (the page's `performance.timeOrigin`) to the
 * presentation of the first frame that shows the "Spend over time" chart with its bars, i.e. the
 * bundle loaded and ran, the screen asked main for its reports over HTTP, SQLite answered, React
 * rendered and committed the chart's SVG, and Chromium painted and presented it. The chart's value
 * axis labels, committed with the bars, carry an Element Timing mark (`elementtiming="spend-chart"`);
 * a PerformanceObserver reports that entry's `renderTime` (the frame's presentation time) as a
 * console message, after checking the bars are in the document. (Until session 17 the time was
 * taken from a task queued by the next animation frame after the bars appeared: that is the end of
 * the main thread's frame work, 40–80 ms before the presentation that FCP reports here.) The range
 * is the screen's default (last 30 days, day buckets). The pages run in a profile on disk (see
 * below); the first navigation (empty profile, cold statement and page caches) is reported apart;
 * the figure is the median of the next ones.
 * Target (issue #9): first_paint_ms ≤ 500.
 *
 * Measured (src/renderer/features/costs/README.md has the breakdown): 1017 on a quiet machine with
 * the recharts chart; on the shared machine, back to back, at load average 10–15 medians 1337, 1823
 * and 1464 (recharts) against 696–1139 (the SVG chart); at load average 2–4, 1020 (recharts)
 * against 548 and 580 (the SVG chart, requests started before react-dom evaluates, one render).
 * Third round (quiet machine before it: 525; README has the phase by phase account): main keeps the
 * reports' answers until the ledger changes, serves the UI from memory, and React DOM left the
 * entry for a preloaded chunk so the requests leave sooner. Back to back on the shared machine
 * (every bench in a copy of the tree at HEAD, with and without the change, the same seeded
 * ledger), first_paint_ms medians of 7: load average 8–12: 847, 768, 822 → 802, 769, 750 (answers
 * kept and UI from memory only); load 2–6.5: 512, 687 → 448, 707; timeline_answered_ms 320–457
 * before against 144–310 after, in every pair. V8's allFunctionsCalledOnLoad hint was tried on
 * top and dropped: 593 with it against 436 without, back to back at load 2.5.
 */
const REQUESTS = Number(process.env['DASHBOARD_BENCH_REQUESTS'] ?? 1_000_000);
const DAYS = 90;
const RUNS = 7;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Runs in the page before its scripts: reports when the spend chart's first painted frame ends, as a
// console message. The bench waits for that message rather than polling the page with Playwright's
// waitForFunction: that compiles and runs Playwright's injected script on the page's main thread
// while the page is still loading (measured in a Chromium trace: 50–150 ms inside the measured
// window on this machine), and then polls it on every animation frame.
const PAINTED = 'switchyard-bench: chart painted at ';
const PROBE = `
  new PerformanceObserver((list, observer) => {
    const entry = list.getEntries().find((e) => e.identifier === 'spend-chart');
    if (!entry) return;
    observer.disconnect();
    const bars = document.querySelectorAll('[data-chart="spend-over-time"] [data-testid="spend-segment"]').length;
    console.debug(bars > 0 ? '${PAINTED}' + entry.renderTime : '${PAINTED}NaN (axis painted without bars)');
  }).observe({ type: 'element', buffered: true });
`;

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-dashboard-'));
console.log(`dashboard bench: seeding ${REQUESTS.toLocaleString('en')} requests over ${DAYS} days in ${dir}`);
const t0 = performance.now();
await seedSyntheticLedger(dir, REQUESTS, DAYS, (n) => console.log(`  ${n.toLocaleString('en')} written`));
console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// The shell serves the built UI: build it when missing or older than its sources, as e2e does.
buildUiIfStale();

const shell = await startHeadlessShell([], process.env, { dataDir: dir });
// A profile on disk, as the app's own renderer has (Electron's default session) and as a person's
// browser has for `npm run serve`: Chromium keeps V8's code cache for the bundle there. A
// `browser.newContext()` is off the record, and Chromium keeps no code cache for those, so React
// DOM was compiled again on every navigation (100–200 ms of main thread in a trace), which no
// user of the app pays after the first start. The first navigation (empty profile) is reported
// apart as first_paint_cold_ms.
const profileDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-dashboard-profile-'));
const timings: number[] = [];
const phaseLog: Array<{ script: number | null; timeline: number | null }> = [];
let fcp: number[] = [];
let closeBrowser = async (): Promise<void> => {};
try {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 900 },
  });
  closeBrowser = () => context.close();
  await context.addInitScript({ content: PROBE });
  const login = await context.newPage();
  await login.goto(shell.url); // sets the access cookie
  await login.close();
  const origin = new URL(shell.url).origin;
  for (let i = 0; i <= RUNS; i++) {
    const page = await context.newPage();
    const painted = page.waitForEvent('console', {
      predicate: (message) => message.text().startsWith(PAINTED),
      timeout: 60_000,
    });
    await page.goto(`${origin}/#/costs`);
    const ms = Number((await painted).text().slice(PAINTED.length));
    // Functions (serialized into the page), not strings: the page's CSP forbids eval.
    const fcpMs = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    );
    // Where the time went: the script bundle arriving, and the timeline report's answer.
    // (no named helpers inside: tsx would wrap them in a __name() the page does not have)
    const phases = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource') as unknown as Array<{
        name: string;
        responseEnd: number;
      }>;
      return {
        script: entries.find((e) => e.name.includes('/assets/index-'))?.responseEnd ?? null,
        timeline: entries.find((e) => e.name.includes('/rpc/reports.timeline'))?.responseEnd ?? null,
      };
    });
    phaseLog.push(phases);
    const total = await page.getByTestId('timeline-total').getAttribute('data-usd');
    console.log(
      `  ${i === 0 ? 'cold' : `run ${i}`}: chart painted at ${ms.toFixed(0)} ms (first contentful paint ${fcpMs?.toFixed(0) ?? '—'} ms, script loaded ${phases.script?.toFixed(0) ?? '—'} ms, timeline answered ${phases.timeline?.toFixed(0) ?? '—'} ms; 30-day total $${Number(total).toFixed(2)})`,
    );
    timings.push(ms);
    if (fcpMs !== null) fcp.push(fcpMs);
    await page.close();
  }
} finally {
  await closeBrowser();
  rmSync(profileDir, { recursive: true, force: true });
  await shell.stop(); // removes the data dir too
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const [cold, ...warm] = timings;
fcp = fcp.slice(1);
console.log(
  JSON.stringify({
    benchmark: 'dashboard',
    requests: REQUESTS,
    first_paint_ms: Math.round(median(warm)),
    first_paint_cold_ms: Math.round(cold!),
    first_paint_runs_ms: warm.map((t) => Math.round(t)),
    first_contentful_paint_ms: fcp.length ? Math.round(median(fcp)) : null,
    timeline_answered_ms: Math.round(median(phaseLog.slice(1).map((p) => p.timeline ?? NaN))),
    target_ms: 500,
    measured:
      'navigation start to the presentation of the first frame showing the spend-over-time bars (Element Timing renderTime; default range: last 30 days; profile on disk, median of 7 warm navigations)',
  }),
);
