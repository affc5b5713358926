import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import buildUiIfStale from '../e2e/global-setup';
import { startHeadlessShell } from '../e2e/helpers/headlessShell';

/**
 * `npm run bench -- playground-typing`: input latency while typing into a ~100k-token prompt.
 *
 * Starts the headless shell with `--simulate` (as `npm run serve -- --simulate` does), opens the
 * Playground in Debian's Chromium, puts a 450,000-character prompt (~100k tokens) in the user
 * message, waits for its route preview, then types at the end of it in bursts: 20 keys 40 ms apart,
 * a 600 ms pause (the preview's 300 ms debounce fires and `routing.decide` counts 100k tokens in
 * main, its answer rendering while the next burst is typed), and so on.
 *
 * What is measured, per keystroke: from the key event's timestamp to the end of the next frame
 * painted after it (a task queued from the following animation frame), i.e. how long the person
 * waits to see the character. Also the long tasks (> 50 ms) on the page's main thread while typing
 * and the routing calls made. The same typing into a bare textarea holding the same text, in the
 * same browser, is measured first: that is the browser's own cost of editing 450k characters, which
 * no app can go below; `app_over_bare_p50_ms` is what the Playground adds (routing included).
 * Target (issue #7): no keystroke lost, and the Playground within 16 ms (a frame) of the bare
 * textarea at p50 and within 1.2× of its p95. (An absolute p95 of 50 ms, the earlier target, is
 * out of reach of any page here: the bare textarea alone measured p95 123–157 ms on an idle
 * machine, Chromium laying out 450 KB of text per key.)
 *
 * Where a key's time goes (Chromium trace, devtools.timeline + blink categories, main-thread
 * thread time per key over 20-key bursts, 2026-11-28): the bare textarea ~100 ms, nearly all line
 * layout of the text (~40–50 ms), pre-paint (~20–25 ms) and re-shaping (~15 ms). The Playground
 * spends the same plus ~1 ms in the `input` event and ~2 ms more paint; it spent ~4 ms more in the
 * `selectionchange` task (React's document listener) until DraftTextarea kept the event from it.
 * The rest of the difference at p95 is CPU taken by other processes on the 2 cores (the shell's
 * routing.decide for 100k tokens after each pause, the compositor and raster threads of a larger
 * page), so p95 moves with the machine's load far more than p50; compare runs back to back.
 */
const REPEATS = 10_000; // 45 characters, ~10 tokens each
const BURSTS = 4;
const KEYS_PER_BURST = 20;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// Runs in the page before its scripts: per key event, the time until the next frame has painted;
// and every long task. (A string: the page's CSP forbids eval, and tsx would wrap named helpers.)
const PROBE = `
  window.__keyLatencies = [];
  window.__longTasks = [];
  document.addEventListener('keydown', (e) => {
    const at = e.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__keyLatencies.push(performance.now() - at);
      channel.port2.postMessage(0);
    });
  }, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
`;

