import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Frame, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import type { MessageStats } from '../src/store/postMessage';

declare global {
  interface Window {
    hvv?: Hvv;
    hvvEmbed?: { stats(): MessageStats };
    received?: { type: string; [k: string]: unknown }[];
  }
}

/**
 * The example slide (public/example) served from a SECOND origin (127.0.0.1:4174) embeds the app
 * (127.0.0.1:4173) and drives it through postMessage; events come back; malformed messages and
 * messages from origins outside the allow-list are ignored and counted.
 */

// The app on the config's origin (127.0.0.1:4173); the slide on the next port: a different origin.
let APP = 'http://127.0.0.1:4173/';
let PORT = 4174;
let SLIDE = `http://127.0.0.1:${PORT}`;
const ROOT = join(process.cwd(), 'public', 'example');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.md': 'text/markdown' };

let server: Server;

// One static server on a fixed port: the tests of this file share it, in one worker.
test.describe.configure({ mode: 'serial' });

// Playwright needs the fixtures argument to be a destructuring pattern, even when empty.
// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
  const base = new URL(testInfo.project.use.baseURL ?? APP);
  APP = `${base.origin}/`;
  PORT = Number(base.port) + 1;
  SLIDE = `http://127.0.0.1:${PORT}`;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', SLIDE).pathname;
    if (path === '/blank.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>blank</title><body></body>');
      return;
    }
    const file = normalize(join(ROOT, path === '/' ? 'index.html' : path));
    if (!file.startsWith(ROOT)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const received = (page: Page, type: string) => page.evaluate((t) => (window.received ?? []).filter((m) => m.type === t), type);

async function appFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(APP))).toBe(true);
  const frame = page.frames().find((f) => f.url().startsWith(APP)) as Frame;
  await frame.waitForFunction(() => !!window.hvv && !!window.hvvEmbed);
  return frame;
}

