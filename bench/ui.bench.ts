/**
 * Frame-rate and input-latency benchmark of the live diagram (`npm run bench:ui`). How each figure
 * is measured and what limits it on a shared 2-core machine: bench/README.md.
 *
 * Chromium runs with its frame-rate limit off (`--disable-gpu-vsync --disable-frame-rate-limit`),
 * so a frame takes as long as its work and the frame rate says how much headroom is left (with
 * vsync on, every case reads ≈60 fps). Targets, interleaved case by case and run by run so that
 * machine load hits them alike:
 * - `app`: this build (`dist/`);
 * - `before` (optional, BENCH_BEFORE=<dir>): another build's `dist/`, e.g. main's;
 * - `baseline`: React Flow's documented `animateMotion` edges (bench/baseline, built from the
 *   project's own React and @xyflow/react into `dist-bench/`) with the app's node and edge count
 *   and the same number of moving packets.
 *
 * Cases: the stress scenario at 1,000 / 3,000 / 10,000 packets (16 VMs) and 30,000 (64 VMs); the
 * 10,000 and 30,000 cases again with the inspector (a packet selected), event log and metrics open.
 * Each app page is fast-forwarded (`hvv.advance`) until the packets in flight stop growing, then
 * plays at the default speed. Per case: fps = 1000 ÷ median frame interval, p95 frame interval,
 * main-thread task time per frame (CDP `Performance.getMetrics` TaskDuration ÷ frames), the
 * packets in flight (engine) and drawn (the overlay's `data-drawn`). Then input-to-paint latency
 * on the 10,000 and 30,000 cases: a switch flip, a click on a packet, a panel opening, each from
 * the click event's timestamp to the start of the frame after the first one whose DOM shows the
 * change (that frame has been painted by then).
 *
 * Environment: BENCH_RUNS (2), BENCH_SECONDS (4), BENCH_WARMUP_MS (1500), BENCH_TRIALS (5 per
 * input), BENCH_CASES (e.g. `16x10000,64x30000,16x10000+panels`), BENCH_TARGETS (`app,before,baseline`),
 * BENCH_BEFORE (dir of another build), BENCH_VIEWPORT (1600x900). Prints figures; never fails on them.
 */
import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright';
import { startPreview } from './preview';
import { chromiumArgs, findChromium } from '../scripts/chromium-path.mjs';
import { median, summarizeFrames } from './uiStats';

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1500);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 5);
const BEFORE = process.env.BENCH_BEFORE;
const [VW, VH] = (process.env.BENCH_VIEWPORT ?? '1600x900').split('x').map(Number) as [number, number];
const UNCAPPED = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];

interface Case {
  vms: number;
  packets: number;
  panels: boolean;
  latency: boolean;
}
const parseCase = (s: string): Case => {
  const m = /^(\d+)x(\d+)(\+panels)?$/.exec(s.trim());
  if (!m) throw new Error(`BENCH_CASES: "${s}" is not VMSxPACKETS[+panels]`);
  const packets = Number(m[2]);
  return { vms: Number(m[1]), packets, panels: !!m[3], latency: !m[3] && packets >= 10_000 };
};
const CASES = (process.env.BENCH_CASES ?? '16x1000,16x3000,16x10000,16x10000+panels,64x30000,64x30000+panels').split(',').map(parseCase);
type Target = 'app' | 'before' | 'baseline';
const TARGETS = (process.env.BENCH_TARGETS ?? `app,${BEFORE ? 'before,' : ''}baseline`).split(',') as Target[];

/** Samples rAF intervals for SECONDS (in the page; passed as text so tsx adds no helpers). */
const SAMPLER = `new Promise(function (resolve) {
  var t0 = performance.now(), last = t0, intervals = [], inFlight = [];
  function tick(t) {
    intervals.push(t - last);
    last = t;
    if (intervals.length % 30 === 0 && window.hvv) inFlight.push(window.hvv.stats().inFlight);
    if (t - t0 < SECONDS * 1000) requestAnimationFrame(tick);
    else {
      var c = document.querySelector('[data-testid=packet-overlay]');
      resolve({ intervals: intervals.slice(1), inFlight: inFlight, drawn: Number(c ? c.getAttribute('data-drawn') : -1) });
    }
  }
  requestAnimationFrame(tick);
})`.replace('SECONDS', String(SECONDS));

/**
 * Arms a one-shot latency probe: the next click's event timestamp starts it; it ends at the start
 * of the frame after the first frame whose DOM passes CHECK (a JS expression). -1 on a timeout.
 */
