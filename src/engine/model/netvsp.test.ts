import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { createSimulation } from '../simulation';
import { flow, host } from './fixtures';

describe('netvsp: drains the out ring, forwards to the vSwitch, completes sends', () => {
  const c = host(['synthetic']);
  c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 200_000 })];
  const { events } = runCollect(c, 2_000_000);

  it('hands each sent frame from its ring to the vSwitch protocol edge', () => {
    const p = events.find((e) => e.kind === 'send')!.packet;
    const legs = events.filter((e) => e.packet === p && e.from.startsWith('root.netvsp')).map((e) => `${e.from}>${e.to}`);
    expect(legs).toContain('root.netvsp.vm1>root.vswitch');
  });

  it('writes NVSP 108 send completions into the in ring, one entry per batch', () => {
    const comps = events.filter((e) => e.from === 'root.netvsp.vm1' && e.to === 'vm1.vmbus.in' && e.detail.includes('(108)'));
    expect(comps.length).toBeGreaterThan(0);
    const sent = events.filter((e) => e.kind === 'send').length;
    expect(comps.length).toBeLessThan(sent);
  });
});

describe('netvsp: a send completes only after delivery (fidelity audit D2)', () => {
  const first108 = (events: { kind: string; from: string; to: string; detail: string; t: number }[], vm: string) =>
    events.find((e) => e.from === `root.netvsp.${vm}` && e.to === `${vm}.vmbus.in` && e.detail.includes('(108)'));

  it('to the wire: NVSP 108 follows the NIC’s DMA read of the frame', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 5_000 })];
    const { events } = runCollect(c, 2_000_000);
    const p = events.find((e) => e.kind === 'send')!.packet;
    const read = events.find((e) => e.packet === p && e.kind === 'dma' && e.detail.startsWith('DMA read'))!;
    const comp = first108(events, 'vm1')!;
    expect(comp.t).toBeGreaterThanOrEqual(read.t + read.dur);
  });

  it('VM to VM: NVSP 108 follows the destination’s receive copy', () => {
    const c = host(['synthetic', 'synthetic']);
    c.flows = [flow('v', 'vm-to-vm', 'vm1', { ratePps: 5_000, peerVm: 'vm2' })];
    const { events } = runCollect(c, 2_000_000);
    const p = events.find((e) => e.kind === 'send')!.packet;
    const copy = events.find((e) => e.packet === p && e.kind === 'copy' && e.from === 'root.netvsp.vm2')!;
    const comp = first108(events, 'vm1')!;
    expect(comp.t).toBeGreaterThanOrEqual(copy.t + copy.dur);
  });

  it('a send the filter extension drops is still completed back to the guest', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 5_000 })];
    c.extensions = { capture: false, forwarding: false, filter: { enabled: true, dropRules: [{ id: 'all', protocol: 'udp' }] } };
    const { events } = runCollect(c, 2_000_000);
    expect(events.some((e) => e.kind === 'drop' && e.detail === 'filter-extension')).toBe(true);
    expect(first108(events, 'vm1')).toBeDefined();
  });
});

describe('netvsp: replies and completions are completion packets (fidelity audit D10)', () => {
  it('NVSP_INIT_COMPLETE, the buffer replies and NVSP 108 are VMBus COMP (11); requests stay DATA_INBAND (6)', async () => {
    const { encapsulation, ENC } = await import('../packets');
    expect(encapsulation(ENC.NVSP_COMP, null, 'NVSP_INIT_COMPLETE')[0]!.name).toBe('VMBus COMP (11)');
    expect(encapsulation(ENC.NVSP, null, 'NVSP_INIT')[0]!.name).toBe('VMBus DATA_INBAND (6)');
    // The in-flight view of a running bring-up shows the reply as a completion packet.
    const c = host(['synthetic']);
    const sim = createSimulation(c, { seed: 1 });
    let seen: string | null = null;
    sim.subscribe((e) => {
      if (seen === null && e.kind === 'hop' && e.detail === 'SEND_SEND_BUF_COMPLETE' && e.packet !== null) seen = sim.packet(e.packet)?.encapsulation[0]?.name ?? 'none';
    });
    sim.runUntil(1_000_000);
    expect(seen).toBe('VMBus COMP (11)');
    sim.dispose();
  });
});
