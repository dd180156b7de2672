import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { openEventLog } from './panels';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** Issue 11: vSwitch port policy (ACL, limit, mirroring) and the SR-IOV bypass, in the product. */

test('an ACL deny rule added in the controls drops frames with the reason in the event log; the link reopens it', async ({ page }) => {
  await page.goto('/?vms=1&adapter=synthetic&traffic=udp-out&play=0&t=300000&speed=100us');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByText('Port policy of vm1').click();
  await page.getByRole('combobox', { name: 'Direction of the new deny rule for vm1' }).selectOption('outbound');
  await page.getByRole('combobox', { name: 'Protocol of the new deny rule for vm1' }).selectOption('udp');
  await page.getByRole('textbox', { name: 'Remote port of the new deny rule for vm1' }).fill('5001');
  await page.getByRole('button', { name: "Add a deny rule to vm1's port ACL" }).click();
  await expect(page.getByRole('list', { name: "ACL of vm1's port (first match wins)" })).toContainText('deny outbound UDP remote port 5001');
  await expect(page.getByTestId('port-policy-switch-badge')).toHaveText('policy ×1');
  await page.evaluate(() => window.hvv?.advance(200_000));
  const drops = await page.evaluate(() => (window.hvv?.trace({ kind: 'drop' }) ?? []).map((e) => `${e.detail}|${e.note ?? ''}`));
  expect(drops.length).toBeGreaterThan(0);
  expect(drops.every((d) => d === "port-acl|denied by vm1's port ACL (outbound, udp 5001)")).toBe(true);

  await openEventLog(page);
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('drop');
  const log = page.getByRole('listbox', { name: 'Events, oldest first' });
  await expect(log.getByRole('option').first()).toContainText("denied by vm1's port ACL (outbound, udp 5001)");

  // The link carries the change (ch=…:nic:vm1:acl=…) and reopens it.
  await expect.poll(() => new URL(page.url()).searchParams.get('ch') ?? '', { timeout: 5000 }).toContain('nic:vm1:acl=out.deny.udp.5001');
  const link = page.url();
  const again = await page.context().newPage();
  await again.goto(link);
  await again.waitForFunction(() => !!window.hvv);
  await again.getByText('Port policy of vm1').click();
  await expect(again.getByRole('list', { name: "ACL of vm1's port (first match wins)" })).toContainText('deny outbound UDP remote port 5001');
  await again.evaluate(() => window.hvv?.advance(100_000));
  const drops2 = await again.evaluate(() => (window.hvv?.trace({ kind: 'drop' }) ?? []).map((e) => e.detail));
  expect(drops2).toContain('port-acl');
});

test('an SR-IOV VM shows that its port policy is bypassed (inspector, controls, badge)', async ({ page }) => {
  await page.goto('/?scenario=port-policy&play=0&t=3000000');
  await page.waitForFunction(() => !!window.hvv);
  await expect.poll(() => page.evaluate(() => window.hvv?.state().paths.vm3)).toBe('sriov');
  await page.evaluate(() => window.hvv?.select('root.netvsp.vm3'));
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByTestId('port-bypass-note')).toHaveText(/Not applied: vm3's traffic runs on its SR-IOV VF and bypasses the vSwitch/);
  await expect(inspector).toContainText('deny outbound UDP remote port 5001');
  // vm2 has the same ACL on a synthetic port: it applies and has dropped frames.
  await page.evaluate(() => window.hvv?.select('root.netvsp.vm2'));
  await expect(inspector.getByTestId('port-policy-inspector-vm2')).toContainText('Yes: the VM');
  await page.getByText('Port policy of vm3').click();
  await expect(page.getByTestId('port-bypass-vm3')).toBeVisible();
  // The open form and the inspector section pass axe (labels, contrast).
  const r = await new AxeBuilder({ page }).include('[data-testid="port-policy-vm3"]').include('[data-testid="port-policy-inspector-vm2"]').analyze();
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
