/**
 * Soak test of the production build (`npm run soak`): an hour-long lesson at full load, compressed.
 *
 * Serves `dist/` with `vite preview` on a free port and opens the stress scenario at 64 VMs with
 * its full traffic (30,000 packets in flight, the bench:ui case) in headless Chromium, playing at
 * the fastest speed (1 ms of simulated time per second) with the event log and metrics panel open
 * and a packet followed in the inspector, for SOAK_MINUTES of wall time. The frame-rate limit is
 * off (as in bench:ui), so a slowdown shows as a lower frame rate instead of hiding under vsync.
 *
 * Every minute it prints: the JS heap after a forced GC (CDP `HeapProfiler.collectGarbage` twice,
 * then `Performance.getMetrics` JSHeapUsedSize), the frame rate over that minute (rAF frames ÷
 * wall seconds, GC pauses excluded), the event log (events held / capacity, rolled off), the
 * "because" notes, the page's DOM nodes, the address bar's length, and the accounting identity
 * sent = delivered + dropped + in flight from the engine. It ends with the trend of each and a
 * verdict; the exit code is non-zero only if the identity breaks, the event log is not bounded,
 * the heap grew by more than SOAK_MAX_GROWTH (default 25 %) from the first to the last minute,
 * or the page threw.
 *
 * Environment: SOAK_MINUTES (30), SOAK_VMS (64), SOAK_PACKETS (30000), SOAK_SPEED (1ms),
 * SOAK_WARMUP_S (60: wall seconds before the first sample, so pools and bounded buffers fill),
 * SOAK_MAX_GROWTH (0.25), SOAK_UNCAPPED (1), SOAK_DIST (serve this build directory instead of `dist/`,
 * e.g. a copy, so rebuilding during a long soak does not swap the page's files).
 */
import { loadavg } from 'node:os';
import { chromium } from 'playwright';
import { startPreview } from './preview';
import { chromiumArgs, findChromium } from '../scripts/chromium-path.mjs';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const VMS = Number(process.env.SOAK_VMS ?? 64);
const PACKETS = Number(process.env.SOAK_PACKETS ?? 30_000);
const SPEED = process.env.SOAK_SPEED ?? '1ms';
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? 60);
const MAX_GROWTH = Number(process.env.SOAK_MAX_GROWTH ?? 0.25);
const UNCAPPED = process.env.SOAK_UNCAPPED !== '0';
const LOG_CAPACITY = 50_000;

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** Installed before the app: counts animation frames, so the frame rate can be read per minute. */
const FRAME_COUNTER = `
  window.__soakFrames = 0;
  (function tick() { window.__soakFrames++; requestAnimationFrame(tick); })();
`;

/** Everything read from the page each minute (one evaluate, as source text: tsx adds no helpers). */
const READ = `(function () {
  var h = window.hvv, s = h.stats(), st = h.state();
  return {
    frames: window.__soakFrames, now: performance.now(),
    held: h.trace({ limit: Number.MAX_SAFE_INTEGER }).length, events: s.events,
    sent: s.sent, delivered: s.delivered, dropped: s.dropped, inFlight: s.inFlight, simTimeNs: s.simTimeNs,
    notes: st.notes.length, dom: document.getElementsByTagName('*').length, url: location.href.length,
    playing: st.playing,
  };
})()`;

interface Reading {
  frames: number;
  now: number;
  held: number;
  events: number;
  sent: number;
  delivered: number;
  dropped: number;
  inFlight: number;
  simTimeNs: number;
  notes: number;
  dom: number;
  url: number;
  playing: boolean;
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium: run `node scripts/ensure-chromium.mjs`');
  const preview = await startPreview(60_000, process.env.SOAK_DIST);
  const browser = await chromium.launch({ executablePath, args: [...chromiumArgs, ...(UNCAPPED ? ['--disable-gpu-vsync', '--disable-frame-rate-limit'] : [])] });
  let failed = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript({ content: FRAME_COUNTER });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    /** Heap after GC, and how long the GC took (excluded from the frame rate). */
    const heap = async () => {
      const t0 = Date.now();
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return { bytes: metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN, ms: Date.now() - t0 };
    };

