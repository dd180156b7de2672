import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { pressPresenter } from './panels';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** Presenter mode from the keyboard: P, PageDown/PageUp and arrows, B, `.`, Esc; speaker notes. */

const html = (page: Page) => page.locator('html');
const playing = (page: Page) => page.evaluate(() => window.hvv?.state().playing);
const events = (page: Page) => page.evaluate(() => window.hvv?.stats().events ?? 0);
const step = (page: Page) => page.getByTestId('presenter-step');

async function focusPage(page: Page) {
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test('P enters presenter mode; keys step the lesson, blank, pause; Esc leaves', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?lesson=sriov&step=1&lang=en');
  await focusPage(page);
  await expect(html(page)).not.toHaveAttribute('data-presenter');

  // P, pressed until the shortcut is attached (a moment after first paint): see pressPresenter.
  await pressPresenter(page);
  await expect(html(page)).toHaveAttribute('data-presenter', '');
  await expect(html(page)).toHaveAttribute('data-theme', 'projector');
  await expect(page.getByTestId('presenter-bar')).toBeVisible();
  await expect(step(page)).toHaveText(/^Step 1 of \d+$/);
  // Large type: the root font grows.
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThan(18);

  await page.keyboard.press('PageDown');
  await expect(step(page)).toHaveText(/^Step 2 of/);
  await expect(page).toHaveURL(/lesson=sriov&step=2/);
  await page.keyboard.press('ArrowRight');
  await expect(step(page)).toHaveText(/^Step 3 of/);
  await page.keyboard.press('PageUp');
  await expect(step(page)).toHaveText(/^Step 2 of/);
  await page.keyboard.press('ArrowLeft');
  await expect(step(page)).toHaveText(/^Step 1 of/);

  // B blanks the screen and B shows it again.
  await page.keyboard.press('b');
  await expect(html(page)).toHaveAttribute('data-blank', '');
  await expect(page.getByTestId('presenter-blank')).toBeVisible();
  await page.keyboard.press('B');
  await expect(html(page)).not.toHaveAttribute('data-blank');
  await expect(page.getByTestId('presenter-blank')).toHaveCount(0);

  // `.` pauses (and plays again).
  await page.evaluate(() => window.hvv?.play());
  await expect.poll(() => playing(page)).toBe(true);
  await page.keyboard.press('.');
  await expect.poll(() => playing(page)).toBe(false);
  await expect(page.getByTestId('presenter-paused')).toBeVisible();
  await page.keyboard.press('.');
  await expect.poll(() => playing(page)).toBe(true);

  await page.keyboard.press('Escape');
  await expect(html(page)).not.toHaveAttribute('data-presenter');
  await expect(html(page)).not.toHaveAttribute('data-theme', 'projector');
  await expect(page.getByTestId('presenter-bar')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('without a lesson, presenter arrows and PageDown step the simulation; the button toggles the mode', async ({ page }) => {
  await page.goto('/?vms=1&traffic=udp-out&speed=20us&lang=en');
  await focusPage(page);
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(html(page)).toHaveAttribute('data-presenter', '');
  await expect(page.getByText('No lesson open')).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const e0 = await events(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => playing(page)).toBe(false);
  const e1 = await events(page);
  expect(e1).toBeGreaterThan(e0);
  await page.keyboard.press('PageDown');
  await expect.poll(() => events(page)).toBeGreaterThan(e1);
  await page.keyboard.press('p');
  await expect(html(page)).not.toHaveAttribute('data-presenter');
});

test('speaker notes in a second window follow the lesson and steer the presentation', async ({ page, context }) => {
  await page.goto('/?lesson=vmq&step=1&lang=en');
  await focusPage(page);
  await page.keyboard.press('p');
  await expect(step(page)).toHaveText(/^Step 1 of/);
  const [notes] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open speaker notes' }).click()]);
  await notes.waitForLoadState();
  await expect(notes).toHaveURL(/notes=1/);
  const title = notes.getByTestId('notes-step-title');
  await expect(title).not.toBeEmpty();
  const first = await title.textContent();

  // A clicker focused on the notes window moves the presentation.
  await notes.keyboard.press('PageDown');
  await expect(step(page)).toHaveText(/^Step 2 of/);
  await expect(title).not.toHaveText(first ?? '');
  await notes.keyboard.press('PageUp');
  await expect(step(page)).toHaveText(/^Step 1 of/);
  await expect(title).toHaveText(first ?? '');

  // And the presentation's own moves reach the notes.
  await page.keyboard.press('PageDown');
  await expect(title).not.toHaveText(first ?? '');
  await notes.getByRole('button', { name: 'Blank the screen' }).click();
  await expect(html(page)).toHaveAttribute('data-blank', '');
  await expect(notes.getByText('Screen blanked')).toBeVisible();
});

test('P pressed while the page is still loading is not lost: presenter mode opens once the app is up', async ({ page }) => {
  // domcontentloaded: the module script has run (it listens for early keys) but the first render
  // still waits for the page's language.
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-bar')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('html')).toHaveAttribute('data-presenter', /.*/);
});
