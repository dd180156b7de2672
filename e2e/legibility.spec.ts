import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { boxesCutAtSides, measureFit, measureLabels, settleDiagram, showFullDetail, untightOverflow } from './legibility';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Legibility budgets (issue 8): the effective size of every visible component label (CSS font
 * size × React Flow zoom) at each size the product is shown, in English and Japanese. Each case
 * prints its figures (`[legibility] …`) so a run doubles as the measurement.
 */

interface Case {
  name: string;
  w: number;
  h: number;
  query: string;
  budget: number;
  presenter?: boolean;
  /** Open a side panel after load. */
  panel?: 'inspector' | 'lessons';
}

const CASES: Case[] = [
  { name: 'normal 1280×720', w: 1280, h: 720, query: '', budget: 12 },
  { name: 'normal 1280×720 + inspector', w: 1280, h: 720, query: '', budget: 12, panel: 'inspector' },
  { name: 'normal 1280×720 + lesson', w: 1280, h: 720, query: 'lesson=vmbus&step=2', budget: 12 },
  { name: 'normal 1920×1080 + inspector', w: 1920, h: 1080, query: '', budget: 12, panel: 'inspector' },
  { name: 'presenter 1024×768 + lesson', w: 1024, h: 768, query: 'lesson=sriov&step=3', budget: 16, presenter: true },
  { name: 'presenter 1920×1080 + lesson', w: 1920, h: 1080, query: 'lesson=sriov&step=3', budget: 20, presenter: true },
  { name: 'embed 800×450', w: 800, h: 450, query: 'embed=1&vms=2&adapter=sriov,synthetic&sriov=1', budget: 12 },
  { name: 'embed 480×320', w: 480, h: 320, query: 'embed=1&vms=2&adapter=sriov,synthetic&sriov=1', budget: 11 },
  { name: 'phone 390×844', w: 390, h: 844, query: '', budget: 11 },
  { name: 'embed 480×320, 3 VMs', w: 480, h: 320, query: 'embed=1', budget: 11 },
  { name: 'phone 390×844, 16 VMs', w: 390, h: 844, query: 'vms=16', budget: 11 },
];

async function openCase(page: Page, c: Case, lang: string) {
  await page.setViewportSize({ width: c.w, height: c.h });
  await page.goto(`/?lang=${lang}${c.query ? `&${c.query}` : ''}`);
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => window.hvv?.pause());
  if (c.panel === 'inspector') await page.evaluate(() => window.hvv?.select('root.vswitch'));
  if (c.presenter) {
    // P works once the page's shortcuts are attached (a moment after first paint): press until it does.
    await expect(async () => {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      if (!(await page.getByTestId('presenter-bar').isVisible())) await page.keyboard.press('p');
      await expect(page.getByTestId('presenter-bar')).toBeVisible({ timeout: 1500 });
    }).toPass({ timeout: 10_000 });
  }
  await settleDiagram(page);
  await page.waitForTimeout(300);
  await settleDiagram(page);
}

for (const lang of ['en', 'ja']) {
  for (const c of CASES) {
    test(`labels ≥ ${c.budget} px: ${c.name} (${lang})`, async ({ page }) => {
      await openCase(page, c, lang);
      const m = await measureLabels(page);
      const level = await page.getByTestId('diagram').getAttribute('data-lod-level');
      console.log(
        `[legibility] ${c.name} ${lang}: min ${m.min} px, median ${m.median} px, zoom ${m.zoom}, ${m.count} labels, pane ${m.pane.w}×${m.pane.h}, level ${level ?? '-'}, smallest "${m.smallest}"`,
      );
      expect(m.count, 'some labels are visible').toBeGreaterThan(3);
      expect(m.min, `smallest label "${m.smallest}"`).toBeGreaterThanOrEqual(c.budget);
      // No horizontal scrolling at any size.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
      // On a phone and in the smallest embed the diagram opens with every box whole across its width.
      if (c.w <= 480) expect(await boxesCutAtSides(page), 'boxes cut at the pane’s left/right edge').toEqual([]);
      // Every label shows all its text inside its own box, over no other label (real glyphs: en and
      // ja). Polled: presenter type grows the text a frame before the boxes are laid out for it.
      await expect.poll(() => measureFit(page), { timeout: 3000 }).toEqual([]);
      // A box whose text does not fit is marked tight (its secondary line goes): checked in one pass.
      await expect.poll(() => untightOverflow(page), { timeout: 3000 }).toEqual([]);
    });
  }
  // Full detail is one click away at every size: its labels fit their boxes too (at the far-zoom
  // font, 19 px), with the default host and with a collapsed group.
  for (const q of ['', 'vms=16']) {
    test(`full detail: every label fits its box, 1600×900 ${q || 'default host'} (${lang})`, async ({ page }) => {
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.goto(`/?lang=${lang}${q ? `&${q}` : ''}`);
      await page.waitForFunction(() => !!window.hvv);
      await page.evaluate(() => window.hvv?.pause());
      await showFullDetail(page);
      await settleDiagram(page);
      expect(await measureFit(page)).toEqual([]);
      expect(await untightOverflow(page)).toEqual([]);
    });
  }
}
