import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Issue 9: every gesture shows its effect. A switch flip from `/` at the default speed either
 * shows a pending cue naming the step it waits for (and the route changes after "Skip to new
 * route"), or a note at the switch saying why nothing changes, with a one-click fix.
 */

const paths = (page: Page) => page.evaluate(() => window.hvv?.state().paths);

/**
 * Measure, inside the page, wall ms from the switch's click to the first frame where `selector`
 * is in the DOM (what the learner sees), independent of the test runner's own latency.
 */
async function armEffectTimer(page: Page, selector: string) {
  await page.evaluate((sel) => {
    const w = window as unknown as { __effectMs?: number };
    w.__effectMs = undefined;
    let clickedAt = 0;
    document.addEventListener('click', () => (clickedAt = performance.now()), { capture: true, once: true });
    const check = () => {
      if (clickedAt && document.querySelector(sel)) w.__effectMs = performance.now() - clickedAt;
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, selector);
  return async () => {
    await page.waitForFunction(() => (window as unknown as { __effectMs?: number }).__effectMs !== undefined, undefined, { timeout: 2000 });
    return page.evaluate(() => (window as unknown as { __effectMs: number }).__effectMs);
  };
}

test('from /, the default host shows all three paths and SR-IOV off shows its effect within 1 s', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  expect(await paths(page)).toEqual({ vm1: 'emulated', vm2: 'synthetic', vm3: 'sriov' });
  const measured = await armEffectTimer(page, '[data-testid="pending-cue"]');
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await expect(page.getByTestId('pending-cue').first()).toBeVisible({ timeout: 1000 });
  const elapsed = await measured();
  console.log(`SR-IOV off → pending cue in the DOM ${elapsed.toFixed(0)} ms after the click`);
  expect(elapsed).toBeLessThan(1000);
  await expect(page.getByTestId('pending-strip')).toContainText('vm3 waits for the VF removal');
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect.poll(() => paths(page)).toEqual({ vm1: 'emulated', vm2: 'synthetic', vm3: 'synthetic' });
  await expect(page.getByTestId('pending-strip')).toHaveCount(0);
  // The engine's own note says what changed, at the component.
  await expect(page.getByRole('note').filter({ hasText: 'vm3 fell back to the synthetic path' })).toBeVisible();
});

test('from /, SR-IOV back on names each bring-up step; VMQ off names the queue release', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect.poll(() => paths(page)).toMatchObject({ vm3: 'synthetic' });
  const started = Date.now();
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await expect(page.getByTestId('pending-cue').filter({ hasText: 'VF bring-up (vm3)' })).toBeVisible({ timeout: 1000 });
  expect(Date.now() - started).toBeLessThan(1000);
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect.poll(() => paths(page)).toMatchObject({ vm3: 'sriov' });

  const t0 = Date.now();
  await page.getByRole('switch', { name: 'VMQ' }).click();
  await expect(page.getByTestId('pending-strip')).toContainText('vm2 waits for the VMQ queue release', { timeout: 1000 });
  expect(Date.now() - t0).toBeLessThan(1000);
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect(page.getByTestId('pending-strip')).toHaveCount(0);
  await expect(page.getByRole('note').filter({ hasText: 'VMQ off' }).first()).toBeVisible();
});

test('SR-IOV with no SR-IOV adapter says why at the switch and fixes it in one click', async ({ page }) => {
  await page.goto('/?adapter=synthetic&traffic=udp-in&sriov=0');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  const note = page.getByTestId('effect-note');
  await expect(note).toContainText('No VM uses an SR-IOV adapter', { timeout: 1000 });
  await note.getByRole('button', { name: 'Give vm1 an SR-IOV adapter' }).click();
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('pending-strip')).toContainText('vm1', { timeout: 1000 });
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect.poll(() => paths(page)).toMatchObject({ vm1: 'sriov' });
});

test('ja: the pending cue and the note at the switch are in Japanese', async ({ page }) => {
  await page.goto('/?lang=ja&adapter=synthetic&traffic=udp-in&sriov=0');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await expect(page.getByTestId('effect-note')).toContainText('SR-IOV アダプターを使う VM がない');
  await page.getByTestId('effect-note').getByRole('button', { name: 'vm1 に SR-IOV アダプターを付ける' }).click();
  await expect(page.getByTestId('pending-strip')).toContainText('処理待ち');
  await expect(page.getByRole('button', { name: '新しい経路まで進める' })).toBeVisible();
});
