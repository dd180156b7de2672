/**
 * Soak test of the production build (`npm run soak`, after `npm run build`).
 *
 * Serves `dist/` with `vite preview` on a free port, opens the `stress` scenario in headless
 * Chromium with the metrics panel open, and drives simulated time forward in chunks with
 * `window.hvv.advance()` (one animation frame between chunks, so the overlay and the panels run
 * as they do while playing) until at least SOAK_SIM_MINUTES of simulated time have passed.
 * Prints the JS heap after a forced GC (CDP `HeapProfiler.collectGarbage`, then
 * `Performance.getMetrics` JSHeapUsedSize) at the start, every simulated minute and at the end,
 * and the event log's bound: events held vs capacity and how many rolled off.
 *
 * It prints figures and ends with a verdict line; the exit code is non-zero only if the event
 * log is not bounded or the heap grew by more than SOAK_MAX_GROWTH (default 25 %) — a memory leak
 * at this scale shows as steady growth far beyond that; noise is a few per cent.
 *
 * Environment: SOAK_SIM_MINUTES (default 30), SOAK_PACKETS (stress load: packets in flight,
 * default 5 — the stress scenario's event rate at its default load would need hours of wall
 * time for 30 simulated minutes), SOAK_VMS (default 16), SOAK_CHUNK_MS (simulated ms per chunk,
 * default 2000), SOAK_MAX_GROWTH (default 0.25), SOAK_WARMUP_WALL_MS (default 45000).
 */
import { startPreview } from './preview';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium } from '../scripts/chromium-path.mjs';

const SIM_MINUTES = Number(process.env.SOAK_SIM_MINUTES ?? 30);
const PACKETS = Number(process.env.SOAK_PACKETS ?? 5);
const VMS = Number(process.env.SOAK_VMS ?? 16);
const CHUNK_NS = Number(process.env.SOAK_CHUNK_MS ?? 2000) * 1_000_000;
const MAX_GROWTH = Number(process.env.SOAK_MAX_GROWTH ?? 0.25);
const WARMUP_WALL_MS = Number(process.env.SOAK_WARMUP_WALL_MS ?? 45_000);

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


const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const fmtMin = (ns: number) => `${(ns / 60e9).toFixed(2)} min`;

interface LogFigures {
  held: number;
  capacity: number;
  events: number;
  rolledOff: number;
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium: run `node scripts/ensure-chromium.mjs`');
  const preview = await startPreview(60_000);
  const base = `${preview.base}/`;
  const stopServer = preview.stop;

  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    };
    const logFigures = (): Promise<LogFigures> =>
      page.evaluate(() => {
        const h = window.hvv!;
        // trace() returns at most the log's capacity; asking for more shows the bound.
        const held = h.trace({ limit: Number.MAX_SAFE_INTEGER }).length;
        const events = h.stats().events;
        return { held, capacity: 50_000, events, rolledOff: Math.max(0, events - held) };
      });

    await page.goto(`${base}?scenario=stress&vms=${VMS}&packets=${PACKETS}&play=0&panel=metrics`);
    await page.waitForFunction(() => !!window.hvv, undefined, { timeout: 60_000 });
    const target = SIM_MINUTES * 60e9;
    const advance = (ns: number) =>
      page.evaluate(
        (n) =>
          new Promise<{ simTimeNs: number; sent: number; delivered: number; inFlight: number; dropped: number }>((resolve) => {
            const s = window.hvv!.advance(n);
            requestAnimationFrame(() => resolve(s));
          }),
        ns,
      );

    // Warm-up: one simulated minute and at least WARMUP_WALL_MS of wall time, so caches, pools and
    // every bounded buffer are full (the metrics panel keeps 120 polls at ~3 Hz: ~40 s of wall time).
    const wallStart = Date.now();
    let s = await advance(0);
    while (s.simTimeNs < 60e9 || Date.now() - wallStart < WARMUP_WALL_MS) s = await advance(CHUNK_NS);
    const startNs = s.simTimeNs;
    const heapStart = await heap();
    const log0 = await logFigures();
    console.log(`soak: stress, ${VMS} VMs, packets=${PACKETS}; chunk ${CHUNK_NS / 1e6} ms simulated; target ${SIM_MINUTES} simulated minutes`);
    console.log(`start (after ${fmtMin(startNs)} simulated, ${((Date.now() - wallStart) / 1000).toFixed(0)} s wall of warm-up): heap ${mib(heapStart)}; log ${log0.held}/${log0.capacity} held, ${log0.rolledOff} rolled off of ${log0.events} events`);

    const samples: number[] = [heapStart];
    const sampleMinutes: number[] = [s.simTimeNs / 60e9];
    let nextSample = s.simTimeNs + 60e9;
    while (s.simTimeNs < startNs + target) {
      s = await advance(CHUNK_NS);
      if (s.simTimeNs >= nextSample) {
        const h = await heap();
        samples.push(h);
        sampleMinutes.push(s.simTimeNs / 60e9);
        const lf = await logFigures();
        console.log(`  t=${fmtMin(s.simTimeNs)}  heap ${mib(h)}  log ${lf.held}/${lf.capacity}  rolled off ${lf.rolledOff}  sent ${s.sent} delivered ${s.delivered} in flight ${s.inFlight}  wall ${((Date.now() - wallStart) / 1000).toFixed(0)} s`);
        nextSample += 60e9;
      }
    }
    const heapEnd = await heap();
    const logEnd = await logFigures();
    const growth = (heapEnd - heapStart) / heapStart;
    const maxHeap = Math.max(...samples, heapEnd);
    console.log(`end: simulated ${fmtMin(s.simTimeNs - startNs)} after warm-up (${fmtMin(s.simTimeNs)} in all) in ${((Date.now() - wallStart) / 1000).toFixed(0)} s wall`);
    const perMinute = slope(sampleMinutes, samples);
    console.log(`heap start ${mib(heapStart)}, end ${mib(heapEnd)}, max ${mib(maxHeap)}, growth ${(growth * 100).toFixed(1)} %, trend ${(perMinute / 1024).toFixed(1)} KiB per simulated minute`);
    console.log(`event log: ${logEnd.held} held (capacity ${logEnd.capacity}), ${logEnd.rolledOff} rolled off, ${logEnd.events} events in all`);
    console.log(`packets: sent ${s.sent} = delivered ${s.delivered} + dropped ${s.dropped} + in flight ${s.inFlight}: ${s.sent === s.delivered + s.dropped + s.inFlight ? 'conserved' : 'NOT conserved'}`);
    if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
    const bounded = logEnd.held <= logEnd.capacity && logEnd.rolledOff > 0;
    const flat = growth <= MAX_GROWTH;
    console.log(`verdict: heap ${flat ? 'flat' : 'GREW'} (limit ${(MAX_GROWTH * 100).toFixed(0)} %), event log ${bounded ? 'bounded' : 'NOT bounded'}, ${errors.length} page errors`);
    process.exitCode = flat && bounded && errors.length === 0 ? 0 : 1;
  } finally {
    await browser.close();
    stopServer();
  }
}

main().catch((err: unknown) => {
  console.error(`soak: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
