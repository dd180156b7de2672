import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { settleDiagram } from './legibility';
import { shot } from './shots';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * README pictures of the diagram at every size it is shown (issue 8), in English and Japanese:
 * presenter 1024×768 with a lesson and 1920×1080, the app at 1280×720, embeds at 800×450 and
 * 480×320, a phone at 390×844. Written to docs/screenshots with `npm run screenshots`.
 */
const SHOTS = [
  { name: 'presenter-1024x768', w: 1024, h: 768, q: 'lesson=sriov&step=3', presenter: true },
  { name: 'presenter-1920x1080', w: 1920, h: 1080, q: 'lesson=vmbus&step=2', presenter: true },
  { name: 'app-1280x720', w: 1280, h: 720, q: '' },
  { name: 'embed-800x450', w: 800, h: 450, q: 'embed=1' },
  { name: 'embed-480x320', w: 480, h: 320, q: 'embed=1' },
  { name: 'phone-390x844', w: 390, h: 844, q: '' },
];

async function take(page: Page, s: (typeof SHOTS)[number], lang: string) {
  await page.setViewportSize({ width: s.w, height: s.h });
  await page.goto(`/?lang=${lang}${s.q ? `&${s.q}` : ''}`);
  await page.waitForFunction(() => !!window.hvv);
  if (s.presenter) {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('p');
    await expect(page.getByTestId('presenter-bar')).toBeVisible();
  }
  // Let packets move, then hold still for the picture (the entry toast goes first).
  await page.waitForTimeout(3_500);
  await page.evaluate(() => window.hvv?.pause());
  await settleDiagram(page);
  await page.mouse.move(s.w - 1, 1);
  await page.screenshot({ path: shot(`classroom-${s.name}-${lang}.png`) });
}

// Twelve pictures: taken by `npm run screenshots` only, not on every test run.
test.skip(!process.env.UPDATE_SCREENSHOTS, 'screenshots are refreshed on purpose');

for (const lang of ['en', 'ja']) {
  for (const s of SHOTS) {
    test(`screenshot ${s.name} (${lang})`, async ({ page }) => {
      await take(page, s, lang);
    });
  }
}
