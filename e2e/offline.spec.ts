import { expect, test } from '@playwright/test';

// Once loaded, the app needs no network: every chunk is fetched at start-up and nothing is
// requested from other hosts, so a classroom with a flaky connection keeps working.
test('works offline once loaded, and never requests another host', async ({ page, context }) => {
  const foreign: string[] = [];
  const failed: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !u.protocol.startsWith('data') && !u.protocol.startsWith('blob')) foreign.push(r.url());
  });
  // The browser may fetch the tab icon on its own schedule; that is not the app asking for data.
  page.on('requestfailed', (r) => !r.url().endsWith('/favicon.svg') && failed.push(r.url()));
  await page.goto('/?vms=2');
  await page.waitForFunction(() => !!window.hvv);
  await page.waitForLoadState('networkidle');
  // The inspector's chunk is fetched 1.5 s after the first render (App.tsx, PRELOAD_INSPECTOR_MS),
  // which can be after the network first goes quiet: "loaded" includes that preload.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/Inspector-[^/]*\.js$/.test(e.name)));
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);

  await page.getByRole('button', { name: 'Metrics', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Metrics' }).getByTestId('chart-latency')).toBeVisible();
  await page.getByRole('button', { name: 'Metrics', exact: true }).click();
  await page.getByTestId('lessons-dock-open').click();
  await expect(page.getByTestId('lessons-dock')).toBeVisible();
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  const before = await page.evaluate(() => window.hvv!.stats().events);
  await page.evaluate(() => window.hvv!.play());
  await expect.poll(() => page.evaluate(() => window.hvv!.stats().events)).toBeGreaterThan(before);

  expect(failed, failed.join('\n')).toEqual([]);
  expect(foreign).toEqual([]);
});
