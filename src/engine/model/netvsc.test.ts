import { describe, expect, it } from 'vitest';
import { controlMessages, runCollect } from '../testkit';
import { createSimulation } from '../simulation';
import { MODEL } from '../costs';
import { flow, host } from './fixtures';

describe('netvsc: NVSP and RNDIS bring-up, receive completions', () => {
  it('negotiates NVSP, shares its buffers and ends RNDIS with the packet filter, then is ready', () => {
    const { events, sim } = runCollect(host(['synthetic']), 1_000_000);
    const m = controlMessages(events, 'vm1');
    expect(m.indexOf('NVSP_INIT')).toBeLessThan(m.indexOf('SEND_RECV_BUF'));
    expect(m.indexOf('SEND_RECV_BUF')).toBeLessThan(m.indexOf('SEND_SEND_BUF'));
    expect(m[m.length - 1]).toBe('RNDIS_SET_CMPLT:OID_GEN_CURRENT_PACKET_FILTER');
    expect(sim.snapshot().vms[0]?.nvsp).toBe('ready');
  });

  it('writes receive completions back through the out ring, batched', () => {
    const c = host(['synthetic']);
    c.flows = [flow('rx', 'external-to-vm', 'vm1', { ratePps: 200_000 })];
    const { events } = runCollect(c, 2_000_000);
    const comps = events.filter((e) => e.from === 'vm1.netvsc' && e.to === 'vm1.vmbus.out' && e.detail.includes('(108)'));
    expect(comps.length).toBeGreaterThan(0);
    expect(comps.some((e) => /^\d+ completions? \(trans_id of each transfer-page packet\)$/.test(e.note ?? ''))).toBe(true);
  });
});

describe('netvsc: the send buffer is 170 sections of 6,144 B; GPA-direct otherwise (fidelity audit D5)', () => {
  const gpa = (e: { detail: string }) => e.detail.startsWith('VMBus packet DATA_USING_GPA_DIRECT (9)');
  const section = (e: { detail: string }) => e.detail === 'VMBus packet DATA_INBAND (6): NVSP 107, completion requested';

  it('copies a frame into a free section at a light load, and every section comes back', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 20_000 })];
    const { events, sim } = runCollect(c, 2_000_000);
    expect(events.some(section)).toBe(true);
    expect(events.some(gpa)).toBe(false);
    sim.apply({ kind: 'set-flows', flows: [] });
    sim.runUntil(3_000_000);
    expect(sim.snapshot().vms[0]!.sendBuffer).toEqual({ sections: MODEL.sendSections, free: 170, sectionBytes: 6144 });
  });

  it('sends GPA-direct (type 9) when no section is free, and frees every section it took', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 1_500_000 })];
    const sim = createSimulation(c, { seed: 1 });
    const seen = { section: 0, gpa: 0, minFree: MODEL.sendSections as number };
    sim.subscribe((e) => {
      if (section(e)) seen.section++;
      else if (gpa(e)) seen.gpa++;
    });
    for (let t = 250_000; t <= 4_000_000; t += 250_000) {
      sim.runUntil(t);
      seen.minFree = Math.min(seen.minFree, sim.snapshot().vms[0]!.sendBuffer!.free);
    }
    expect(seen.minFree).toBe(0);
    expect(seen.gpa).toBeGreaterThan(0);
    expect(seen.section).toBeGreaterThan(seen.gpa / 10);
    sim.apply({ kind: 'set-flows', flows: [] });
    sim.runUntil(40_000_000);
    expect(sim.snapshot().vms[0]!.sendBuffer!.free).toBe(MODEL.sendSections);
    sim.dispose();
  }, 30_000);

  it('a jumbo frame never fits a section: always GPA-direct, with more page ranges in the ring', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 5_000, packetBytes: 9000 })];
    const { events } = runCollect(c, 2_000_000);
    expect(events.some(gpa)).toBe(true);
    expect(events.some(section)).toBe(false);
  });
});

describe('netvsc: the MTU it reports in SEND_NDIS_CONFIG (fidelity audit D19)', () => {
  it('is 1,514 by default and the jumbo MTU + 14 when the VM carries 9,000-B packets', () => {
    const note = (c: ReturnType<typeof host>) => runCollect(c, 500_000).events.find((e) => e.detail === 'SEND_NDIS_CONFIG')?.note;
    expect(note(host(['synthetic']))).toBe('MTU 1514, capabilities (no reply)');
    const j = host(['synthetic']);
    j.flows = [flow('tx', 'vm-to-external', 'vm1', { packetBytes: 9000 })];
    expect(note(j)).toMatch(/^MTU 9014, .*jumbo frames need the vNIC, switch and NIC/);
  });
});
