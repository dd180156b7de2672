import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './export-helpers';
import { shot } from './shots';

/**
 * Issue 11 offloads: turn LSO on for vm2 in the controls, see its large send in the packet
 * inspector (one VMBus packet carrying many frames, GPA-direct), measure what each offload saves
 * per byte in Compare, and reopen the link with LSO still on. Simulated time is advanced with
 * hvv.advance, never waited for.
 */
const TWO_TX = 'vms=2&adapter=synthetic&flows=vm1:ext:udp:1500:100k,vm2:ext:udp:1500:100k&seed=1&play=0';

async function lsoSwitch(page: Page) {
  const box = page.getByTestId('offloads-vm2');
  if (!(await box.evaluate((d) => (d as HTMLDetailsElement).open))) await box.locator('summary').click();
  return page.getByRole('switch', { name: 'LSO for vm2' });
}

test('LSO for vm2: switched on in the controls, seen in the inspector, kept by the link', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto(`/?lang=en&${TWO_TX}`);
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => window.hvv!.advance(500_000));
  const lso = await lsoSwitch(page);
  await expect(lso).toHaveAttribute('aria-checked', 'false');
  await lso.focus();
  await page.keyboard.press('Enter');
  await expect(lso).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('offloads-vm2').locator('summary')).toContainText('LSO On');

  // A large send of vm2 on its way (caught just after it enters the ring, while it is in flight):
  // one VMBus packet for all its frames.
  const id = await page.evaluate(() => {
    const seen = new Set(window.hvv!.trace({ limit: 20_000 }).map((e) => e.packet));
    for (let i = 0; i < 200; i++) {
      window.hvv!.advance(10_000);
      const e = window.hvv!.trace({ limit: 2_000 }).find((x) => x.to === 'vm2.vmbus.out' && x.packet !== null && !seen.has(x.packet) && (x.note ?? '').includes('LSO, GPA-direct'));
      if (e) return e.packet;
    }
    return null;
  });
  expect(id).not.toBeNull();
  await page.evaluate((p) => window.hvv!.select(p as number), id);
  await expect(page.getByText(/one VMBus packet carries 44 frames \(LSO, GPA-direct\)/).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/checksum \(0\) and LSO \(2\) PPIs/).first()).toBeVisible();
  await page.screenshot({ path: shot('offloads-inspector-en.png') });

  // The link carries the live change and reopens it.
  const link = await page.evaluate(() => window.hvv!.link());
  expect(link).toMatch(/nic:vm2:lso(=|%3D)1/);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForFunction(() => !!window.hvv);
  await expect(await lsoSwitch(again)).toHaveAttribute('aria-checked', 'true');
  errors.check();
});

test('a link with lso=0,1 opens with LSO on for vm2 only; Compare measures what each offload saves (ja)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/?lang=ja&${TWO_TX}&lso=0,1&panel=compare`);
  await page.waitForFunction(() => !!window.hvv);
  const url = await page.evaluate(() => window.hvv!.state().url);
  expect(url.lso).toEqual([false, true]);
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'オフロードを測る' }).click();
  const table = dialog.getByTestId('offload-savings-table');
  await expect(table.locator('tbody tr')).toHaveCount(4, { timeout: 30_000 });
  await expect(dialog.getByTestId('offload-row-lso')).toContainText('LSO オン');
  await expect(dialog.getByTestId('offload-row-lso').locator('td').first()).toContainText('−');
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('offloads-compare-ja.png') });
  errors.check();
});
