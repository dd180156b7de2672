import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { shot } from './shots';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Screenshots of the full app for the README and for review: 1600×900 and 1280×720, English and
 * Japanese, default view a few seconds after opening (packets moving), then paused.
 */
const SIZES = [
  { w: 1600, h: 900 },
  { w: 1280, h: 720 },
];

for (const lang of ['en', 'ja'] as const) {
  for (const { w, h } of SIZES) {
    test(`screenshot ${lang} ${w}×${h}`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`/?lang=${lang}`);
      await page.waitForFunction(() => !!window.hvv);
      // Let packets move, then freeze the frame so the picture is deterministic enough to review.
      await page.waitForTimeout(2500);
      await page.evaluate(() => window.hvv?.pause());
      // Follow a packet that is still on its way: the inspector shows its frame, layers and hops.
      await page.evaluate(() => {
        const h = window.hvv;
        if (!h) return;
        const done = new Set(h.trace({ limit: 5000 }).filter((e) => e.kind === 'deliver' || e.kind === 'drop').map((e) => e.packet));
        const sends = h.trace({ kind: 'send', limit: 200 }).filter((e) => e.path !== 'control' && !done.has(e.packet));
        const pick = sends[sends.length - 1];
        if (pick && pick.packet !== null) h.select(pick.packet);
        else h.select('root.netvsp.vm2');
      });
      await page.waitForTimeout(300);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.screenshot({ path: shot(`app-${lang}-${w}x${h}.png`) });
    });
  }
}
