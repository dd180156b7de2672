import { expect, test, type Page } from '@playwright/test';
import fc from 'fast-check';
import { parseViewParams } from '../src/store/url';
import { FUZZ_PARAMS as PARAMS, FUZZ_SEED, queryArb, valueArb } from '../src/store/testing/urlArb';
import { downloadVia, openApp, openExportPanel, readText, watchErrors } from './export-helpers';

/**
 * Fuzz: random and mutated URLs, scenario files and saved-state blobs. Each must end in a working
 * page, with the parsed state or a clear message and the defaults, and no uncaught error or console
 * error. Generators are seeded (fast-check `seed`), so a failure reproduces. Volume lives in the
 * Node fuzz (src/store/urlFuzz.test.ts: 240 addresses through the store and the real engine in
 * seconds); here each URL is a page load, so a sample of 36 checks what only a page shows (the
 * banner naming the parameter, no console error), keeping the suite within its time.
 */

const SEED = FUZZ_SEED;

async function pageWorks(page: Page) {
  // The full shell has a heading; the embed view (?embed=1) shows the diagram with minimal controls.
  await expect(page.locator('h1, [data-testid="diagram"]').first()).toBeVisible();
  const s = await page.evaluate(() => window.hvv!.stats());
  for (const v of Object.values(s)) expect(Number.isFinite(v)).toBe(true);
  expect(s.sent).toBe(s.delivered + s.dropped + s.inFlight);
}

test('random and mutated URLs: a working page with the parsed state, or a message and the defaults', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const queries = fc.sample(queryArb, { seed: SEED, numRuns: 36 });
  let embedWithoutMessage = 0;
  for (const [i, q] of queries.entries()) {
    await test.step(`url ${i}: ?${q.slice(0, 120)}`, async () => {
      await page.goto(`/?${q}`);
      await page.waitForFunction(() => !!window.hvv, undefined, { timeout: 15_000 });
      await pageWorks(page);
      const { issues } = await page.evaluate(() => window.hvv!.state());
      // Every problem with the address is shown to the user, naming the parameter.
      const embed = parseViewParams(`?${q}`).view.embed;
      if (issues.length > 0 && embed) {
        // The embed view (?embed=1) has no room for the issue banner: counted and reported below.
        embedWithoutMessage++;
      } else if (issues.length > 0) {
        const alert = page.getByRole('alert').first();
        await expect(alert).toBeVisible();
        await expect(alert).toContainText(issues[0]!.param);
      }
    });
  }
  if (embedWithoutMessage > 0) test.info().annotations.push({ type: 'finding', description: `${embedWithoutMessage} embed-mode URLs had problems that the embed view does not show` });
  errors.check();
});

