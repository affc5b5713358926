import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
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
 * What is measured: from the navigation's start (the page's `performance.timeOrigin`) to the end of
 * the first frame painted after the "Spend over time" chart holds its bars with data, i.e. the
 * bundle loaded and ran, the screen asked main for its reports over HTTP, SQLite answered, React
 * rendered and committed the chart's SVG. A MutationObserver notices the first bar segment
 * (`data-testid="spend-segment"`); the time is taken in a task queued from the next animation
 * frame, which runs after that frame's paint, and reported as a console message. The range is the
 * screen's default (last 30 days, day buckets). The first navigation after start is reported
 * apart (cold statement and page caches); the figure is the median of the next ones.
 * Target (issue #9): first_paint_ms ≤ 500.
 *
 * Measured (src/renderer/features/costs/README.md has the breakdown): 1017 on a quiet machine with
 * the recharts chart; on the shared machine, back to back, at load average 10–15 medians 1337, 1823
 * and 1464 (recharts) against 696–1139 (the SVG chart); at load average 2–4, 1020 (recharts)
 * against 548 and 580 (the SVG chart, requests started before react-dom evaluates, one render).
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
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-chart="spend-over-time"] [data-testid="spend-segment"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { console.debug('${PAINTED}' + performance.now()); };
      channel.port2.postMessage(0);
    });
  }).observe(document, { childList: true, subtree: true });
`;

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-dashboard-'));
console.log(`dashboard bench: seeding ${REQUESTS.toLocaleString('en')} requests over ${DAYS} days in ${dir}`);
const t0 = performance.now();
await seedSyntheticLedger(dir, REQUESTS, DAYS, (n) => console.log(`  ${n.toLocaleString('en')} written`));
console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// The shell serves the built UI: build it when missing or older than its sources, as e2e does.
buildUiIfStale();

const shell = await startHeadlessShell([], process.env, { dataDir: dir });
const browser = await chromium.launch({
  executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const timings: number[] = [];
const phaseLog: Array<{ script: number | null; timeline: number | null }> = [];
let fcp: number[] = [];
try {
  const context = await browser.newContext({
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 900 },
  });
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
  await browser.close();
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
      'navigation start to the end of the first frame painted with the spend-over-time bars (default range: last 30 days)',
  }),
);
