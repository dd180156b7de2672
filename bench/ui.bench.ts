/**
 * Frame-rate benchmark of the live diagram (`npm run bench:ui`, after `npm run build`).
 *
 * Serves the production build with `vite preview` on a free port, opens
 * `?scenario=stress&vms=16&packets=N` in headless Chromium for N = 1,000 / 3,000 / 10,000 (a fresh
 * browser context per run), warms up, samples requestAnimationFrame intervals for a few seconds,
 * counts long tasks, reads the JS heap after a forced GC over CDP, and reads how many packets
 * were in flight (`window.hvv.stats().inFlight`) and drawn (the overlay canvas' `data-drawn`).
 * It prints figures; it does not pass or fail (noise here is about ±10 %).
 *
 * Before sampling, the simulation is fast-forwarded (`hvv.advance`, 1.5 ms of simulated time) to
 * its steady state, then plays at the app's default speed.
 *
 * Options (environment): BENCH_RUNS (default 3), BENCH_SECONDS (default 5), BENCH_WARMUP_MS
 * (default 2500), BENCH_PACKETS (comma list, default 1000,3000,10000), BENCH_VIEWPORT (1600x900).
 */
import { startPreview } from './preview';
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, findChromium } from '../scripts/chromium-path.mjs';
import { median, summarizeFrames, type FrameSummary } from './uiStats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 2500);
const PACKETS = (process.env.BENCH_PACKETS ?? '1000,3000,10000').split(',').map(Number);
const FAST_FORWARD_NS = Number(process.env.BENCH_FASTFORWARD_NS ?? 1_500_000);
const FAST_FORWARD_STEPS = 6;
const [VW, VH] = (process.env.BENCH_VIEWPORT ?? '1600x900').split('x').map(Number) as [number, number];


/** Installed before the app loads: collects long tasks. */
const LONGTASKS = `
  window.__longTasks = [];
  try {
    new PerformanceObserver(function (list) {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
`;

/** Samples rAF intervals for SECONDS, with the in-flight count every 30 frames. */
const SAMPLER = `new Promise(function (resolve) {
  var t0 = performance.now(), last = t0, intervals = [], inFlight = [];
  function tick(t) {
    intervals.push(t - last);
    last = t;
    if (intervals.length % 30 === 0 && window.hvv) inFlight.push(window.hvv.stats().inFlight);
    if (t - t0 < SECONDS * 1000) requestAnimationFrame(tick);
    else {
      var lt = window.__longTasks.filter(function (x) { return x.start >= t0; });
      var c = document.querySelector('[data-testid=packet-overlay]');
      resolve({
        intervals: intervals.slice(1),
        longTasks: lt.length,
        longTaskMs: lt.reduce(function (a, x) { return a + x.duration; }, 0),
        inFlight: inFlight,
        drawn: Number(c ? c.getAttribute('data-drawn') : 0),
        speed: window.hvv ? window.hvv.state().speed : 0,
      });
    }
  }
  requestAnimationFrame(tick);
})`;

interface RunResult extends FrameSummary {
  longTasks: number;
  longTaskMs: number;
  heapMb: number;
  inFlight: number;
  drawn: number;
}

async function measure(browser: Browser, base: string, packets: number): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: VW, height: VH } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript({ content: LONGTASKS });
  await page.goto(`${base}/?scenario=stress&vms=16&packets=${packets}`);
  await page.waitForSelector('[data-testid=packet-overlay]', { timeout: 30_000 });
  // Reach the steady state first (the stress traffic needs about 1 ms of simulated time to fill
  // the host), then play at the app's normal speed so the figures measure drawing, not a catch-up.
  const hasHvv = await page.evaluate('typeof window.hvv === "object"');
  if (hasHvv) {
    for (let i = 0; i < FAST_FORWARD_STEPS; i++) await page.evaluate(`window.hvv.advance(${FAST_FORWARD_NS / FAST_FORWARD_STEPS})`);
    await page.evaluate('window.hvv.play()');
  } else console.warn('  window.hvv missing: measuring without fast-forward');
  await page.waitForTimeout(WARMUP_MS);

  // Passed as source text: tsx would otherwise inject helpers (__name) the page does not have.
  const sample = (await page.evaluate(SAMPLER.replace('SECONDS', String(SECONDS)))) as {
    intervals: number[];
    longTasks: number;
    longTaskMs: number;
    inFlight: number[];
    drawn: number;
    speed: number;
  };
  if (!speedShown) {
    speedShown = true;
    console.log(`  (playback ${sample.speed} simulated ns per second)`);
  }

  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  await context.close();
  if (errors.length) console.warn(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
  return {
    ...summarizeFrames(sample.intervals),
    longTasks: sample.longTasks,
    longTaskMs: sample.longTaskMs,
    heapMb: heap / 2 ** 20,
    inFlight: median(sample.inFlight.filter((x) => x >= 0)),
    drawn: sample.drawn,
  };
}

