import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { measureLabels, settleDiagram } from './legibility';
import { shot } from './shots';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * "Focus on this path" (issue 8): from the inspector or the diagram's own control, the diagram
 * shows only the components a packet (or a VM) uses, larger, in the familiar arrangement; the
 * focus is in the address bar; "Show the whole host" (or Esc) brings everything back.
 */

/** Component node ids drawn now (zones, frames and labels excluded). */
async function drawnComponents(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="diagram"] .react-flow__node')]
      .map((n) => n.getAttribute('data-id') ?? '')
      .filter((id) => id && !/^(zone|pass|frame|group|agg|f)\./.test(id)),
  );
}

/** A data packet of vm2 (synthetic) well on its way, at a paused moment. */
async function vm2Packet(page: Page): Promise<number> {
  await page.evaluate(() => window.hvv?.advance(300_000));
  const id = await page.evaluate(
    () => window.hvv?.trace({ limit: 20_000 }).findLast((e) => e.kind === 'hop' && e.from === 'root.netvsp.vm2' && e.packet !== null)?.packet ?? null,
  );
  expect(id).not.toBeNull();
  return id as number;
}

for (const lang of ['en', 'ja'] as const) {
  test(`focus on a packet's path from the inspector, and back to the whole host (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?lang=${lang}&vms=3&adapter=emulated,synthetic,sriov&sriov=1&play=0`);
    await page.waitForFunction(() => !!window.hvv);
    const diagram = page.getByTestId('diagram');
    await settleDiagram(page);
    const wholeZoom = (await measureLabels(page)).zoom;

    const id = await vm2Packet(page);
    await page.evaluate((p) => window.hvv?.select(p), id);
    const offer = page.getByTestId('inspector-focus');
    await expect(offer).toHaveText(lang === 'en' ? `⌖Focus on packet ${id}’s path` : `⌖パケット ${id} の経路だけを表示`);
    await offer.click();

    await expect(diagram).toHaveAttribute('data-lod-level', 'focus');
    await expect(diagram).toHaveAttribute('data-focus', `p${id}`);
    const route = await page.evaluate((p) => {
      const s = new Set<string>();
      for (const e of window.hvv?.trace({ packet: p, limit: 20_000 }) ?? []) {
        s.add(e.from);
        s.add(e.to);
      }
      return [...s];
    }, id);
    const drawn = await drawnComponents(page);
    // Only its route: the hops it took (and the few still ahead), none of the other VMs, no VMMS.
    for (const c of route) expect(drawn, c).toContain(c);
    for (const c of drawn) expect(c.startsWith('vm1.') || c.startsWith('vm3.') || c === 'root.vmms' || c === 'iommu', c).toBe(false);
    expect(drawn.length).toBeLessThan(14);
    await expect(page.getByTestId('focus-bar')).toContainText(lang === 'en' ? `Packet ${id}’s path` : `パケット ${id} の経路`);
    await expect(page).toHaveURL(new RegExp(`[?&]focus=p${id}(&|$)`));
    // Fewer boxes, laid out larger.
    await settleDiagram(page);
    const focused = await measureLabels(page);
    console.log(`[focus] ${lang}: zoom ${wholeZoom} → ${focused.zoom}, smallest label ${focused.min} px, ${drawn.length} components`);
    expect(focused.zoom).toBeGreaterThan(wholeZoom * 1.25);
    expect(focused.min).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: shot(`focus-packet-1280x720-${lang}.png`) });

    // Back: the whole host (at the level that reads beside the open inspector).
    await page.getByTestId('focus-exit').click();
    await expect(diagram).toHaveAttribute('data-lod-level', /^(full|overview|minimal)$/);
    await expect(diagram).not.toHaveAttribute('data-focus', /./);
    await expect(page).not.toHaveURL(/[?&]focus=/);
    // Every box of the whole host is back (folded groups included).
    const all = await page.locator('[data-testid="diagram"] .react-flow__node').count();
    expect(all).toBeGreaterThan(drawn.length + 6);
  });
}

