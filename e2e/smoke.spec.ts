import { expect, test } from '@playwright/test';

test('the built app loads and the engine runs', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/');
  await expect(page).toHaveTitle(/Hyper-V Visualizer/);
  // The default scenario plays on load: events accumulate.
  await expect
    .poll(async () => page.evaluate(() => (window as unknown as { hvv?: { stats(): { events: number } } }).hvv?.stats().events ?? 0), { timeout: 10_000 })
    .toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
