import { expect, test, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The installable app (build/pwa.ts, src/view/shell/serviceWorker.ts), served from a copy of dist/
 * under a deep path (the relative base must let it live anywhere) by a small server of this file's
 * own, so the "new version" case can change sw.js without touching the shared preview server.
 */
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const offlineCopy = fileURLToPath(new URL('../dist-offline/hyperv-visualizer.html', import.meta.url));
const PREFIX = '/courses/net-101/hvv/';
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.map': 'application/json',
};

let root = '';
let server: Server;
let origin = '';

test.beforeAll(async () => {
  expect(existsSync(join(dist, 'sw.js')), 'run `npm run build` first').toBe(true);
  root = mkdtempSync(join(tmpdir(), 'hvv-pwa-'));
  cpSync(dist, root, { recursive: true });
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(PREFIX)) return void res.writeHead(404).end();
    const rel = path.slice(PREFIX.length) || 'index.html';
    const file = join(root, rel);
    if (rel.includes('..') || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

test.afterAll(() => {
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Loads the app and waits until its worker is active (it registers once the page is idle). */
async function installed(page: Page) {
  await page.goto(`${origin}${PREFIX}?lang=en&vms=2`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${origin}${PREFIX}`);
}

test('after one visit, a reload with the network gone opens the app: diagram, a lesson step', async ({ page, context }) => {
  await installed(page);
  // The manifest: name, colours from the theme tokens, icons that load.
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href)).json());
  expect(manifest).toMatchObject({ name: 'Hyper-V Visualizer', display: 'standalone', start_url: './', background_color: '#f6f7f9' });
  for (const icon of manifest.icons) expect((await page.request.get(new URL(icon.src, `${origin}${PREFIX}`).href)).ok(), icon.src).toBe(true);

  await context.setOffline(true);
  await page.reload();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.hvv?.stats().events ?? 0)).toBeGreaterThan(0);
  // A lesson (its chunk and its text load lazily) opens and steps, from the cache.
  await page.goto(`${origin}${PREFIX}?lang=en&lesson=sriov&step=1`);
  const dock = page.getByTestId('lessons-dock');
  await expect(dock.getByText(/1 \/ \d+/).first()).toBeVisible();
  await dock.getByRole('button', { name: 'Next step' }).click();
  await expect(dock.getByText(/2 \/ \d+/).first()).toBeVisible();
  // Japanese too: the other language's text was precached as well.
  await page.goto(`${origin}${PREFIX}?lang=ja&vms=2`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
});

test('a new version waits for the learner: a quiet prompt, no reload until "Reload" is pressed', async ({ page }) => {
  await installed(page);
  await page.reload(); // now the page is controlled by the worker
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  // A new build is deployed: a byte-different worker.
  writeFileSync(join(root, 'sw.js'), `${readFileSync(join(dist, 'sw.js'), 'utf8')}\n// next version\n`);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  const prompt = page.getByTestId('update-prompt');
  await expect(prompt).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status').filter({ has: prompt })).toContainText('A new version of Hyper-V Visualizer is ready.');
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'the page must not reload by itself').toBe(1);
  await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);
});

test('no worker from file://, the offline single-file copy, or ?sw=0', async ({ page, context }) => {
  const copy = readFileSync(offlineCopy, 'utf8');
  expect(copy).not.toMatch(/rel="manifest"|workbox|sw\.js/);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${pathToFileURL(offlineCopy).href}?lang=en`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();

  await page.goto(`${origin}${PREFIX}?lang=en&sw=0`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.waitForTimeout(2500); // past the idle moment the worker would register at
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  expect(context.serviceWorkers()).toEqual([]);
  expect(errors).toEqual([]);
});