const ARM = (check: string) => `(function () {
  window.__lat = new Promise(function (resolve) {
    var t0 = null;
    var onClick = function (e) { if (t0 === null) t0 = e.timeStamp; };
    window.addEventListener('click', onClick, true);
    var deadline = performance.now() + 4000;
    var done = function (v) { window.removeEventListener('click', onClick, true); resolve(v); };
    var poll = function () {
      if (t0 !== null && (${check})) { requestAnimationFrame(function () { done(performance.now() - t0); }); return; }
      if (performance.now() > deadline) { done(-1); return; }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
})()`;

interface Sample {
  fps: number;
  p95: number;
  mainMs: number;
  scriptMs: number;
  inFlight: number;
  drawn: number;
}

async function sampleFrames(page: Page): Promise<Sample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
    return { task: get('TaskDuration'), script: get('ScriptDuration') };
  };
  const m0 = await metric();
  const s = (await page.evaluate(SAMPLER)) as { intervals: number[]; inFlight: number[]; drawn: number };
  const m1 = await metric();
  await cdp.detach();
  const f = summarizeFrames(s.intervals);
  return {
    fps: f.fpsMedian,
    p95: f.p95,
    mainMs: ((m1.task - m0.task) * 1000) / Math.max(1, f.frames),
    scriptMs: ((m1.script - m0.script) * 1000) / Math.max(1, f.frames),
    inFlight: median(s.inFlight),
    drawn: s.drawn,
  };
}

/** Fast-forward until the packets in flight stop growing (or reach the target), then play. */
async function steadyState(page: Page, target: number) {
  let prev = -1;
  for (let i = 0; i < 24; i++) {
    const n = (await page.evaluate('window.hvv.advance(250000).inFlight')) as number;
    if (n >= target * 0.97 || (i >= 4 && n <= prev * 1.01)) break;
    prev = n;
  }
  await page.evaluate('window.hvv.play()');
}

async function openPanels(page: Page) {
  const log = page.getByRole('button', { name: 'Event log', exact: true, expanded: false });
  if (await log.isVisible()) await log.click();
  const metrics = page.getByTestId('metrics-button');
  if ((await metrics.getAttribute('aria-pressed')) !== 'true') await metrics.click();
  await page.getByTestId('metrics-panel').waitFor({ timeout: 15_000 });
  // The inspector shows a packet in flight (it updates live while it moves).
  await page.evaluate('(function () { var e = window.hvv.trace({ limit: 50 }).find(function (x) { return x.packet !== null; }); if (e) window.hvv.select(e.packet); })()');
}

interface Latency {
  switch: number[];
  packet: number[];
  panel: number[];
}

/**
 * A painted pixel of the overlay canvas (a packet glyph) in client coordinates, away from the
 * legend and zoom controls and not over a button (the collapsed-VM group's "Show vmN" buttons
 * take their own clicks).
 */
const PAINTED = `(function () {
  var c = document.querySelector('[data-testid=packet-overlay]');
  var ctx = c && c.getContext('2d');
  if (!ctx) return null;
  var r = c.getBoundingClientRect(), s = c.width / r.width;
  var d = ctx.getImageData(0, 0, c.width, c.height).data;
  var hits = [];
  for (var y = 0; y < c.height - 80 * s; y += 3)
    for (var x = 0; x < c.width - 80 * s; x += 3)
      if (d[(y * c.width + x) * 4 + 3] > 200) hits.push([x, y]);
  for (var i = 0; i < 200 && hits.length; i++) {
    var h = hits[Math.floor(Math.random() * hits.length)];
    var p = { x: r.left + h[0] / s, y: r.top + h[1] / s };
    var el = document.elementFromPoint(p.x, p.y);
    if (el && !el.closest('button, a, input, select, [data-testid=collapsed-vms]')) return p;
  }
  return null;
})()`;

async function trial(page: Page, check: string, act: () => Promise<void>): Promise<number> {
  await page.evaluate(ARM(check));
  await act();
  return (await page.evaluate('window.__lat')) as number;
}

