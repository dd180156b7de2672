import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** A raw component id: `vm1.stack`, `root.netvsp.vm1`, `nic.queue.default`, `lp.0`, or a bare `nic`. */
const RAW_ID = /\b(vm\d+\.[a-z]|root\.[a-z]|nic\.[a-z]|lp\.\d)|^nic$|\bnic → nic\b/;

/**
 * Every name the inspector shows a learner is the Hyper-V name in their language, never a raw id
 * (issue 9): a packet's hops read "TCP/IP stack (vm1) → NetVSC (vm1)", not "vm1.stack →
 * vm1.netvsc"; a hop inside one component names it once; Japanese states are translated.
 */
for (const lang of ['en', 'ja'] as const) {
  test(`the packet and component inspectors name components, never ids (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}&adapter=synthetic&play=0`);
    await page.waitForFunction(() => !!window.hvv);
    // vm1's NetVSC shows its channel and NVSP states in words of the page's language.
    await page.evaluate(() => window.hvv?.select('vm1.netvsc'));
    const channel = lang === 'en' ? 'open · NVSP ready' : 'オープン · NVSP 準備完了';
    // The inspector's chunk loads when the page is idle: give a loaded machine time for it.
    await expect(page.getByText(channel, { exact: true })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('inspector-component-name')).toContainText('NetVSC (vm1)');
    await expect(page.getByRole('article', { name: 'NetVSC (vm1)' })).toBeVisible();
    // Issue 11 (D4, D5): its send buffer (170 sections of 6,144 B) and its send queue.
    await expect(page.getByText(lang === 'en' ? /of 170 sections of 6,144 B free/ : /6,144 B のセクション 170 個のうち/)).toBeVisible();
    await expect(page.getByText(lang === 'en' ? 'running' : '動作中', { exact: true })).toBeVisible();

    // A data packet from vm1's stack, once it is well on its way.
    await page.evaluate(() => window.hvv?.advance(400_000));
    const id = await page.evaluate(() => window.hvv?.trace({ limit: 20_000 }).find((e) => e.from === 'vm1.stack' && e.to === 'vm1.netvsc' && e.packet !== null)?.packet ?? null);
    expect(id).not.toBeNull();
    await page.evaluate((p) => window.hvv?.advance(30_000) && window.hvv?.select(p as number), id);
    const hops = page.getByTestId('hop-name');
    await expect(hops.first()).toBeVisible();
    const names = await hops.allInnerTexts();
    expect(names.length).toBeGreaterThan(2);
    for (const n of names) expect(n, n).not.toMatch(RAW_ID);
    expect(names).toContain(lang === 'en' ? 'TCP/IP stack (vm1) → NetVSC (vm1)' : 'TCP/IP スタック (vm1) → NetVSC (vm1)');
  });
}

test('the emulated NIC shows its vCPU stall time (issue 11, D8), in English and Japanese', async ({ page }) => {
  for (const lang of ['en', 'ja'] as const) {
    await page.goto(`/?lang=${lang}&vms=1&adapter=emulated&play=0`);
    await page.waitForFunction(() => !!window.hvv);
    await page.evaluate(() => window.hvv?.advance(2_000_000));
    await page.evaluate(() => window.hvv?.select('vm1.legacy'));
    await expect(page.getByText(lang === 'en' ? /of the run; not in the CPU figures/ : /CPU の数値には含まれない/)).toBeVisible();
  }
});