    await page.goto(`${preview.base}/?lang=en&scenario=stress&vms=${VMS}&packets=${PACKETS}&speed=${SPEED}&play=1`);
    await page.waitForFunction(() => typeof (window as unknown as { hvv?: unknown }).hvv === 'object', undefined, { timeout: 60_000 });
    const log = page.getByRole('button', { name: 'Event log', exact: true, expanded: false });
    if (await log.isVisible()) await log.click();
    await page.getByTestId('metrics-button').click();
    await page.getByTestId('metrics-panel').waitFor({ timeout: 30_000 });
    // Follow a packet in the inspector (it is delivered within the first minute; the inspector then shows its history).
    await page.evaluate('(function () { var e = window.hvv.trace({ limit: 50 }).find(function (x) { return x.packet !== null; }); if (e) window.hvv.select(e.packet); })()');
    await page.evaluate('window.hvv.play()');

    console.log(`soak: stress, ${VMS} VMs, packets=${PACKETS}, speed ${SPEED}/s, ${UNCAPPED ? 'uncapped' : 'vsync'} frames, ${MINUTES} min after ${WARMUP_S} s warm-up; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    await page.waitForTimeout(WARMUP_S * 1000);
    console.log(
      `${pad('min', 4)} ${pad('heap MiB', 9)} ${pad('fps', 6)} ${pad('log held', 9)} ${pad('rolled off', 11)} ${pad('notes', 6)} ${pad('DOM', 6)} ${pad('URL', 5)} ${pad('sim ms', 8)} ${pad('sent', 10)} ${pad('deliv.', 10)} ${pad('dropped', 8)} ${pad('in flight', 9)} identity`,
    );
    const rows: { min: number; heap: number; fps: number; r: Reading }[] = [];
    let h = await heap();
    let prev = (await page.evaluate(READ)) as Reading;
    let gcMs = 0;
    const start = Date.now();
    for (let min = 1; min <= MINUTES; min++) {
      await page.waitForTimeout(Math.max(0, start + min * 60_000 - Date.now()));
      const r = (await page.evaluate(READ)) as Reading;
      const fps = ((r.frames - prev.frames) * 1000) / Math.max(1, r.now - prev.now - gcMs);
      h = await heap();
      gcMs = h.ms;
      const identity = r.sent === r.delivered + r.dropped + r.inFlight;
      if (!identity) failed = true;
      rows.push({ min, heap: h.bytes, fps, r });
      console.log(
        `${pad(min, 4)} ${pad(mib(h.bytes), 9)} ${pad(fps.toFixed(1), 6)} ${pad(r.held, 9)} ${pad(Math.max(0, r.events - r.held), 11)} ${pad(r.notes, 6)} ${pad(r.dom, 6)} ${pad(r.url, 5)} ${pad((r.simTimeNs / 1e6).toFixed(1), 8)} ${pad(r.sent, 10)} ${pad(r.delivered, 10)} ${pad(r.dropped, 8)} ${pad(r.inFlight, 9)} ${identity ? 'holds' : 'BROKEN'}`,
      );
      prev = (await page.evaluate(READ)) as Reading;
    }
    if (rows.length === 0) throw new Error('SOAK_MINUTES must be at least 1');
    const first = rows[0] as (typeof rows)[number];
    const last = rows[rows.length - 1] as (typeof rows)[number];
    const mins = rows.map((x) => x.min);
    const trend = (f: (x: (typeof rows)[number]) => number) => slope(mins, rows.map(f));
    const growth = (last.heap - first.heap) / first.heap;
    console.log(`trend per minute: heap ${(trend((x) => x.heap) / 1024).toFixed(1)} KiB, fps ${trend((x) => x.fps).toFixed(2)}, DOM nodes ${trend((x) => x.r.dom).toFixed(1)}, notes ${trend((x) => x.r.notes).toFixed(2)}, URL ${trend((x) => x.r.url).toFixed(1)} chars`);
    const bounded = rows.every((x) => x.r.held <= LOG_CAPACITY);
    const flat = growth <= MAX_GROWTH;
    const playing = rows.every((x) => x.r.playing);
    if (errors.length) console.log(`page errors: ${errors.slice(0, 5).join(' | ')}`);
    console.log(
      `verdict: heap ${flat ? 'flat' : 'GREW'} (${(growth * 100).toFixed(1)} % first to last minute, limit ${(MAX_GROWTH * 100).toFixed(0)} %), event log ${bounded ? 'bounded' : 'NOT bounded'} (capacity ${LOG_CAPACITY}), identity ${failed ? 'BROKEN' : 'holds every minute'}, ${playing ? 'played throughout' : 'STOPPED playing'}, ${errors.length} page errors; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    );
    process.exitCode = flat && bounded && !failed && playing && errors.length === 0 ? 0 : 1;
  } finally {
    await browser.close();
    preview.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`soak: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
