import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { settleDiagram } from './legibility';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Issue 8, many VMs: at 16 and 64 VMs the "N more VMs" group shows each VM's throughput as a
 * small live figure (number and bar, unit in the caption) and no packet glyph over it; expanding
 * one VM leaves the rest of the diagram where it was on screen.
 */

const figures = (page: Page) =>
  page.getByTestId('vm-figure').evaluateAll((els) =>
    els.map((el) => ({ vm: el.getAttribute('data-vm') ?? '', n: Number(el.getAttribute('data-in-flight')), text: el.querySelector('[data-testid="vm-rate"]')?.textContent ?? '' })),
  );

/** Packet pixels the overlay drew inside the group, its border band (where links arrive) excluded. */
async function packetPixelsInGroup(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="packet-overlay"]');
    const group = document.querySelector('[data-testid="collapsed-vms"]');
    if (!canvas || !group) return -1;
    const c = canvas.getBoundingClientRect();
    const g = group.getBoundingClientRect();
    const dpr = canvas.width / c.width;
    const m = 14; // glyphs of packets waiting at the edge reach this far in
    const x0 = Math.max(0, Math.round((g.left - c.left + m) * dpr));
    const y0 = Math.max(0, Math.round((g.top - c.top + m) * dpr));
    const x1 = Math.min(canvas.width, Math.round((g.right - c.left - m) * dpr));
    const y1 = Math.min(canvas.height, Math.round((g.bottom - c.top - m) * dpr));
    if (x1 <= x0 || y1 <= y0) return 0;
    const data = canvas.getContext('2d')?.getImageData(x0, y0, x1 - x0, y1 - y0).data;
    let n = 0;
    if (data) for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 40) n++;
    return n;
  });
}

for (const lang of ['en', 'ja']) {
  test(`${lang}, 64 VMs: the collapsed group shows a live figure per VM (packets in flight), with its unit, and no packets over them`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?vms=64&lang=${lang}`);
    await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
    await settleDiagram(page);
    await expect(page.getByTestId('vm-figure')).toHaveCount(62);
    await expect(page.getByTestId('collapsed-rate-caption')).toContainText(lang === 'en' ? 'Packets in flight per VM' : '転送中のパケット数');
    // Numbers move as the engine runs, and the number on the face is the figure's own.
    await expect.poll(async () => (await figures(page)).filter((f) => f.n > 0).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await figures(page);
    await page.waitForTimeout(2500);
    const after = await figures(page);
    const changed = after.filter((f, i) => f.n !== before[i]?.n).length;
    console.log(`[many-vms] ${lang}: ${after.filter((f) => f.n > 0).length}/62 VMs with packets in flight; ${changed} figures changed in 2.5 s; e.g. ${after.slice(0, 4).map((f) => `${f.vm}=${f.text}`).join(', ')}`);
    expect(changed).toBeGreaterThan(0);
    for (const f of after) expect(f.text).toBe(String(f.n));
    // Each figure's name says the VM, its packets in flight and its throughput with the unit.
    const name = await page.getByTestId('vm-figure').first().getAttribute('aria-label');
    expect(name).toMatch(lang === 'en' ? /vm3 in full \(\d+ packets? in flight, throughput [\d.,]+ (bit|kbit|Mbit|Gbit)\/s\)/ : /vm3 を全体表示 \(転送中のパケット \d+ 個、スループット/);
    // The packets of collapsed VMs stop at the group's edge: none drawn over the figures.
    let worst = 0;
    for (let i = 0; i < 5; i++) {
      worst = Math.max(worst, await packetPixelsInGroup(page));
      await page.waitForTimeout(150);
    }
    expect(worst).toBe(0);
    await page.getByTestId('overload-note').getByRole('button').first().click().catch(() => {});
    await page.screenshot({ path: `test-results/screenshots/many-vms-64-1280x720-${lang}.png` });
  });
}

test('16 VMs: every collapsed VM has its figure', async ({ page }) => {
  await page.goto('/?vms=16');
  await page.waitForFunction(() => !!window.hvv);
  await settleDiagram(page);
  await expect(page.getByTestId('vm-figure')).toHaveCount(14);
  await expect.poll(async () => (await figures(page)).some((f) => f.n > 0), { timeout: 15_000 }).toBe(true);
});

/** Screen position of every diagram node, by id. */
const nodePositions = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, { x: number; y: number }> = {};
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      out[el.getAttribute('data-id') ?? ''] = { x: r.x, y: r.y };
    }
    return out;
  });

for (const detail of ['auto', 'full'] as const) {
  test(`64 VMs (${detail} level): expanding a VM leaves every other node where it was on screen`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/?vms=64');
    await page.waitForFunction(() => !!window.hvv);
    await page.evaluate(() => window.hvv!.pause());
    await settleDiagram(page);
    if (detail === 'full' && (await page.getByTestId('diagram').getAttribute('data-lod-level')) !== 'full') {
      await page.getByTestId('detail-toggle').click();
      await settleDiagram(page);
    }
    const before = await nodePositions(page);
    // Scroll the group's own list to vm40, as a user would (scrolling the chip into view from the
    // test could scroll the diagram's pane itself), then click it.
    await page.evaluate(() => {
      const chip = document.querySelector<HTMLElement>('[data-testid="vm-figure"][data-vm="vm40"]');
      const list = chip?.closest('ul');
      if (chip && list) list.scrollTop = chip.offsetTop - list.offsetTop - 4;
    });
    await page.getByRole('button', { name: /^Show vm40 in full/ }).click();
    await expect(page.getByTestId('diagram')).toHaveAttribute('data-visible-vms', 'vm1,vm40');
    await settleDiagram(page);
    const after = await nodePositions(page);
    const common = Object.keys(before).filter((id) => id in after && id !== '');
    let worst = 0;
    for (const id of common) {
      const d = Math.hypot((after[id]?.x ?? 0) - (before[id]?.x ?? 0), (after[id]?.y ?? 0) - (before[id]?.y ?? 0));
      if (d > worst) worst = d;
      expect(d, id).toBeLessThanOrEqual(2);
    }
    // vm40 takes vm2's place: its zone sits where vm2's was.
    const vm2 = before['zone.vm2'] ?? before['f.vm2.guest'];
    const vm40 = after['zone.vm40'] ?? after['f.vm40.guest'];
    expect(vm2 && vm40 && Math.hypot(vm40.x - vm2.x, vm40.y - vm2.y)).toBeLessThanOrEqual(2);
    console.log(`[many-vms] expand vm40 (${await page.getByTestId('diagram').getAttribute('data-lod-level')}): ${common.length} nodes kept, largest move ${worst.toFixed(2)} px`);
    expect(common.length).toBeGreaterThan(15);
  });
}
