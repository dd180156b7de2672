import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { openEventLog } from './panels';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** VMs, traffic, faults, the event log's two-way link with the selection, and the stress URL. */

test('Add VM and Remove vm3 change the VM list', async ({ page }) => {
  await page.goto('/?vms=2&play=0&t=300000');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('button', { name: 'Add VM' }).click();
  await expect(page.getByRole('combobox', { name: 'Adapter for vm3' })).toBeVisible();
  expect(await page.evaluate(() => window.hvv?.state().vms)).toBe(3);
  await page.getByRole('button', { name: 'Remove vm3' }).click();
  await expect(page.getByRole('combobox', { name: 'Adapter for vm3' })).toHaveCount(0);
  expect(await page.evaluate(() => window.hvv?.state().vms)).toBe(2);
});

test('a traffic preset and the flow editor apply set-flows', async ({ page }) => {
  await page.goto('/?vms=2&play=0&t=300000');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('combobox', { name: 'Traffic preset' }).selectOption('udp-in');
  await expect.poll(() => page.evaluate(() => window.hvv?.state().url.traffic)).toBe('udp-in');
  await page.getByText('Add a flow').click();
  await page.getByRole('combobox', { name: 'Direction' }).selectOption('vm-to-vm');
  await page.getByRole('combobox', { name: 'Protocol' }).selectOption('icmp');
  await page.getByRole('spinbutton', { name: 'Size (bytes)' }).fill('64');
  await page.getByRole('spinbutton', { name: 'Rate (packets per second)' }).fill('5000');
  await page.getByRole('button', { name: 'Add flow' }).click();
  const flows = await page.evaluate(() => window.hvv?.state().url.flows);
  expect(flows?.at(-1)).toEqual({ direction: 'vm-to-vm', vm: 'vm1', peerVm: 'vm2', protocol: 'icmp', packetBytes: 64, ratePps: 5000 });
});

test('Link down drops traffic to the wire and says why; Link up restores it', async ({ page }) => {
  await page.goto('/?vms=1&traffic=udp-out&play=0&t=300000&speed=100us');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('button', { name: 'Link down' }).click();
  await expect(page.getByRole('button', { name: 'Link up' })).toBeVisible();
  await page.evaluate(() => window.hvv?.advance(200_000));
  const drops = await page.evaluate(() => window.hvv?.trace({ kind: 'drop' }) ?? []);
  expect(drops.length).toBeGreaterThan(0);
  const notes = await page.evaluate(() => window.hvv?.state().notes ?? []);
  expect(notes.some((n) => n.key === 'because.linkDown' && n.componentId === 'nic')).toBe(true);
  await page.getByRole('button', { name: 'Link up' }).click();
  await expect(page.getByRole('button', { name: 'Link down' })).toBeVisible();
});

test('the event log and the selection are linked both ways', async ({ page }) => {
  await page.goto('/?vms=2&play=0&t=400000');
  await page.waitForFunction(() => !!window.hvv);
  await openEventLog(page);
  const log = page.getByRole('listbox', { name: 'Events, oldest first' });
  const row = log.getByRole('option').last();
  await row.click();
  const sel = await page.evaluate(() => window.hvv?.state().selection);
  expect(sel?.kind).toBe('event');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('Event #');
  // Keyboard: arrow up moves the selection to the previous row.
  await log.focus();
  await page.keyboard.press('ArrowUp');
  const sel2 = await page.evaluate(() => window.hvv?.state().selection);
  expect(sel2?.kind === 'event' && sel?.kind === 'event' && sel2.seq < sel.seq).toBe(true);

  // Selecting a component narrows the log to its events.
  await page.evaluate(() => window.hvv?.select('root.netvsp.vm2'));
  await expect(page.getByText('Only the selection')).toBeVisible();
  const texts = await log.getByRole('option').allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) expect(t).toContain('NetVSP (vm2)');
  // And the filters are labelled controls.
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('hop');
  for (const t of await log.getByRole('option').allInnerTexts()) expect(t).toContain('hop');
});

test('?scenario=stress&packets=N loads the stress scenario with many packets in flight', async ({ page }) => {
  await page.goto('/?scenario=stress&vms=16&packets=1000');
  await page.waitForFunction(() => !!window.hvv);
  expect(await page.evaluate(() => window.hvv?.state().vms)).toBe(16);
  await expect.poll(() => page.evaluate(() => window.hvv?.stats().inFlight ?? 0), { timeout: 15_000 }).toBeGreaterThan(100);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the scenario picker names no scenario on a page that is not one, and loads the one chosen', async ({ page }) => {
  await page.goto('/?play=0');
  await page.waitForFunction(() => !!window.hvv);
  const picker = page.getByRole('combobox', { name: 'Named scenario (restarts from t = 0)' });
  await expect(picker.locator('option:checked')).toHaveText('Choose…');
  const load = page.getByRole('button', { name: 'Load', exact: true });
  await expect(load).toBeDisabled();
  await picker.selectOption('sriov');
  await load.click();
  await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('scenario'))).toBe('sriov');
  await expect(picker.locator('option:checked')).toHaveText('SR-IOV');
});
