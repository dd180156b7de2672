import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** Language switching, because-notes from the real engine, narrow layouts. */

test('switching language keeps the simulation where it is', async ({ page }) => {
  await page.goto('/?vms=3&adapter=emulated,synthetic,sriov&vmq=0&t=300000&play=0');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('switch', { name: 'VMQ' }).click();
  const before = await page.evaluate(() => window.hvv?.stats());
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('button', { name: '再生' })).toBeVisible();
  // Same run, same moment, same configuration; the switch keeps its name.
  expect(await page.evaluate(() => window.hvv?.stats())).toEqual(before);
  await expect(page.getByRole('switch', { name: 'VMQ' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('combobox', { name: 'vm1 のアダプター' })).toHaveValue('emulated');
  await expect.poll(() => page.url()).toContain('lang=ja');
  await page.getByRole('combobox', { name: '言語' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('an SR-IOV adapter change leaves a because-note at the VF, with its number', async ({ page }) => {
  await page.goto('/?vms=1&adapter=synthetic&sriov=1&traffic=udp-out&t=300000&play=0');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('combobox', { name: 'Adapter for vm1' }).selectOption('sriov');
  // The VF carries data only after the vPCI offer and SWITCH_DATA_PATH: advance, then look.
  await page.evaluate(() => window.hvv?.advance(600_000));
  await expect
    .poll(async () => (await page.evaluate(() => window.hvv?.state().notes ?? [])).find((n) => n.key === 'because.viaVf'))
    .toMatchObject({ componentId: expect.stringMatching(/^nic\.vf\.\d+$/), params: { vm: 'vm1' } });
  // Screen readers hear it through the polite status region.
  await expect(page.getByRole('status').filter({ hasText: 'now sends through VF' })).toHaveCount(1);
});

test('on a narrow screen the side panels are drawers behind the header toggles', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await page.goto('/?vms=1');
  await page.waitForFunction(() => !!window.hvv);
  await expect(page.getByRole('switch', { name: 'VMQ' })).toHaveCount(0);
  // The panel toggles live in the header's View menu.
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await page.getByRole('button', { name: 'Controls' }).click();
  await expect(page.getByRole('switch', { name: 'VMQ' })).toBeVisible();
  await page.getByRole('complementary', { name: 'Controls' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('switch', { name: 'VMQ' })).toHaveCount(0);
  // Selecting something opens the inspector drawer.
  await page.evaluate(() => window.hvv?.select('nic'));
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('Physical NIC');
});

test('once its code is here, the inspector opens on the first selection without waiting on Suspense', async ({ page }) => {
  // React.lazy suspends on its first render even for a chunk fetched long before, and React 19
  // then holds the content back for up to 300 ms: the first packet click took 340 ms (issue 13).
  await page.setViewportSize({ width: 1600, height: 900 }); // narrower than 1800: the inspector opens on a selection
  await page.goto('/?vms=2&play=0&t=300000');
  await page.waitForFunction(() => !!window.hvv);
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((r) => /\/Inspector-[\w-]+\.js$/.test(r.name))), { timeout: 10_000 })
    .toBe(true);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('inspector-panel')).toHaveCount(0);
  const frames = await page.evaluate(async () => {
    const id = window.hvv?.trace({ limit: 200 }).find((e) => e.packet !== null)?.packet ?? null;
    window.hvv?.select(id);
    for (let n = 1; n <= 30; n++) {
      await new Promise((r) => requestAnimationFrame(r));
      if (document.querySelector('[data-testid=inspector-panel] article[aria-label^="Packet"]')) return n;
    }
    return -1;
  });
  expect(frames).toBeGreaterThan(0);
  expect(frames).toBeLessThanOrEqual(2);
});

test('on a phone the legend starts folded and, opened, stays clear of the lessons pill', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?play=0');
  await page.waitForFunction(() => !!window.hvv);
  const legend = page.getByTestId('diagram-legend');
  const toggle = legend.getByRole('button', { name: 'Show legend' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(legend).toContainText('VMBus');
  const pill = page.getByRole('button', { name: 'Lessons and quiz' });
  const [a, b] = [await legend.boundingBox(), await pill.boundingBox()];
  expect(a && b).toBeTruthy();
  const overlapX = Math.min(a!.x + a!.width, b!.x + b!.width) - Math.max(a!.x, b!.x);
  const overlapY = Math.min(a!.y + a!.height, b!.y + b!.height) - Math.max(a!.y, b!.y);
  expect(overlapX <= 0 || overlapY <= 0, `legend ${JSON.stringify(a)} and pill ${JSON.stringify(b)} overlap`).toBe(true);
});