test('the diagram offers the focus by keyboard; Esc leaves it; the link reopens it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?lang=en&vms=3&adapter=emulated,synthetic,sriov&sriov=1&play=0');
  await page.waitForFunction(() => !!window.hvv);
  const diagram = page.getByTestId('diagram');
  const toggle = page.getByTestId('focus-toggle');
  // Nothing selected: the control says what to do first, and does nothing.
  await expect(toggle).toHaveAccessibleName('Focus on a path: select a packet or a component of a VM first');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(diagram).not.toHaveAttribute('data-focus', /./);

  // A component of vm1 selected: focus on what vm1 uses (its emulated path), by keyboard.
  await page.evaluate(() => window.hvv?.advance(300_000));
  await page.evaluate(() => window.hvv?.select('vm1.stack'));
  await expect(toggle).toHaveAccessibleName('Focus on vm1’s path');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(diagram).toHaveAttribute('data-focus', 'vm1');
  const drawn = await drawnComponents(page);
  for (const c of ['vm1.stack', 'vm1.legacy', 'root.vmwp.vm1', 'root.vswitch', 'nic']) expect(drawn, c).toContain(c);
  for (const c of drawn) expect(c.startsWith('vm2.') || c.startsWith('vm3.'), c).toBe(false);
  await expect(toggle).toHaveAccessibleName('Show the whole host');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // The address bar carries it: reopening the link shows the same focus.
  await expect(page).toHaveURL(/[?&]focus=vm1(&|$)/);
  const url = page.url();
  await page.goto(url);
  await page.waitForFunction(() => !!window.hvv);
  await expect(diagram).toHaveAttribute('data-focus', 'vm1');

  // Esc inside the diagram: the whole host again.
  await page.getByTestId('focus-exit').focus();
  await page.keyboard.press('Escape');
  await expect(diagram).not.toHaveAttribute('data-focus', /./);
});

test('a focus the run does not know is said, and the whole host is shown', async ({ page }) => {
  await page.goto('/?lang=en&vms=2&focus=vm9&play=0');
  await page.waitForFunction(() => !!window.hvv);
  await expect(page.getByTestId('diagram')).not.toHaveAttribute('data-focus', /./);
  const issues = await page.evaluate(() => window.hvv?.state().issues ?? []);
  expect(issues.map((i) => i.param)).toContain('focus');
  await page.goto('/?lang=en&vms=2&focus=<script>&play=0');
  await page.waitForFunction(() => !!window.hvv);
  expect((await page.evaluate(() => window.hvv?.state().issues ?? [])).map((i) => i.param)).toContain('focus');
});

for (const lang of ['en', 'ja'] as const) {
  test(`folded levels keep the active route readable, and the component list names what they fold (${lang})`, async ({ page }) => {
    // A phone: the minimal level, where the root's internals and each VM's adapters are folded.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/?lang=${lang}&vms=3&adapter=emulated,synthetic,sriov&sriov=1`);
    await page.waitForFunction(() => !!window.hvv);
    const diagram = page.getByTestId('diagram');
    await expect(diagram).toHaveAttribute('data-lod-level', 'minimal');
    // Packets are moving: the folds they pass through say which of their components carry them.
    const carrying = page.getByTestId('fold-carrying');
    await expect(carrying.first()).toBeVisible({ timeout: 10_000 });
    await page.evaluate(() => window.hvv?.pause());
    const said = await carrying.allInnerTexts();
    console.log(`[fold] ${lang}: ${said.join(' | ')}`);
    expect(said.length).toBeGreaterThan(0);
    // The emulated VM's route runs through its worker process, folded into the virtualization stack.
    const stack = page.locator('.react-flow__node[data-id="f.stack"]');
    await expect(stack).toHaveAccessibleName(lang === 'en' ? /Virtualization stack/ : /仮想化スタック/);

    // Nothing the overview names is gone for good: the component list (View menu) lists every
    // folded component by name.
    const view = page.locator('#view-menu-button');
    if ((await view.getAttribute('aria-expanded')) !== 'true') await view.click();
    await page.locator('#component-list-toggle').click();
    const list = page.getByRole('listbox');
    await expect(list).toBeVisible();
    const text = await list.innerText();
    for (const n of ['VMMS', 'VID', 'VMBus', 'NetVSC', 'IOMMU', 'NetVSP', 'VMWP']) expect(text, n).toContain(n);
  });
}
