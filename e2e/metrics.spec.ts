import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './export-helpers';
import { shot } from './shots';

/** Live metrics charts and the side-by-side comparison; screenshots for the README. */

const FOUR_VMS_RX = 'vms=4&adapter=synthetic&flows=ext:vm1:udp:1500:150k,ext:vm2:udp:1500:150k,ext:vm3:udp:1500:150k,ext:vm4:udp:1500:150k';

async function advanceWhileWatching(page: Page, steps: number, ns: number) {
  for (let i = 0; i < steps; i++) {
    await page.evaluate((n) => window.hvv!.advance(n), ns);
    await page.waitForTimeout(350); // the panel polls about 3 times a second
  }
}

test('the metrics panel draws every chart with labelled axes, sources and units', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?vms=3&adapter=synthetic,emulated,sriov&sriov=1&speed=20us');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('button', { name: 'Metrics', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Metrics' });
  await expect(panel).toBeVisible();
  await advanceWhileWatching(page, 8, 150_000);

  const latency = panel.getByTestId('chart-latency');
  await expect(latency.locator('svg[role="img"]')).toBeVisible();
  await expect(latency.locator('path[data-series="synthetic"]')).toHaveCount(1);
  await expect(latency.locator('path[data-series="emulated"]')).toHaveCount(1);
  await expect(latency).toContainText('Latency, send to delivery (µs, log scale)');
  await expect(latency.getByTestId('latency-table')).toContainText('Emulated (Intel 21140)');

  const throughput = panel.getByTestId('chart-throughput');
  await expect(throughput.locator('path[data-series]')).toHaveCount(3);
  await expect(throughput).toContainText(/Throughput \((G|M|k)bit\/s\)/);
  await expect(throughput).toContainText('Simulated time (µs)');

  await expect(panel.getByTestId('chart-cpu').locator('path[data-series="root"]')).toHaveCount(1);
  await expect(panel.getByTestId('chart-lp').locator('svg')).toHaveAttribute('aria-label', /8 logical processors; the busiest is LP\d+/);
  await expect(panel.getByTestId('chart-per-packet').locator('rect[data-bar="emulated:vmExits"]')).toHaveCount(1);
  await expect(panel.getByTestId('chart-rings').locator('[data-meter]').first()).toBeVisible();

  // Where a figure comes from: the cost-table rows, with "model estimate" where the table says so.
  const sources = panel.getByTestId('sources-latency');
  await expect(sources.locator('summary')).toHaveAttribute('title', /H6 — NetVSP RX/);
  await sources.locator('summary').click();
  await expect(sources).toContainText('H12');
  await expect(sources).toContainText('model estimate');
  errors.check();
});

test('the LP heat strip shows LP0 saturating without VMQ and the load spreading with it', async ({ page }) => {
  const errors = watchErrors(page);
  const busiest = async (vmq: 0 | 1) => {
    await page.goto(`/?${FOUR_VMS_RX}&vmq=${vmq}&speed=1ms&panel=metrics`);
    await page.waitForFunction(() => !!window.hvv);
    await expect(page.getByTestId('metrics-panel')).toBeVisible();
    // 4 ms, so that the utilisation window is mostly past the VMs' bring-up (never clipped, D1).
    await advanceWhileWatching(page, 10, 400_000);
    const label = (await page.getByTestId('chart-lp').locator('svg').getAttribute('aria-label')) ?? '';
    const m = /busiest is LP(\d+) at (\d+)%/.exec(label);
    expect(m).not.toBeNull();
    return { lp: Number(m![1]), util: Number(m![2]) };
  };
  const off = await busiest(0);
  expect(off.lp).toBe(0);
  expect(off.util).toBeGreaterThanOrEqual(90);
  await page.getByTestId('chart-lp').screenshot({ path: shot('metrics-lp-without-vmq.png') });
  const on = await busiest(1);
  expect(on.lp).not.toBe(0);
  await page.getByTestId('chart-lp').screenshot({ path: shot('metrics-lp-with-vmq.png') });
  errors.check();
});

test('metrics panel screenshot (English and Japanese)', async ({ page }) => {
  const errors = watchErrors(page);
  for (const lang of ['en', 'ja'] as const) {
    await page.goto(`/?lang=${lang}&vms=3&adapter=synthetic,emulated,sriov&sriov=1&speed=20us&panel=metrics`);
    await page.waitForFunction(() => !!window.hvv);
    await advanceWhileWatching(page, 8, 150_000);
    await page.evaluate(() => window.hvv!.pause());
    if (lang === 'ja') await expect(page.getByTestId('chart-latency')).toContainText('経路ごとの遅延分布');
    await page.screenshot({ path: shot(`metrics-panel-${lang}.png`) });
  }
  errors.check();
});

test('the comparison runs the four paths from one seed and shows where the time goes', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/?seed=3&play=0&panel=compare');
  await page.waitForFunction(() => !!window.hvv);
  const dialog = page.getByRole('dialog', { name: 'Compare paths' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Simulated duration').selectOption('2000000');
  await dialog.getByRole('button', { name: 'Run comparison' }).click();
  const totals = dialog.getByTestId('compare-totals');
  await expect(totals).toBeVisible({ timeout: 90_000 });
  await expect(totals.locator('tbody tr')).toHaveCount(4);

  await page.waitForTimeout(300);
  await page.screenshot({ path: shot('metrics-compare-en.png') });

  const cell = async (c: string, col: string) => Number(((await totals.locator(`tr[data-case="${c}"] td[data-col="${col}"]`).textContent()) ?? '').replace(/,/g, ''));
  expect(await cell('emulated', 'exits')).toBeGreaterThan(1);
  expect(await cell('synthetic', 'exits')).toBe(0);
  expect(await cell('sriov', 'root')).toBeLessThan((await cell('synthetic', 'root')) / 10);
  expect(await cell('emulated', 'root')).toBeGreaterThan((await cell('synthetic', 'root')) * 3);

  // Where the time goes: the emulated bar is mostly worker process and VM exits.
  const cats = dialog.getByTestId('compare-categories');
  await expect(cats.locator('g[data-row="emulated"] rect[data-segment="worker"]')).toHaveCount(1);
  // SR-IOV bypasses the switch: at most a packet that crossed before the data path switched.
  const swCycles = async (row: string) => {
    const seg = cats.locator(`g[data-row="${row}"] rect[data-segment="vswitch"]`);
    return (await seg.count()) > 0 ? Number(await seg.getAttribute('data-value')) : 0;
  };
  expect(await swCycles('sriov')).toBeLessThan((await swCycles('synthetic')) / 20);
  await expect(dialog.getByTestId('compare-timeline').locator('path[data-series]')).toHaveCount(4);

  // Per-hop table with the source of every figure.
  const hops = dialog.getByTestId('compare-hops');
  await expect(hops.getByRole('tab', { name: 'Emulated' })).toHaveAttribute('aria-selected', 'true');
  // Hyper-V names, never raw or folded ids.
  await expect(hops.locator('tbody tr[data-category="worker"]').first()).toContainText('VID → VMWP (each VM)');
  await expect(hops.locator('tbody')).not.toContainText(/root\.|vmN|nic\.queue/);
  await expect(hops).toContainText('H12');
  await hops.getByRole('tab', { name: 'SR-IOV' }).click();
  for (const times of await hops.locator('tbody tr[data-category="vswitch"] td:nth-child(4)').allTextContents()) expect(Number(times)).toBeLessThan(0.05);
  await hops.getByRole('tab', { name: 'Emulated' }).click();
  await hops.screenshot({ path: shot('metrics-compare-hops-en.png') });
  errors.check();
});