test('random automation input (the same names as the URL) never breaks the page', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '?play=0');
  const inputs = fc.sample(fc.dictionary(fc.constantFrom(...PARAMS), fc.oneof(valueArb, fc.integer(), fc.boolean(), fc.array(valueArb, { maxLength: 3 }))), { seed: SEED + 1, numRuns: 300 });
  const results = await page.evaluate((list) => {
    const out: string[] = [];
    for (const x of list) {
      try {
        const r = window.hvv!.configure(x as never);
        out.push(r.ok ? 'ok' : r.errors.length > 0 ? 'errors' : 'bad:empty-errors');
        window.hvv!.advance(2_000);
      } catch (e) {
        out.push(`threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }, inputs);
  expect(results.filter((r) => r !== 'ok' && r !== 'errors')).toEqual([]);
  expect(results.filter((r) => r === 'errors').length).toBeGreaterThan(10);
  await pageWorks(page);
  errors.check();
});

// --- scenario files ---------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A change that keeps the file valid: another name, seed, switch or position. */
function benign(base: Json, rnd: () => number): string {
  const doc = structuredClone(base) as { [k: string]: Json } & { config: { [k: string]: Json } };
  doc.name = `fuzz ${Math.floor(rnd() * 1e6)}`;
  doc.seed = Math.floor(rnd() * 2 ** 32);
  doc.config.vmq = rnd() < 0.5;
  doc.atNs = Math.floor(rnd() * (doc.atNs as number));
  return JSON.stringify(doc, null, rnd() < 0.5 ? 2 : undefined);
}

/** Seeded mutations of a valid scenario file. */
function mutate(base: Json, rnd: () => number): string {
  const doc = structuredClone(base) as Json;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const junk = (): Json => pick<() => Json>([() => null, () => -1, () => 1e308, () => 0.5, () => 'x', () => '', () => [], () => ({}), () => true, () => 'vm99', () => 2 ** 53 + 1, () => ({ __proto__: { polluted: true } } as unknown as Json)])();
  const containers: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        containers.push({ parent: v, key: i });
        walk(x);
      });
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        containers.push({ parent: v, key: k });
        walk(v[k] as Json);
      }
    }
  };
  walk(doc);
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n && containers.length > 0; i++) {
    const c = pick(containers);
    const p = c.parent as Record<string | number, Json>;
    const op = Math.floor(rnd() * 5);
    if (op === 0 && !Array.isArray(c.parent)) delete p[c.key];
    else if (op === 1) p[c.key] = junk();
    else if (op === 2 && Array.isArray(c.parent)) for (let k = 0; k < 3; k++) c.parent.push(structuredClone(c.parent[c.key as number] ?? null));
    else if (op === 3 && typeof p[c.key] === 'number') p[c.key] = String(p[c.key]);
    else p[`extra${i}`] = junk();
  }
  let text = JSON.stringify(doc);
  const textOp = rnd();
  if (textOp < 0.1) text = text.slice(0, Math.floor(rnd() * text.length));
  else if (textOp < 0.15) text = text.replace(/[{}[\]]/, '');
  else if (textOp < 0.18) text = '\ufeff' + text;
  else if (textOp < 0.2) text = String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(rnd() * 0xffff)));
  return text;
}

test('150 mutated scenario files: each loads, or is refused with problems and nothing changed', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await openApp(page, '?play=0&t=120000&seed=9');
  const base = JSON.parse(readText((await downloadVia(page, 'Save to file')).file)) as Json;
  const panel = await openExportPanel(page);
  const rnd = fc.sample(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { seed: SEED + 2, numRuns: 1 })[0]!;
  let s = rnd;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let loaded = 0;
  let refused = 0;
  for (let i = 0; i < 150; i++) {
    const text = i % 5 === 0 ? benign(base, next) : mutate(base, next);
    const before = await page.evaluate(() => window.hvv!.stats());
    const counter = panel.locator('[data-load-count]');
    const count = Number(await counter.getAttribute('data-load-count'));
    await panel.getByTestId('scenario-file-input').setInputFiles({ name: `fuzz-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
    await expect(counter).toHaveAttribute('data-load-count', String(count + 1));
    const problems = panel.getByTestId('export-problems');
    if (await problems.isVisible()) {
      refused++;
      await expect(problems).toContainText(`fuzz-${i}.json was not loaded`);
      expect(await problems.locator('li').count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.hvv!.stats())).toEqual(before);
    } else {
      loaded++;
      await expect(page.getByTestId('export-status')).toContainText('Loaded scenario');
    }
  }
  expect(refused).toBeGreaterThan(30);
  expect(loaded).toBeGreaterThanOrEqual(30);
  await pageWorks(page);
  errors.check();
});

test('random saved-state blobs in localStorage: the page starts, corrupt entries are listed and kept', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await openApp(page, '?play=0');
  const good = readText((await downloadVia(page, 'Save to file')).file);
  const blobs = fc.sample(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc.constantFrom('', 'null', '{}', '[]', good, good.slice(0, 100), good.replace('"schemaVersion": 1', '"schemaVersion": 99')),
    ),
    { seed: SEED + 3, numRuns: 80 },
  );
  const keys = ['hvv.lessons.progress.v1', 'hvv.theme', 'hvv.motion'];
  for (let round = 0; round < 8; round++) {
    const slice = blobs.slice(round * 10, round * 10 + 10);
    await page.evaluate(
      ({ slice, keys, round }) => {
        localStorage.clear();
        slice.forEach((b, i) => localStorage.setItem(i < keys.length ? (keys[i] as string) : `hvv.scenario.fuzz-${round}-${i}`, b));
      },
      { slice, keys, round },
    );
    await page.reload();
    await page.waitForFunction(() => !!window.hvv, undefined, { timeout: 15_000 });
    await pageWorks(page);
    await openExportPanel(page);
    // Every stored scenario shows up either in the list or among the corrupt entries.
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hvv.scenario.')).length);
    const shown = (await page.getByTestId('saved-list').locator('li').count()) + (await page.getByTestId('saved-corrupt').locator(':scope > ul > li').count());
    expect(shown).toBe(stored);
    // Nothing the user stored was rewritten.
    const after = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('hvv.scenario.')).map((k) => [k, localStorage.getItem(k)])));
    for (const [i, b] of slice.entries()) if (i >= keys.length) expect(after[`hvv.scenario.fuzz-${round}-${i}`]).toBe(b);
  }
  errors.check();
});
