#!/usr/bin/env node
/**
 * `npm run lighthouse`: Lighthouse 12.2.3 (pinned: 13 needs Node 22) on the production build in
 * dist/, served locally by `vite preview`, in the project's Chromium (scripts/chromium-path.mjs).
 * Prints the four category scores for the mobile profile (Lighthouse's default: a mid-range phone,
 * slow 4G, 4× CPU slowdown) and the desktop profile, the performance metrics, and every audit
 * that did not pass. It prints figures and never fails on them: on a shared machine the
 * performance score moves with the load (the load average is printed beside it).
 *
 *   --runs N       run each profile N times (default 1)
 *   --only mobile  or desktop: one profile
 *   --json DIR     also write each report as JSON into DIR
 *   --dist DIR     measure another build folder (say, an older commit's) instead of dist/
 *   --query Q      open the page with this query string (say, `play=0` or `scenario=sriov`)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { preview } from 'vite';
import { findChromium } from './chromium-path.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const runs = Math.max(1, Number(arg('--runs', '1')) || 1);
const only = arg('--only', null);
const jsonDir = arg('--json', null);
const dist = arg('--dist', join(root, 'dist'));
const profiles = [
  { name: 'mobile', config: undefined },
  { name: 'desktop', config: desktopConfig },
].filter((p) => !only || p.name === only);

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`lighthouse: ${dist}/index.html is missing; run \`npm run build\` first.`);
  process.exit(2);
}
const chromium = findChromium();
if (!chromium) {
  console.error('lighthouse: no Chromium found (run `node scripts/ensure-chromium.mjs`).');
  process.exit(2);
}

/** Starts Chromium with a DevTools port; resolves to { port, kill }. */
function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'hvv-lh-'));
  const child = spawn(chromium, [
    '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--no-sandbox', '--disable-gpu',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 30_000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          port: Number(m[1]),
          kill: () =>
            new Promise((done) => {
              child.once('exit', () => {
                // On a loaded machine Chromium's helpers may still be writing: leave the temp
                // profile rather than end the whole run (it happened at load ≈12).
                try {
                  rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
                } catch {
                  /* left in the temp folder */
                }
                done();
              });
              child.kill();
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${err}`)));
  });
}

const server = await preview({ root, logLevel: 'error', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
const query = arg('--query', null);
const url = `${server.resolvedUrls.local[0]}${query ? `?${query.replace(/^\?/, '')}` : ''}`;
const pct = (s) => (s === null || s === undefined ? ' n/a' : String(Math.round(s * 100)).padStart(4));
const rows = [];
try {
  for (const profile of profiles) {
    for (let run = 1; run <= runs; run++) {
      const browser = await launchChromium();
      const load = loadavg()[0].toFixed(2);
      let lhr;
      try {
        ({ lhr } = await lighthouse(url, { port: browser.port, output: 'json', logLevel: 'error' }, profile.config));
      } finally {
        await browser.kill();
      }
      if (jsonDir) {
        mkdirSync(jsonDir, { recursive: true });
        writeFileSync(join(jsonDir, `${profile.name}-${run}.json`), JSON.stringify(lhr));
      }
      const c = lhr.categories;
      const a = lhr.audits;
      const ms = (id) => (a[id]?.numericValue === undefined ? 'n/a' : `${Math.round(a[id].numericValue)} ms`);
      rows.push(`${profile.name.padEnd(8)} run ${run}  perf${pct(c.performance.score)}  a11y${pct(c.accessibility.score)}  best${pct(c['best-practices'].score)}  seo${pct(c.seo.score)}   (load average ${load})`);
      console.log(rows.at(-1));
      console.log(
        `           FCP ${ms('first-contentful-paint')}, LCP ${ms('largest-contentful-paint')}, TBT ${ms('total-blocking-time')}, SI ${ms('speed-index')}, TTI ${ms('interactive')}, CLS ${a['cumulative-layout-shift']?.numericValue?.toFixed(3)}, unused JS ${Math.round((a['unused-javascript']?.details?.overallSavingsBytes ?? 0) / 1024)} KiB`,
      );
      const failing = new Set();
      for (const cat of ['performance', 'accessibility', 'best-practices', 'seo']) {
        for (const ref of c[cat].auditRefs) {
          const au = a[ref.id];
          if (ref.weight > 0 && au && au.score !== null && au.score < (cat === 'performance' ? 0.9 : 1)) failing.add(`${cat}: ${au.id} (${pct(au.score).trim()}) ${au.displayValue ?? ''}`.trim());
        }
      }
      for (const f of failing) console.log(`           - ${f}`);
    }
  }
} finally {
  await new Promise((ok) => server.httpServer.close(ok));
}
console.log(`\nLighthouse ${'12.2.3'} on ${url}\n${rows.join('\n')}`);