type Probe = { __keyLatencies: number[]; __longTasks: number[] };

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-typing-'));
// The shell serves the built UI: build it when missing or older than its sources, as e2e does.
buildUiIfStale();
const shell = await startHeadlessShell(['--simulate'], process.env, { dataDir: dir });
const browser = await chromium.launch({
  executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const prompt = 'The quick brown fox jumps over the lazy dog. '.repeat(REPEATS);
let result: Record<string, unknown>;
const typed = ' and then more words';
const burstText = typed.repeat(2).slice(0, KEYS_PER_BURST);
try {
  // The reference: the same typing into a bare textarea holding the same prompt, no app around it.
  // Whatever the browser itself spends on a 450k-character textarea shows here.
  const bare = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await bare.setContent(
    '<textarea id="t" spellcheck="false" style="width:440px;height:200px;font-family:monospace"></textarea>',
  );
  await bare.evaluate(PROBE);
  await bare.locator('#t').fill(prompt);
  await bare.locator('#t').press('End');
  await bare.evaluate(() => {
    (globalThis as unknown as Probe).__keyLatencies.length = 0;
  });
  for (let b = 0; b < BURSTS; b++) {
    await bare.locator('#t').pressSequentially(burstText, { delay: 40 });
    await bare.waitForTimeout(600);
  }
  const bareLatencies = await bare.evaluate(() => [...(globalThis as unknown as Probe).__keyLatencies]);
  await bare.close();
  console.log(
    `  bare textarea: keystroke to paint p50 ${percentile(bareLatencies, 50).toFixed(1)} ms, p95 ${percentile(bareLatencies, 95).toFixed(1)} ms`,
  );

  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript({ content: PROBE });
  const page = await context.newPage();
  await page.goto(shell.url);
  await page.goto(`${new URL(shell.url).origin}/#/playground`);
  const box = page.getByLabel('User message');
  await box.fill(prompt);
  const estimate = page.getByRole('region', { name: 'Route preview' }).getByLabel('Estimate');
  await estimate.getByText(/\d{2,3},\d{3} in/).waitFor({ timeout: 60_000 });
  const tokens = ((await estimate.textContent()) ?? '').match(/([\d,]+) in/)?.[1] ?? null;
  await box.press('End');
  await page.evaluate(() => {
    const probe = globalThis as unknown as Probe;
    probe.__keyLatencies.length = 0;
    probe.__longTasks.length = 0;
  });

  let routingCalls = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/rpc/routing.decide')) routingCalls += 1;
  });
  for (let b = 0; b < BURSTS; b++) {
    await box.pressSequentially(burstText, { delay: 40 });
    await page.waitForTimeout(600);
  }
  await page.getByRole('region', { name: 'Route preview' }).getByText('Up to date').waitFor();
  const value = await box.inputValue();
  const expected = prompt + burstText.repeat(BURSTS);
  const { latencies, longTasks } = await page.evaluate(() => {
    const probe = globalThis as unknown as Probe;
    return { latencies: [...probe.__keyLatencies], longTasks: [...probe.__longTasks] };
  });
  for (let b = 0; b < BURSTS; b++) {
    const burst = latencies.slice(b * KEYS_PER_BURST, (b + 1) * KEYS_PER_BURST);
    console.log(
      `  burst ${b + 1}: keystroke to paint p50 ${percentile(burst, 50).toFixed(1)} ms, max ${Math.max(...burst).toFixed(1)} ms`,
    );
  }
  result = {
    benchmark: 'playground-typing',
    prompt_chars: prompt.length,
    prompt_tokens: tokens === null ? null : Number(tokens.replaceAll(',', '')),
    keystrokes: latencies.length,
    keystrokes_lost: value === expected ? 0 : Math.abs(expected.length - value.length) || 1,
    input_latency_p50_ms: Number(percentile(latencies, 50).toFixed(1)),
    input_latency_p95_ms: Number(percentile(latencies, 95).toFixed(1)),
    input_latency_max_ms: Number(Math.max(...latencies).toFixed(1)),
    bare_textarea_p50_ms: Number(percentile(bareLatencies, 50).toFixed(1)),
    bare_textarea_p95_ms: Number(percentile(bareLatencies, 95).toFixed(1)),
    app_over_bare_p50_ms: Number((percentile(latencies, 50) - percentile(bareLatencies, 50)).toFixed(1)),
    app_over_bare_p95_ratio: Number((percentile(latencies, 95) / percentile(bareLatencies, 95)).toFixed(2)),
    long_tasks: longTasks.length,
    long_task_max_ms: longTasks.length ? Math.round(Math.max(...longTasks)) : 0,
    routing_calls: routingCalls,
    target_over_bare_p50_ms: 16,
    target_over_bare_p95_ratio: 1.2,
    measured: 'key event timestamp to the end of the next painted frame, typing at the end of the prompt',
  };
} finally {
  await browser.close();
  await shell.stop(); // removes the data dir too
}
console.log(JSON.stringify(result));
