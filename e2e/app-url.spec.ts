import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** The address bar carries the configuration and the moment; bad parameters never break the page. */

test('a link with parameters restores switches, adapters, time and pause state', async ({ page }) => {
  await page.goto('/?vms=3&adapter=emulated,synthetic,sriov&vmq=0&sriov=1&speed=20us&seed=7&t=250000&play=0');
  await page.waitForFunction(() => !!window.hvv);
  await expect(page.getByRole('switch', { name: 'VMQ' })).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('switch', { name: 'SR-IOV' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('combobox', { name: 'Adapter for vm1' })).toHaveValue('emulated');
  await expect(page.getByRole('combobox', { name: 'Adapter for vm2' })).toHaveValue('synthetic');
  await expect(page.getByRole('combobox', { name: 'Adapter for vm3' })).toHaveValue('sriov');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Speed' })).toHaveAttribute('aria-valuetext', /20 µs\/s/);
  const stats = await page.evaluate(() => window.hvv?.stats());
  expect(stats?.simTimeNs).toBe(250_000);
  await expect(page.getByTestId('sim-time')).toHaveText('250.000 µs');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the address bar follows the state, and reopening it gives the same simulation', async ({ page, context }) => {
  await page.goto('/?vms=2&adapter=synthetic&vmq=0&sriov=0&traffic=udp-out&speed=100us');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('switch', { name: 'VMQ' }).click();
  await page.getByRole('combobox', { name: 'Adapter for vm2' }).selectOption('emulated');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  // Changes made while running go in `ch` with their simulated times; the other parameters
  // describe t = 0, so the reopened page replays the very same run.
  await expect.poll(() => new URL(page.url()).searchParams.get('ch'), { timeout: 5000 }).toMatch(/^(\d+):vmq:1,\1:ad:vm2:emulated$/);
  await expect.poll(() => page.url()).toContain('vmq=0');
  await expect.poll(() => page.url()).toContain('play=0');
  // Paused: the address bar catches up with the exact time within a quarter second.
  const before = await page.evaluate(() => window.hvv?.stats());
  await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBe(String(before?.simTimeNs));
  const url = page.url();
  const t = Number(new URL(url).searchParams.get('t'));

  const again = await context.newPage();
  await again.goto(url);
  await again.waitForFunction(() => !!window.hvv);
  await expect(again.getByRole('switch', { name: 'VMQ' })).toHaveAttribute('aria-checked', 'true');
  await expect(again.getByRole('combobox', { name: 'Adapter for vm2' })).toHaveValue('emulated');
  await expect(again.getByRole('button', { name: 'Play' })).toBeVisible();
  const after = await again.evaluate(() => window.hvv?.stats());
  expect(after?.simTimeNs).toBe(t);
  expect(after).toEqual(before);
});

test('Copy link gives the current link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?vms=1&vmq=1&t=100000&play=0');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied', { exact: false })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('vms=1');
  expect(copied).toContain('vmq=1');
  expect(copied).toContain('t=100000');
});

test('bad parameters give a message naming them and a working page with defaults', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?vms=999&vmq=maybe&adapter=quantum&speed=fast&t=-3');
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  for (const p of ['vms=999', 'vmq=maybe', 'adapter=quantum', 'speed=fast', 't=-3']) await expect(alert).toContainText(p);
  // The simulation runs with the defaults: events keep coming, and there is a diagram area.
  await expect.poll(async () => page.evaluate(() => window.hvv?.stats().events ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByRole('switch', { name: 'VMQ' })).toBeVisible();
  // Each message can be dismissed.
  await page.getByRole('button', { name: 'Dismiss the message about vms' }).click();
  await expect(alert).not.toContainText('vms=999');
  while ((await page.getByRole('button', { name: /Dismiss the message about/ }).count()) > 0) {
    await page.getByRole('button', { name: /Dismiss the message about/ }).first().click();
  }
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('messages are translated: lang=ja', async ({ page }) => {
  await page.goto('/?lang=ja&vms=0');
  await expect(page.getByRole('alert')).toContainText('vms=0');
  await expect(page.getByRole('alert')).toContainText('範囲外');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});

test('window.hvv.configure validates and applies', async ({ page }) => {
  await page.goto('/?vms=1&vmq=0');
  await page.waitForFunction(() => !!window.hvv);
  const bad = await page.evaluate(() => window.hvv?.configure({ vms: 500, vmq: 'maybe' }));
  expect(bad?.ok).toBe(false);
  expect(bad && !bad.ok && bad.errors.map((e) => e.key).sort()).toEqual(['vmq', 'vms']);
  const good = await page.evaluate(() => window.hvv?.configure({ vmq: true, vms: 3, adapter: ['synthetic', 'emulated', 'sriov'] }));
  expect(good).toEqual({ ok: true });
  await expect(page.getByRole('switch', { name: 'VMQ' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('combobox', { name: 'Adapter for vm3' })).toHaveValue('sriov');
});