let speedShown = false;
const pad = (s: string | number, n: number) => String(s).padStart(n);

async function main() {
  const { base, stop } = await startPreview(30_000);
  try {
    const executablePath = findChromium();
    const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
    console.log(`bench:ui — ${VW}×${VH}, 16 VMs, ${RUNS} run(s) × ${SECONDS} s after ${WARMUP_MS} ms warm-up, chromium ${browser.version()}`);
    console.log(
      `${pad('packets', 8)} ${pad('run', 4)} ${pad('fps(med)', 9)} ${pad('p95 ms', 7)} ${pad('p99 ms', 7)} ${pad('>25ms', 6)} ${pad('longtasks', 10)} ${pad('heap MB', 8)} ${pad('in flight', 10)} ${pad('drawn', 6)}`,
    );
    console.log(
      `${pad('', 8)} ${pad('', 4)} ${pad('', 9)} ${pad('', 7)} ${pad('', 7)} ${pad('', 6)} ${pad('', 10)} ${pad('', 8)} ${pad('(engine)', 10)} ${pad('(canvas)', 6)}`,
    );
    const rows: { packets: number; r: RunResult }[] = [];
    for (const n of PACKETS) {
      const runs: RunResult[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await measure(browser, base, n);
        runs.push(r);
        console.log(
          `${pad(n, 8)} ${pad(i + 1, 4)} ${pad(r.fpsMedian.toFixed(1), 9)} ${pad(r.p95.toFixed(1), 7)} ${pad(r.p99.toFixed(1), 7)} ${pad(r.over25, 6)} ${pad(`${r.longTasks} (${Math.round(r.longTaskMs)}ms)`, 10)} ${pad(r.heapMb.toFixed(1), 8)} ${pad(Math.round(r.inFlight), 10)} ${pad(r.drawn, 6)}`,
        );
      }
      const med = (f: (r: RunResult) => number) => median(runs.map(f));
      rows.push({
        packets: n,
        r: {
          fpsMedian: med((r) => r.fpsMedian),
          fpsMean: med((r) => r.fpsMean),
          p95: med((r) => r.p95),
          p99: med((r) => r.p99),
          over25: med((r) => r.over25),
          frames: med((r) => r.frames),
          longTasks: med((r) => r.longTasks),
          longTaskMs: med((r) => r.longTaskMs),
          heapMb: med((r) => r.heapMb),
          inFlight: med((r) => r.inFlight),
          drawn: med((r) => r.drawn),
        },
      });
    }
    await browser.close();
    console.log('\nmedian of runs');
    console.log(`${pad('packets', 8)} ${pad('fps(med)', 9)} ${pad('p95 ms', 7)} ${pad('long tasks', 11)} ${pad('heap MB', 8)} ${pad('in flight', 10)}   target`);
    for (const { packets, r } of rows) {
      const target = packets === 3000 ? '≥ 55 fps, p95 < 25 ms' : packets === 10000 ? '≥ 45 fps' : '';
      console.log(
        `${pad(packets, 8)} ${pad(r.fpsMedian.toFixed(1), 9)} ${pad(r.p95.toFixed(1), 7)} ${pad(r.longTasks, 11)} ${pad(r.heapMb.toFixed(1), 8)} ${pad(Math.round(r.inFlight), 10)}   ${target}`,
      );
    }
  } finally {
    stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