async function appLatency(page: Page): Promise<Latency> {
  const out: Latency = { switch: [], packet: [], panel: [] };
  const sw = page.getByRole('switch', { name: 'VMQ', exact: true });
  await sw.evaluate((el) => el.setAttribute('data-bench-switch', ''), undefined, { timeout: 15_000 });
  for (let i = 0; i < TRIALS; i++) {
    const before = await sw.getAttribute('aria-checked');
    out.switch.push(await trial(page, `document.querySelector('[data-bench-switch]').getAttribute('aria-checked') !== '${before}'`, () => sw.click()));
    await page.waitForTimeout(300);
  }
  for (let i = 0; i < TRIALS; i++) {
    await page.evaluate('window.hvv.select(null)');
    await page.waitForTimeout(200);
    const spot = (await page.evaluate(PAINTED)) as { x: number; y: number } | null;
    if (!spot) {
      out.packet.push(-1);
      continue;
    }
    out.packet.push(await trial(page, `!!document.querySelector('[data-testid=inspector-panel] article[aria-label^="Packet"]')`, () => page.mouse.click(spot.x, spot.y)));
    await page.waitForTimeout(300);
  }
  await page.evaluate('window.hvv.select(null)');
  const btn = page.getByTestId('metrics-button');
  for (let i = 0; i < TRIALS; i++) {
    out.panel.push(await trial(page, `!!document.querySelector('[data-testid=metrics-panel]')`, () => btn.click()));
    await page.waitForTimeout(300);
    await btn.click();
    await page.getByTestId('metrics-panel').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
  }
  return out;
}

async function baselineLatency(page: Page): Promise<Latency> {
  const out: Latency = { switch: [], packet: [], panel: [] };
  const sw = page.getByRole('switch');
  for (let i = 0; i < TRIALS; i++) {
    const before = await sw.getAttribute('aria-checked');
    out.switch.push(await trial(page, `document.querySelector('[role=switch]').getAttribute('aria-checked') !== '${before}'`, () => sw.click()));
    await page.waitForTimeout(300);
  }
  for (let i = 0; i < TRIALS; i++) {
    const prev = await page.getByTestId('selected').textContent();
    // A moving circle: its box now (it moves ≈100 px/s, so it is still under the pointer a few ms later).
    const spot = (await page.evaluate(
      `(function () { var cs = document.querySelectorAll('circle[data-packet]'); var el = cs[Math.floor(Math.random() * cs.length)]; if (!el) return null; var r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()`,
    )) as { x: number; y: number } | null;
    if (!spot) {
      out.packet.push(-1);
      continue;
    }
    out.packet.push(await trial(page, `document.querySelector('[data-testid=selected]').textContent !== ${JSON.stringify(prev)}`, () => page.mouse.click(spot.x, spot.y)));
    await page.waitForTimeout(300);
  }
  const btn = page.getByTestId('panel-button');
  for (let i = 0; i < TRIALS; i++) {
    out.panel.push(await trial(page, `!!document.querySelector('[data-testid=panel]')`, () => btn.click()));
    await page.waitForTimeout(300);
    await btn.click();
    await page.getByTestId('panel').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
  }
  return out;
}

interface Result extends Sample {
  nodes: number;
  edges: number;
  latency?: Latency;
}

