import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test, type Frame, type Page } from '@playwright/test';

/**
 * Clickers work in embeds (issue 9): a real reveal.js deck (the `reveal.js` npm package, served
 * from node_modules by a route on a second, made-up origin) embeds a lesson. While the deck has
 * the focus, Page Down / Page Up move the slides and the lesson stays put; once the learner clicks
 * into the frame, the same keys and the arrows move the lesson's steps and the slide stays put;
 * Esc hands the keyboard back to the deck, and the visible "Release keyboard" button does too.
 */

// The deck's own origin: a small static server on a free port (a second origin, local like the
// app, so Chrome lets the deck frame 127.0.0.1), serving the deck page and reveal.js from node_modules.
let DECK = '';
let server: Server;
const REVEAL = join(process.cwd(), 'node_modules', 'reveal.js', 'dist');

function deckHtml(app: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Deck</title>
<link rel="stylesheet" href="/reveal/reveal.css"><link rel="stylesheet" href="/reveal/theme/white.css">
<script src="/reveal/reveal.js"></script></head>
<body><div class="reveal"><div class="slides">
<section><h2>Before the demo</h2></section>
<section><iframe id="app" title="Hyper-V Visualizer" src="${app}" width="800" height="450" style="border:0"></iframe></section>
<section><h2>After the demo</h2></section>
</div></div>
<script>
  // A plain deck: no code of its own for the embed (Esc works without the page's help).
  Reveal.initialize({ hash: false, transition: 'none', controls: false, progress: false });
</script></body></html>`;
}

// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
  const base = testInfo.project.use.baseURL ?? 'http://127.0.0.1:4173';
  const app = `${base}/?embed=1&lesson=partitions&step=1&play=0`;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(deckHtml(app));
      return;
    }
    const file = join(REVEAL, path.replace(/^\/reveal\//, ''));
    if (!path.startsWith('/reveal/') || !file.startsWith(REVEAL)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  DECK = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function openDeck(page: Page): Promise<Frame> {
  const base = test.info().project.use.baseURL ?? 'http://127.0.0.1:4173';
  await page.goto(`${DECK}/`);
  await page.waitForFunction(() => !!(window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(base))).toBe(true);
  const frame = page.frames().find((f) => f.url().startsWith(base)) as Frame;
  await expect(frame.getByTestId('embed-step')).toHaveText('1/7');
  return frame;
}

const slide = (page: Page) => page.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h);

test('a reveal.js deck: slide keys outside the frame, lesson step keys inside, Esc gives the keys back', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const frame = await openDeck(page);
  const step = frame.getByTestId('embed-step');

  // The deck has the keyboard: Page Down moves to the slide with the frame; the lesson stays.
  await page.locator('.reveal').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('PageDown');
  await expect.poll(() => slide(page)).toBe(1);
  await expect(step).toHaveText('1/7');

  // Click into the frame: now the clicker's keys move the lesson, not the slides.
  await frame.getByTestId('embed-lesson').locator('span.truncate').click();
  await expect(frame.getByRole('button', { name: 'Release keyboard' })).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(step).toHaveText('2/7');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveText('3/7');
  await page.keyboard.press('PageUp');
  await expect(step).toHaveText('2/7');
  await page.keyboard.press('ArrowLeft');
  await expect(step).toHaveText('1/7');
  expect(await slide(page)).toBe(1);

  // Esc hands the keyboard back: Page Down moves the deck again, the lesson stays.
  await page.keyboard.press('Escape');
  await page.keyboard.press('PageDown');
  await expect.poll(() => slide(page)).toBe(2);
  await expect(step).toHaveText('1/7');
  await page.keyboard.press('PageUp');
  await expect.poll(() => slide(page)).toBe(1);

  // The visible control does the same.
  await frame.getByTestId('embed-lesson').locator('span.truncate').click();
  await page.keyboard.press('PageDown');
  await expect(step).toHaveText('2/7');
  await frame.getByRole('button', { name: 'Release keyboard' }).click();
  await page.keyboard.press('PageDown');
  await expect.poll(() => slide(page)).toBe(2);
  await expect(step).toHaveText('2/7');

  // A clicker on the lesson's question: the first Page Down asks, the second skips it.
  await page.keyboard.press('PageUp');
  await expect.poll(() => slide(page)).toBe(1);
  await frame.getByTestId('embed-lesson').locator('span.truncate').click();
  for (const n of ['3/7', '4/7', '5/7']) {
    await page.keyboard.press('PageDown');
    await expect(step).toHaveText(n);
  }
  await page.keyboard.press('PageDown');
  await expect(frame.getByTestId('embed-skip-question')).toHaveText('Skip this question without answering it?');
  await expect(step).toHaveText('5/7');
  await page.keyboard.press('PageDown');
  await expect(step).toHaveText('6/7');
  expect(await slide(page)).toBe(1);
  expect(errors).toEqual([]);
});
