import { expect, test } from '@playwright/test';

/**
 * Calm start (issue 8): nothing shifts after first paint. Cumulative layout shift from the Layout
 * Instability API over the first seconds, with no input, at the sizes the product is shown.
 */
const CASES = [
  { w: 1280, h: 720, q: 'lang=en' },
  { w: 1600, h: 900, q: 'lang=ja' },
  { w: 1024, h: 768, q: 'lang=en' },
  { w: 390, h: 844, q: 'lang=en' },
  { w: 800, h: 450, q: 'lang=en&embed=1' },
];

for (const c of CASES) {
  test(`CLS ≤ 0.02 at ${c.w}×${c.h} (${c.q})`, async ({ page }) => {
    await page.setViewportSize({ width: c.w, height: c.h });
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number; __shifts: string[] };
      w.__cls = 0;
      w.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
          if (e.hadRecentInput) continue;
          w.__cls += e.value;
          const n = e.sources?.[0]?.node as HTMLElement | undefined;
          w.__shifts.push(`${e.value.toFixed(4)} ${n?.tagName ?? '?'}.${typeof n?.className === 'string' ? n.className.slice(0, 60) : ''}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`/?${c.q}`);
    await page.waitForFunction(() => !!(window as unknown as { hvv?: unknown }).hvv);
    await page.waitForTimeout(3_000);
    const { cls, shifts } = await page.evaluate(() => {
      const w = window as unknown as { __cls: number; __shifts: string[] };
      return { cls: w.__cls, shifts: w.__shifts };
    });
    console.log(`[cls] ${c.w}×${c.h} ${c.q}: ${cls.toFixed(4)}${shifts.length ? ` (${shifts.join(' | ')})` : ''}`);
    expect(cls).toBeLessThanOrEqual(0.02);
  });
}