async function runApp(browser: Browser, base: string, c: Case, withLatency: boolean): Promise<Result> {
  const context = await browser.newContext({ viewport: { width: VW, height: VH } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}/?lang=en&scenario=stress&vms=${c.vms}&packets=${c.packets}&play=0`);
    await page.waitForFunction(() => typeof (window as unknown as { hvv?: unknown }).hvv === 'object', undefined, { timeout: 60_000 });
    await page.waitForSelector('[data-testid=packet-overlay]', { timeout: 30_000 });
    await steadyState(page, c.packets);
    if (c.panels) await openPanels(page);
    await page.waitForTimeout(WARMUP_MS);
    const s = await sampleFrames(page);
    const nodes = await page.locator('.react-flow__node').count();
    const edges = await page.locator('.react-flow__edge').count();
    let latency: Latency | undefined;
    if (withLatency) {
      // A build whose controls never appear under this load (before fb35483 at 64 VMs × 30,000:
      // the drawer's lazy render was starved) has no switch to flip: say so, keep the frame figures.
      try {
        latency = await appLatency(page);
      } catch (e) {
        console.warn(`  ${caseName(c)}: no input latency (${(e as Error).message.split('\n')[0]})`);
      }
    }
    if (errors.length) console.warn(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
    return { ...s, nodes, edges, latency };
  } finally {
    await context.close();
  }
}

async function runBaseline(browser: Browser, base: string, c: Case, nodes: number, edges: number, withLatency: boolean): Promise<Result> {
  const context = await browser.newContext({ viewport: { width: VW, height: VH } });
  const page = await context.newPage();
  try {
    await page.goto(`${base}/?nodes=${nodes}&edges=${edges}&packets=${c.packets}`);
    await page.waitForSelector('.react-flow__edge', { timeout: 60_000 });
    await page.waitForTimeout(WARMUP_MS);
    const s = await sampleFrames(page);
    const drawn = await page.locator('circle[data-packet]').count();
    const latency = withLatency ? await baselineLatency(page) : undefined;
    return { ...s, inFlight: c.packets, drawn, nodes, edges, latency };
  } finally {
    await context.close();
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const caseName = (c: Case) => `${c.vms}×${c.packets}${c.panels ? '+panels' : ''}`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const lat = (xs: number[] | undefined) => {
  if (!xs || !xs.length) return '–';
  const ok = xs.filter((x) => x >= 0);
  const miss = xs.length - ok.length;
  const all = xs.map((x) => (x < 0 ? 'miss' : Math.round(x))).join(' ');
  return ok.length ? `${Math.round(median(ok))}/${Math.round(Math.max(...ok))} [${all}]` : `${miss} miss`;
};

async function main() {
  const servers = {
    app: TARGETS.includes('app') ? await startPreview(30_000) : null,
    before: BEFORE && TARGETS.includes('before') ? await startPreview(30_000, BEFORE) : null,
    baseline: TARGETS.includes('baseline') ? await startPreview(30_000, 'dist-bench') : null,
  };
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...chromiumArgs, ...UNCAPPED], headless: true });
  try {
    console.log(`bench:ui — ${VW}×${VH}, uncapped frame rate, ${RUNS} run(s) × ${SECONDS} s, chromium ${browser.version()}, load ${load()}`);
    const head = `${pad('case', 16)} ${pad('target', 8)} ${pad('run', 3)} ${pad('fps', 6)} ${pad('p95 ms', 7)} ${pad('main ms/f', 9)} ${pad('js ms/f', 8)} ${pad('in flight', 9)} ${pad('drawn', 6)} ${pad('nodes/edges', 11)}`;
    console.log(head);
    const all = new Map<string, Result[]>();
    for (const c of CASES) {
      for (let run = 0; run < RUNS; run++) {
        let shape = { nodes: 60, edges: 80 };
        for (const target of TARGETS) {
          const srv = servers[target];
          if (!srv || (target === 'baseline' && c.panels)) continue;
          const withLatency = c.latency && run === 0;
          const r =
            target === 'baseline'
              ? await runBaseline(browser, srv.base, c, shape.nodes, shape.edges, withLatency)
              : await runApp(browser, srv.base, c, withLatency);
          if (target === 'app') shape = { nodes: r.nodes, edges: r.edges };
          const key = `${caseName(c)}|${target}`;
          all.set(key, [...(all.get(key) ?? []), r]);
          console.log(
            `${pad(caseName(c), 16)} ${pad(target, 8)} ${pad(run + 1, 3)} ${pad(r.fps.toFixed(1), 6)} ${pad(r.p95.toFixed(1), 7)} ${pad(r.mainMs.toFixed(2), 9)} ${pad(r.scriptMs.toFixed(2), 8)} ${pad(Math.round(r.inFlight), 9)} ${pad(r.drawn, 6)} ${pad(`${r.nodes}/${r.edges}`, 11)}`,
          );
          if (r.latency) console.log(`${pad('', 16)} ${pad(target, 8)} input→paint ms (median/max of ${TRIALS}): switch ${lat(r.latency.switch)}, packet click ${lat(r.latency.packet)}, panel open ${lat(r.latency.panel)}`);
        }
      }
    }
    console.log(`\nmedian of runs (load ${load()}); ratio = fps ÷ baseline fps in the same run`);
    console.log(`${pad('case', 16)} ${pad('target', 8)} ${pad('fps', 6)} ${pad('p95 ms', 7)} ${pad('main ms/f', 9)} ${pad('in flight', 9)} ${pad('drawn', 6)} ${pad('× base', 7)} ${pad('× before', 8)}`);
    for (const c of CASES) {
      const med = (t: Target, f: (r: Result) => number) => {
        const rs = all.get(`${caseName(c)}|${t}`);
        return rs ? median(rs.map(f)) : NaN;
      };
      for (const t of TARGETS) {
        if (!all.has(`${caseName(c)}|${t}`)) continue;
        const fps = med(t, (r) => r.fps);
        const base = med('baseline', (r) => r.fps);
        const before = med('before', (r) => r.fps);
        console.log(
          `${pad(caseName(c), 16)} ${pad(t, 8)} ${pad(fps.toFixed(1), 6)} ${pad(med(t, (r) => r.p95).toFixed(1), 7)} ${pad(med(t, (r) => r.mainMs).toFixed(2), 9)} ${pad(Math.round(med(t, (r) => r.inFlight)), 9)} ${pad(Math.round(med(t, (r) => r.drawn)), 6)} ${pad(t === 'baseline' || !(base > 0) ? '' : (fps / base).toFixed(2), 7)} ${pad(t !== 'app' || !(before > 0) ? '' : (fps / before).toFixed(2), 8)}`,
        );
      }
    }
  } finally {
    await browser.close();
    for (const s of Object.values(servers)) s?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
