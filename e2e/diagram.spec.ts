import { expect, test, type Page } from '@playwright/test';
import { showFullDetail } from './legibility';

/** The live diagram: nodes by accessible name, VM collapsing, the packet overlay, selection. */

type Hvv = {
  pause(): void;
  play(): void;
  state(): { selection: { kind: string; id: string | number } | null };
  stats(): { inFlight: number };
};

const hvv = (page: Page) => page.evaluate(() => (window as unknown as { hvv: Hvv }).hvv.state().selection);

async function open(page: Page, query: string, full = true) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${query}`);
  await expect(page.getByTestId('diagram')).toBeVisible();
  if (full) await showFullDetail(page);
  return errors;
}

test('one VM: every layer of the host has its node', async ({ page }) => {
  const errors = await open(page, '?vms=1');
  const diagram = page.getByTestId('diagram');
  for (const name of [
    'Hypervisor (hv)',
    'Physical NIC (nic)',
    'External network (wire)',
    'IOMMU (iommu)',
    'Embedded switch (nic.eswitch)',
    'VMQ receive queue (nic.queue.default)',
    'Logical processor (lp.0)',
    'Management OS (root.os)',
    'VMMS (root.vmms)',
    'VID (root.vid)',
    'VMBus (root) (root.vmbus)',
    'PF miniport (root.pf)',
    'Hyper-V extensible switch (root.vswitch)',
    'NetVSP of vm1 (root.netvsp.vm1)',
    'Worker process (VMWP) of vm1 (root.vmwp.vm1)',
    'vPCI VSP of vm1 (root.vpci.vm1)',
    'Guest network stack (vm1.stack)',
    'NetVSC (vm1.netvsc)',
    'Out ring (guest → host) (vm1.vmbus.out)',
    'In ring (host → guest) (vm1.vmbus.in)',
    'Emulated Intel 21140 (vm1.legacy)',
    'VF miniport (vm1.vf)',
    'vPCI VSC (vm1.vpci)',
    'VMBus (guest) (vm1.vmbus)',
    'Virtual processor (vm1.vp.0)',
  ]) {
    await expect(diagram.getByRole('button', { name, exact: true }), name).toBeVisible();
  }
  await expect(page.getByTestId('collapsed-vms')).toHaveCount(0);
  await expect(page.getByTestId('diagram-legend')).toContainText('VMBus');
  await expect(page.getByTestId('diagram-legend')).toContainText('SR-IOV');
  expect(errors).toEqual([]);
});

test('sixteen VMs: the rest collapse into a group, and any one can be expanded', async ({ page }) => {
  const errors = await open(page, '?vms=16');
  const diagram = page.getByTestId('diagram');
  const group = page.getByTestId('collapsed-vms');
  await expect(group).toBeVisible();
  await expect(group).toContainText('14 more VMs');
  await expect(diagram.getByRole('button', { name: 'NetVSC (vm1.netvsc)', exact: true })).toBeVisible();
  await expect(diagram.getByRole('button', { name: 'NetVSC (vm9.netvsc)', exact: true })).toHaveCount(0);
  await group.getByRole('button', { name: 'Show vm9 in full' }).click();
  await expect(diagram.getByRole('button', { name: 'NetVSC (vm9.netvsc)', exact: true })).toBeVisible();
  await expect(diagram.getByRole('button', { name: 'NetVSP of vm9 (root.netvsp.vm9)', exact: true })).toBeVisible();
  await expect(group.getByRole('button', { name: 'Show vm9 in full' })).toHaveCount(0);
  await expect(group).toContainText('14 more VMs');
  expect(errors).toEqual([]);
});

test('the overlay canvas draws the packets in flight', async ({ page }) => {
  await open(page, '?scenario=stress&vms=16&packets=500');
  const canvas = page.getByTestId('packet-overlay');
  await expect.poll(async () => Number(await canvas.getAttribute('data-drawn')), { timeout: 15_000 }).toBeGreaterThan(20);
  // Pixels, not just the counter: some of the canvas is painted.
  const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if ((d[i] as number) > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(100);
});

test('clicking a component selects it; Enter on a focused node does too', async ({ page }) => {
  await open(page, '?vms=2');
  await page.evaluate(() => (window as unknown as { hvv: Hvv }).hvv.pause());
  const diagram = page.getByTestId('diagram');
  // Click near a corner, away from the links packets travel on.
  await diagram.getByRole('button', { name: 'Hyper-V extensible switch (root.vswitch)', exact: true }).click({ position: { x: 6, y: 6 } });
  await expect.poll(() => hvv(page)).toEqual({ kind: 'component', id: 'root.vswitch' });
  const vmms = diagram.getByRole('button', { name: 'VMMS (root.vmms)', exact: true });
  await vmms.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => hvv(page)).toEqual({ kind: 'component', id: 'root.vmms' });
});

test('Japanese names and explanations', async ({ page }) => {
  await open(page, '?vms=1&lang=ja');
  const diagram = page.getByTestId('diagram');
  await expect(diagram.getByRole('button', { name: 'ハイパーバイザー (hv)', exact: true })).toBeVisible();
  await expect(diagram.getByRole('button', { name: 'NetVSC (vm1.netvsc)', exact: true })).toBeVisible();
  await expect(page.getByTestId('diagram-legend')).toContainText('エミュレート');
});

test('clicking a packet selects that packet', async ({ page }) => {
  await open(page, '?scenario=stress&vms=4&packets=300');
  const canvas = page.getByTestId('packet-overlay');
  await expect.poll(async () => Number(await canvas.getAttribute('data-drawn')), { timeout: 15_000 }).toBeGreaterThan(20);
  await page.evaluate(() => (window as unknown as { hvv: Hvv }).hvv.pause());
  await page.waitForTimeout(200);
  // Find a painted pixel (a packet glyph) and click it.
  const spot = await canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    const r = c.getBoundingClientRect();
    if (!ctx) return null;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const scale = c.width / r.width;
    // Skip the bottom strip (legend) and the right edge (zoom controls).
    for (let y = 0; y < c.height - 80 * scale; y += 2)
      for (let x = 0; x < c.width - 80 * scale; x += 2)
        if ((d[(y * c.width + x) * 4 + 3] as number) > 200) return { x: r.left + x / scale, y: r.top + y / scale };
    return null;
  });
  expect(spot).not.toBeNull();
  await page.mouse.click(spot!.x, spot!.y);
  await expect.poll(async () => (await hvv(page))?.kind).toBe('packet');
});

test('the overview folds the root internals, and names everything it folds', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await open(page, '?vms=2&lang=en', false);
  const diagram = page.getByTestId('diagram');
  await expect(diagram).toHaveAttribute('data-lod-level', /overview|minimal/);
  await expect(diagram.getByRole('button', { name: /^Virtualization stack \(\d+ components\)$/ })).toBeVisible();
  // The root's direct device access is labelled where it passes the hypervisor band.
  await expect(diagram.getByTestId('pass-label').first()).toContainText('direct device access');
  // A click on a folded box selects a component it contains.
  await diagram.getByRole('button', { name: /^Extensible switch \(\d+ components\)$/ }).click({ position: { x: 6, y: 6 } });
  await expect.poll(() => hvv(page)).toEqual({ kind: 'component', id: 'root.vswitch' });
  // One click shows full detail; another folds it again.
  await page.getByTestId('detail-toggle').click();
  await expect(diagram).toHaveAttribute('data-lod-level', 'full');
  await expect(diagram.getByRole('button', { name: 'VMMS (root.vmms)', exact: true })).toBeVisible();
  await page.getByTestId('detail-toggle').click();
  await expect(diagram).toHaveAttribute('data-lod-level', /overview|minimal/);
  expect(errors).toEqual([]);
});
