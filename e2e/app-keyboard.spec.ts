import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { openEventLog } from './panels';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** Keyboard alone drives playback; shortcuts stay out of the way while typing. */

const simTime = (page: Page) => page.evaluate(() => window.hvv?.stats().simTimeNs ?? -1);
const playing = (page: Page) => page.evaluate(() => window.hvv?.state().playing);

test('Space, arrows, + and - drive playback from the keyboard', async ({ page }) => {
  await page.goto('/?vms=1&traffic=udp-out&speed=20us');
  await page.waitForFunction(() => !!window.hvv);
  await expect.poll(() => playing(page)).toBe(true);
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.keyboard.press('Space');
  await expect.poll(() => playing(page)).toBe(false);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  const t0 = await simTime(page);
  const e0 = await page.evaluate(() => window.hvv?.stats().events ?? 0);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => window.hvv?.stats().events ?? 0)).toBeGreaterThan(e0);
  const t1 = await simTime(page);
  expect(t1).toBeGreaterThanOrEqual(t0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const t3 = await simTime(page);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => simTime(page)).toBeLessThan(t3);

  const speed = page.getByRole('slider', { name: 'Speed' });
  await expect(speed).toHaveAttribute('aria-valuetext', /20 µs\/s/);
  await page.keyboard.press('+');
  await expect(speed).toHaveAttribute('aria-valuetext', /100 µs\/s/);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(speed).toHaveAttribute('aria-valuetext', /5 µs\/s/);

  await page.keyboard.press('Space');
  await expect.poll(() => playing(page)).toBe(true);
});

test('Tab reaches the playback buttons and Space activates them', async ({ page }) => {
  await page.goto('/?vms=1');
  await page.waitForFunction(() => !!window.hvv);
  const pause = page.getByRole('button', { name: 'Pause' });
  for (let i = 0; i < 40 && !(await pause.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(pause).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(() => playing(page)).toBe(false);
  await expect(page.getByRole('button', { name: 'Play' })).toBeFocused();
  // Tab on to Step back and Step, then use them.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Step back' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeFocused();
  const e0 = await page.evaluate(() => window.hvv?.stats().events ?? 0);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.hvv?.stats().events ?? 0)).toBeGreaterThan(e0);
  // The switches are keyboard operable too.
  const vmq = page.getByRole('switch', { name: 'VMQ' });
  const before = await vmq.getAttribute('aria-checked');
  await vmq.focus();
  await page.keyboard.press('Space');
  await expect(vmq).not.toHaveAttribute('aria-checked', before ?? '');
});

test('shortcuts do not fire while typing in a field', async ({ page }) => {
  await page.goto('/?vms=1');
  await page.waitForFunction(() => !!window.hvv);
  await expect.poll(() => playing(page)).toBe(true);
  await openEventLog(page);
  const field = page.getByRole('searchbox', { name: 'Component' });
  await field.click();
  await page.keyboard.type('root net');
  await page.keyboard.press('ArrowLeft');
  await expect(field).toHaveValue('root net');
  expect(await playing(page)).toBe(true);
});

test('? opens a focus-trapped shortcuts dialog that Esc closes', async ({ page }) => {
  await page.goto('/?vms=1');
  await page.waitForFunction(() => !!window.hvv);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  // Space inside the dialog does not toggle playback behind it.
  const wasPlaying = await playing(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await playing(page)).toBe(wasPlaying);
  // The header button opens it too.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
});