test('the example slide on another origin drives the embedded app and receives its events', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${SLIDE}/index.html?app=${encodeURIComponent(APP)}`);
  const frame = await appFrame(page);
  expect(new URL(frame.url()).searchParams.get('embed')).toBe('1');
  await expect(frame.getByTestId('embed-root')).toBeVisible();

  // hvv:ready arrives, then the page asks for the state and gets hvv:state.
  await expect.poll(async () => (await received(page, 'hvv:ready')).length).toBe(1);
  await expect.poll(async () => (await received(page, 'hvv:state')).length).toBeGreaterThan(0);
  await expect(page.locator('#status')).toContainText(/playing|paused/);

  // Pause, step, play.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect.poll(() => frame.evaluate(() => window.hvv?.state().playing)).toBe(false);
  const e0 = await frame.evaluate(() => window.hvv?.stats().events ?? 0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => frame.evaluate(() => window.hvv?.stats().events ?? 0)).toBeGreaterThan(e0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => frame.evaluate(() => window.hvv?.state().playing)).toBe(true);

  // Toggle SR-IOV: the app's switch follows.
  await page.getByRole('button', { name: 'Toggle SR-IOV' }).click();
  await expect(frame.getByRole('switch', { name: 'SR-IOV' })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: 'Toggle SR-IOV' }).click();
  await expect(frame.getByRole('switch', { name: 'SR-IOV' })).toHaveAttribute('aria-checked', 'false');

  // Go to a lesson step: the app shows it and reports hvv:stepReached.
  await page.getByLabel('Lesson').selectOption('sriov');
  await page.getByLabel('Step', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Go to lesson step' }).click();
  await expect.poll(async () => (await received(page, 'hvv:stepReached')).some((m) => m.lesson === 'sriov' && m.step === 2)).toBe(true);
  await expect(frame.getByTestId('embed-step')).toHaveText(/^2\//);

  // Every command was acknowledged, to this origin.
  const acks = await received(page, 'hvv:ack');
  expect(acks.length).toBeGreaterThanOrEqual(6);
  expect(acks.every((a) => a.ok === true)).toBe(true);

  // The learner moves inside the frame: the page hears about it too.
  await frame.getByRole('button', { name: 'Next step' }).click();
  await expect.poll(async () => (await received(page, 'hvv:stepReached')).some((m) => m.lesson === 'sriov' && m.step === 3)).toBe(true);
  expect(errors).toEqual([]);
});

test('malformed messages are ignored and counted, never executed', async ({ page }) => {
  await page.goto(`${SLIDE}/index.html?app=${encodeURIComponent(APP)}`);
  const frame = await appFrame(page);
  await expect.poll(async () => (await received(page, 'hvv:ready')).length).toBe(1);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect.poll(() => frame.evaluate(() => window.hvv?.state().playing)).toBe(false);
  const before = await frame.evaluate(() => window.hvvEmbed?.stats());

  // The example's button sends two bad messages; then more shapes straight from the page.
  await page.getByRole('button', { name: 'Send a malformed message' }).click();
  await page.evaluate((app) => {
    const w = (document.getElementById('hvv') as HTMLIFrameElement).contentWindow as Window;
    const origin = new URL(app).origin;
    for (const m of [
      null,
      42,
      { type: 'hvv:PLAY' },
      { type: 'hvv:goToStep', lesson: 'sriov', step: '2' },
      { type: 'hvv:configure', config: { sriov: true, evil: 'x' } },
      { type: 'hvv:configure', config: { sriov: { on: true } } },
      { type: 'hvv:goToStep', lesson: '../../etc', step: 1 },
    ])
      w.postMessage(m, origin);
  }, APP);
  await expect.poll(() => frame.evaluate(() => window.hvvEmbed?.stats().malformed ?? 0)).toBe((before?.malformed ?? 0) + 9);
  // Nothing ran: still paused, SR-IOV still off, no lesson opened.
  expect(await frame.evaluate(() => window.hvv?.state().playing)).toBe(false);
  await expect(frame.getByRole('switch', { name: 'SR-IOV' })).toHaveAttribute('aria-checked', 'false');
  await expect(frame.getByTestId('embed-lesson')).toHaveCount(0);
  expect((await frame.evaluate(() => window.hvvEmbed?.stats()))?.accepted).toBe(before?.accepted);

  // The count is also reported to the page in hvv:state.
  await page.getByRole('button', { name: 'Get state' }).click();
  await expect(page.locator('#status')).toContainText('messages ignored: 9');
});

test('messages from an origin outside origins= are ignored and counted', async ({ page }) => {
  await page.goto(`${SLIDE}/blank.html`);
  await page.evaluate((app) => {
    const f = document.createElement('iframe');
    f.id = 'hvv';
    f.width = '480';
    f.height = '320';
    f.src = `${app}?embed=1&origins=${encodeURIComponent('https://slides.example')}`;
    document.body.append(f);
    (window as unknown as { got: unknown[] }).got = [];
    window.addEventListener('message', (e) => (window as unknown as { got: unknown[] }).got.push(e.data));
  }, APP);
  const frame = await appFrame(page);
  const wasPlaying = await frame.evaluate(() => window.hvv?.state().playing);
  await page.evaluate((app) => {
    const w = (document.getElementById('hvv') as HTMLIFrameElement).contentWindow as Window;
    w.postMessage({ type: 'hvv:pause' }, new URL(app).origin);
    w.postMessage({ type: 'hvv:getState' }, new URL(app).origin);
  }, APP);
  await expect.poll(() => frame.evaluate(() => window.hvvEmbed?.stats().rejectedOrigin ?? 0)).toBe(2);
  expect(await frame.evaluate(() => window.hvv?.state().playing)).toBe(wasPlaying);
  expect(await frame.evaluate(() => window.hvvEmbed?.stats().accepted)).toBe(0);
  // No reply and no event reached this page (not on the allow-list).
  expect(await page.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual([]);
});

test('inside a frame the wheel scrolls the host page instead of zooming the diagram', async ({ page }) => {
  await page.goto(`${SLIDE}/blank.html`);
  await page.evaluate((app) => {
    document.body.style.height = '3000px';
    const f = document.createElement('iframe');
    f.width = '800';
    f.height = '450';
    f.src = `${app}?embed=1&vms=2`;
    document.body.append(f);
  }, APP);
  const frame = await appFrame(page);
  await frame.locator('.react-flow__viewport').waitFor();
  const transform = () => frame.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const before = await transform();
  await page.mouse.move(400, 225);
  await page.mouse.wheel(0, 400);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  expect(await transform()).toBe(before);
});

test('keyboard shortcuts act only while the frame has the focus', async ({ page }) => {
  await page.goto(`${SLIDE}/blank.html`);
  await page.evaluate((app) => {
    const b = document.createElement('button');
    b.textContent = 'host button';
    document.body.append(b);
    const f = document.createElement('iframe');
    f.width = '480';
    f.height = '320';
    f.src = `${app}?embed=1&vms=1&traffic=udp-out`;
    document.body.append(f);
  }, APP);
  const frame = await appFrame(page);
  await frame.evaluate(() => window.hvv?.pause());
  const events = () => frame.evaluate(() => window.hvv?.stats().events ?? 0);
  const e0 = await events();

  // Focus on the host page: its keys stay there.
  await page.getByRole('button', { name: 'host button' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('p');
  expect(await events()).toBe(e0);
  expect(await frame.evaluate(() => window.hvv?.state().playing)).toBe(false);

  // Focus inside the frame: the app's shortcuts work (→ steps), presenter mode stays off in an embed.
  await frame.getByRole('button', { name: 'Step' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(events).toBeGreaterThan(e0);
  await page.keyboard.press('p');
  await expect(frame.locator('html')).not.toHaveAttribute('data-presenter');
});
