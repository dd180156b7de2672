import { pressPresenter } from './panels';
import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { shot } from './shots';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** README screenshots: presenter mode at 1600×900 and the embed at 480×320 (docs/screenshots). */

test.use({ viewport: { width: 1600, height: 900 } });

test('presenter mode at 1600×900', async ({ page }) => {
  await page.goto('/?lang=en&lesson=sriov&step=3');
  await page.waitForFunction(() => !!window.hvv);
  await pressPresenter(page);
  // Let packets move, then hold still for the picture; the entry toast goes first.
  await page.waitForTimeout(3_500);
  await page.evaluate(() => window.hvv?.pause());
  await page.mouse.move(1599, 1);
  await page.screenshot({ path: shot('presenter-1600x900.png') });
});

test('embed at 480×320', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 320 });
  await page.goto('/?lang=en&embed=1&vms=2&adapter=sriov,synthetic&sriov=1&traffic=udp-in');
  await page.waitForFunction(() => !!window.hvv);
  await expect(page.getByTestId('embed-root')).toBeVisible();
  await page.waitForTimeout(1_500);
  await page.evaluate(() => window.hvv?.pause());
  await page.mouse.move(479, 1);
  await page.screenshot({ path: shot('embed-480x320.png') });
});
