import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}
import type { TraceEvent } from '../src/engine/types';
import { openEventLog } from './panels';

/**
 * Flip each host switch and each adapter in the UI, then read the engine's trace through
 * `window.hvv` and check that new packets take the documented path (hyperv-facts §9).
 * Every test pauses first and advances simulated time synchronously, so results do not depend on
 * the machine's speed.
 */

type Q = { since?: number; limit?: number; kind?: string; packet?: number; vm?: string; component?: string; path?: string };

async function open(page: Page, query: string) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?${query}`);
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => window.hvv?.pause());
  return errors;
}

const advance = (page: Page, ns: number) => page.evaluate((n) => window.hvv?.advance(n), ns);
const trace = (page: Page, q: Q = {}): Promise<TraceEvent[]> =>
  page.evaluate((qq: Q) => (window.hvv?.trace({ limit: 50_000, ...(qq as Parameters<NonNullable<typeof window.hvv>['trace']>[0]) }) ?? []) as TraceEvent[], q);
const lastSeq = async (page: Page) => (await trace(page, { limit: 1 }))[0]?.seq ?? -1;

/** Events of data packets that were *sent* after `since`, grouped by packet. */
async function newPackets(page: Page, since: number, vm: string): Promise<Map<number, TraceEvent[]>> {
  const events = await trace(page, { since });
  const born = new Set(events.filter((e) => e.kind === 'send' && e.path !== 'control' && e.vm === vm && e.packet !== null).map((e) => e.packet as number));
  const by = new Map<number, TraceEvent[]>();
  for (const e of events) if (e.packet !== null && born.has(e.packet)) by.set(e.packet, [...(by.get(e.packet) ?? []), e]);
  return by;
}

const touches = (e: TraceEvent, c: string) => e.from === c || e.to === c;

test('emulated adapter: register-access VM exits and the worker process', async ({ page }) => {
  const errors = await open(page, 'vms=1&adapter=synthetic&vmq=0&sriov=0&traffic=udp-out&speed=100us');
  await page.getByRole('combobox', { name: 'Adapter for vm1' }).selectOption('emulated');
  const since = await lastSeq(page);
  await advance(page, 300_000);
  const packets = await newPackets(page, since, 'vm1');
  expect(packets.size).toBeGreaterThan(0);
  const all = [...packets.values()].flat();
  expect(all.every((e) => e.path === 'emulated')).toBe(true);
  expect(all.some((e) => touches(e, 'root.vmwp.vm1'))).toBe(true);
  expect(all.some((e) => e.kind === 'vmexit')).toBe(true);
  expect(all.some((e) => touches(e, 'root.netvsp.vm1'))).toBe(false);
  // The event log shows the same thing: filter it by kind.
  await openEventLog(page);
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('vmexit');
  await expect(page.getByRole('listbox', { name: 'Events, oldest first' }).getByRole('option').first()).toContainText('VM exit');
  expect(errors).toEqual([]);
});

test('synthetic adapter: NetVSC → VMBus out ring → NetVSP', async ({ page }) => {
  await open(page, 'vms=1&adapter=emulated&vmq=0&sriov=0&traffic=udp-out&speed=100us');
  await page.getByRole('combobox', { name: 'Adapter for vm1' }).selectOption('synthetic');
  const since = await lastSeq(page);
  // The VMBus channel and NetVSC/NetVSP initialisation come first (the VM had no synthetic NIC up).
  await advance(page, 800_000);
  const all = [...(await newPackets(page, since, 'vm1')).values()].flat();
  expect(all.length).toBeGreaterThan(0);
  expect(all.every((e) => e.path === 'synthetic')).toBe(true);
  expect(all.some((e) => e.from === 'vm1.netvsc' && e.to === 'vm1.vmbus.out')).toBe(true);
  expect(all.some((e) => touches(e, 'root.netvsp.vm1'))).toBe(true);
  expect(all.some((e) => e.kind === 'vmexit')).toBe(false);
});

test('SR-IOV switch + VF adapter: DMA through the IOMMU, no NetVSP or VMBus for data', async ({ page }) => {
  await open(page, 'vms=1&adapter=synthetic&vmq=0&sriov=0&traffic=udp-out&speed=100us');
  const sw = page.getByRole('switch', { name: 'SR-IOV' });
  await expect(sw).toHaveAttribute('aria-checked', 'false');
  await sw.click();
  await expect(sw).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('combobox', { name: 'Adapter for vm1' }).selectOption('sriov');
  // VF bring-up (allocation, vPCI offer, SWITCH_DATA_PATH) takes a while of simulated time.
  await advance(page, 500_000);
  const since = await lastSeq(page);
  await advance(page, 300_000);
  const all = [...(await newPackets(page, since, 'vm1')).values()].flat();
  expect(all.length).toBeGreaterThan(0);
  expect(all.every((e) => e.path === 'sriov')).toBe(true);
  expect(all.some((e) => e.kind === 'dma' && touches(e, 'iommu'))).toBe(true);
  expect(all.some((e) => e.from.startsWith('root.netvsp') || e.to.startsWith('root.netvsp'))).toBe(false);
  expect(all.some((e) => e.from.includes('.vmbus') || e.to.includes('.vmbus'))).toBe(false);
  expect(all.some((e) => e.cpu?.partition === 'root')).toBe(false);

  // Turning SR-IOV off falls back to the synthetic path.
  await sw.click();
  await advance(page, 300_000);
  const back = await lastSeq(page);
  await advance(page, 300_000);
  const after = [...(await newPackets(page, back, 'vm1')).values()].flat();
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((e) => e.path === 'synthetic')).toBe(true);
});

test('VMQ switch: receive traffic moves from the default queue to a VMQ queue and back', async ({ page }) => {
  await open(page, 'vms=2&adapter=synthetic&vmq=0&sriov=0&traffic=udp-in&speed=100us');
  const sw = page.getByRole('switch', { name: 'VMQ' });
  await expect(sw).toHaveAttribute('aria-checked', 'false');
  let since = await lastSeq(page);
  await advance(page, 200_000);
  let events = await trace(page, { since });
  const queueHops = (es: TraceEvent[]) => es.filter((e) => e.path !== 'control' && e.from === 'nic' && e.to.startsWith('nic.queue.'));
  expect(queueHops(events).length).toBeGreaterThan(0);
  expect(queueHops(events).every((e) => e.to === 'nic.queue.default')).toBe(true);

  await sw.click();
  await expect(sw).toHaveAttribute('aria-checked', 'true');
  // Each VM's queue is allocated, filtered and completed (QUEUE_ALLOCATION_COMPLETE) in turn:
  // run until no VM waits for it, then watch a window of traffic.
  for (let i = 0; i < 40 && ((await page.evaluate(() => window.hvv?.state().pending.length)) ?? 0) > 0; i++) await advance(page, 25_000);
  expect(await page.evaluate(() => window.hvv?.state().pending.length)).toBe(0);
  await advance(page, 20_000); // packets already queued on the default queue drain
  since = await lastSeq(page);
  await advance(page, 200_000);
  events = await trace(page, { since });
  const q = queueHops(events);
  expect(q.length).toBeGreaterThan(0);
  expect(q.some((e) => e.to === 'nic.queue.1')).toBe(true);
  expect(q.every((e) => e.to !== 'nic.queue.default')).toBe(true);

  // A because-note explains the change at the queue.
  const notes = await page.evaluate(() => window.hvv?.state().notes ?? []);
  expect(notes.some((n) => n.key === 'because.vmqQueue' && n.componentId.startsWith('nic.queue.'))).toBe(true);

  await sw.click();
  await advance(page, 100_000);
  since = await lastSeq(page);
  await advance(page, 200_000);
  events = await trace(page, { since });
  expect(queueHops(events).every((e) => e.to === 'nic.queue.default')).toBe(true);
});
