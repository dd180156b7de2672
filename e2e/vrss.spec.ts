import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** Root LPs that copied frames into vm1's receive buffer among the newest events. */
async function copyLps(page: import('@playwright/test').Page): Promise<number[]> {
  return page.evaluate(() => {
    const evs = window.hvv?.trace({ kind: 'copy', vm: 'vm1', limit: 400 }) ?? [];
    const lps = evs.filter((e) => e.detail.startsWith('NetVSP copies') && e.cpu).map((e) => e.cpu!.lp);
    return [...new Set(lps)].sort((a, b) => a - b);
  });
}

/** Issue 11: the vRSS switch opens subchannels on a running VM, spreads its receive work, and the link reopens it. */
test('vRSS on: subchannels open, the copy spreads over LPs, queues per VM change them, and ?vrss=1 reopens it', async ({ page }) => {
  await page.goto('/?scenario=vrss&vrss=0&vmmq=0&play=0&t=1500000');
  await page.waitForFunction(() => !!window.hvv);
  const vrss = page.getByRole('switch', { name: 'vRSS' });
  const vmmq = page.getByRole('switch', { name: 'VMMQ' });
  await expect(vrss).toHaveAttribute('aria-checked', 'false');
  await expect(vmmq).toHaveAttribute('aria-checked', 'false');
  await page.evaluate(() => window.hvv?.advance(500_000));
  expect(await copyLps(page)).toEqual([1]); // one VMQ queue, one LP

  await vrss.click();
  await expect(vrss).toHaveAttribute('aria-checked', 'true');
  await page.evaluate(() => window.hvv?.advance(1_500_000));
  await expect(page.getByTestId('fold-channels').first()).toContainText('×4 channels');
  await expect(page.getByRole('combobox', { name: 'Queues for vm1' })).toHaveValue('4');
  await expect(page.getByTestId('vm-channels')).toHaveText('4 channels open (4 vCPUs)');
  expect(await copyLps(page)).toEqual([1, 2, 3, 4]);
  await expect.poll(() => new URL(page.url()).searchParams.get('ch') ?? '', { timeout: 5000 }).toMatch(/^\d+:vrss:1$/);

  await page.getByRole('combobox', { name: 'Queues for vm1' }).selectOption('2');
  await page.evaluate(() => window.hvv?.advance(1_000_000));
  await expect(page.getByTestId('vm-channels')).toHaveText('2 channels open (4 vCPUs)');
  await expect.poll(() => new URL(page.url()).searchParams.get('ch') ?? '', { timeout: 5000 }).toMatch(/nic:vm1:queues=2/);

  // A link with vRSS on from the start: the subchannels open at boot.
  await page.goto('/?scenario=vrss&vrss=1&vmmq=0&play=0&t=2500000');
  await page.waitForFunction(() => !!window.hvv);
  await expect(page.getByRole('switch', { name: 'vRSS' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('switch', { name: 'VMMQ' })).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByTestId('fold-channels').first()).toContainText('×4 channels');
});
