import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { scenarioConfig } from '../scenarios';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';
import { flowHash, rssChannelOf, softLp, toeplitz, VRSS_DEFAULT_QUEUES } from './vrss';
import type { TraceEvent } from '../types';

/** The control messages of vm1 after RNDIS's RSS capability query, in order (name | note of its first hop). */
function controlAfterRssQuery(events: readonly TraceEvent[]): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  for (const e of events) {
    if (e.path !== 'control' || e.kind !== 'hop' || e.vm !== 'vm1' || e.packet === null || seen.has(e.packet)) continue;
    if (!/^[A-Z][A-Z0-9_]*(:[A-Z0-9_]+)?( completion)?$/.test(e.detail)) continue;
    seen.add(e.packet);
    out.push(`${e.detail}${e.note ? ` | ${e.note}` : ''}`);
  }
  const i = out.findIndex((n) => n.startsWith('RNDIS_QUERY_CMPLT:OID_GEN_RECEIVE_SCALE_CAPABILITIES'));
  return out.slice(i + 1);
}

describe('vrss: the Toeplitz hash (NDIS RSS verification vectors)', () => {
  it('matches Microsoft’s documented results for 66.9.149.187:2794 → 161.142.100.80:1766', () => {
    expect(toeplitz([66, 9, 149, 187, 161, 142, 100, 80, 0x0a, 0xea, 0x06, 0xe6])).toBe(0x51ccc178);
    expect(toeplitz([66, 9, 149, 187, 161, 142, 100, 80])).toBe(0x323e8fc2);
    expect(flowHash('66.9.149.187', '161.142.100.80', 2794, 1766)).toBe(0x51ccc178);
  });

  it('keeps one flow on one channel and spreads 16 flows over all 4 channels', () => {
    const ch = (fi: number) => rssChannelOf(flowHash('192.0.2.1', '10.0.0.11', 49152 + fi, 5001), 4);
    expect(ch(3)).toBe(ch(3));
    expect(new Set(Array.from({ length: 16 }, (_, i) => ch(i)))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('software vRSS uses the queue’s LP and the next ones, skipping LP 0', () => {
    expect([0, 1, 2, 7, 8].map((c) => softLp({ L: 8 } as never, 1, c))).toEqual([1, 2, 3, 1, 2]);
  });
});

describe('vrss: subchannel set-up (facts §9.2 step 9, §2.4)', () => {
  it('sends nothing new without vRSS', () => {
    const { events } = runCollect(host(['synthetic']), 1_500_000);
    expect(events.some((e) => e.detail.includes('SUBCHANNEL'))).toBe(false);
  });

  it('NVSP 133 → reply → OFFERCHANNEL × (n − 1) with sub_channel_index → opens → RSS parameters → NVSP 134', () => {
    const c = host(['synthetic'], { vrss: true });
    c.vms[0]!.vcpus = 4;
    c.vms[0]!.nic = { queues: 3 };
    const msgs = controlAfterRssQuery(runCollect(c, 2_000_000).events);
    const names = msgs.map((m) => m.split(' | ')[0]);
    expect(names.slice(0, 15)).toEqual([
      'NVSP_SUBCHANNEL',
      'NVSP_SUBCHANNEL completion',
      'OFFERCHANNEL', 'GPADL_HEADER', 'GPADL_CREATED', 'OPENCHANNEL', 'OPENCHANNEL_RESULT',
      'OFFERCHANNEL', 'GPADL_HEADER', 'GPADL_CREATED', 'OPENCHANNEL', 'OPENCHANNEL_RESULT',
      'RNDIS_SET:OID_GEN_RECEIVE_SCALE_PARAMETERS',
      'RNDIS_SET_CMPLT:OID_GEN_RECEIVE_SCALE_PARAMETERS',
      'NVSP_SEND_INDIRECTION_TABLE',
    ]);
    expect(msgs[0]).toContain('num_subchannels 2');
    expect(msgs[2]).toContain('sub_channel_index 1');
    expect(msgs[7]).toContain('sub_channel_index 2');
    expect(msgs[10]).toContain('target_vp 2');
    expect(names[15]).toBe('RNDIS_SET:OID_GEN_CURRENT_PACKET_FILTER');
  });

  it('caps the channels by the vCPUs (Linux: online CPUs) and defaults to 8', () => {
    expect(VRSS_DEFAULT_QUEUES).toBe(8);
    const sim = createSimulation(host(['synthetic'], { vrss: true }), { seed: 1 });
    sim.runUntil(2_000_000);
    expect(sim.snapshot().vms[0]?.rss?.channels).toBe(2); // 2 vCPUs
  });

  it('does not apply to an emulated adapter or a VM that opts out', () => {
    const c = host(['emulated', 'synthetic'], { vrss: true });
    c.vms[1]!.nic = { vrss: false };
    const sim = createSimulation(c, { seed: 1 });
    sim.runUntil(2_000_000);
    expect(sim.snapshot().vms.map((v) => v.rss)).toEqual([undefined, undefined]);
  });
});

describe('vrss: spreading (facts §6)', () => {
  it('VMMQ gives the vNIC one NIC queue per channel, each on its own LP; the guest one VP per channel', () => {
    const sim = createSimulation(scenarioConfig('vrss'), { seed: 1 });
    sim.runUntil(3_000_000);
    const rss = sim.snapshot().vms[0]?.rss;
    expect(rss).toEqual({ channels: 4, targetVps: [0, 1, 2, 3], vpLps: [7, 6, 5, 4], queues: [1, 2, 3, 4], hostLps: [1, 2, 3, 4], mode: 'vmmq' });
    expect(sim.snapshot().vmqAssignments.map((a) => a.queue)).toEqual([1, 2, 3, 4]);
  });

  it('software vRSS hands frames from the queue’s LP to the channel’s LP (cost row V1)', () => {
    const c = scenarioConfig('vrss');
    c.vmmq = false;
    const { events } = runCollect(c, 3_000_000);
    const hand = events.filter((e) => e.detail.startsWith('vRSS: Toeplitz hash'));
    expect(hand.length).toBeGreaterThan(10);
    expect(new Set(hand.map((e) => e.cpu?.lp))).toEqual(new Set([1]));
    const copies = events.filter((e) => e.kind === 'copy' && e.detail.startsWith('NetVSP copies'));
    expect(new Set(copies.map((e) => e.cpu?.lp))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('turning vRSS and VMMQ off rescinds the subchannels and frees the extra queues', () => {
    const sim = createSimulation(scenarioConfig('vrss'), { seed: 1 });
    const events: TraceEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(2_000_000);
    sim.apply({ kind: 'set-vmmq', on: false });
    sim.apply({ kind: 'set-vrss', on: false });
    sim.runUntil(3_000_000);
    expect(sim.snapshot().vms[0]?.rss).toBeUndefined();
    expect(sim.snapshot().vmqAssignments.map((a) => a.queue)).toEqual([1]);
    expect(events.filter((e) => e.detail === 'RESCIND_CHANNELOFFER' && e.kind === 'hop' && e.from === 'root.vmbus').length).toBe(3);
  });

  it('turning it on live (host switch, then queues per VM) opens the subchannels on a running VM', () => {
    const c = host(['synthetic'], { flows: [flow('rx', 'external-to-vm', 'vm1')] });
    c.vms[0]!.vcpus = 4;
    const sim = createSimulation(c, { seed: 1 });
    sim.runUntil(1_500_000);
    sim.apply({ kind: 'set-vrss', on: true });
    sim.runUntil(2_500_000);
    expect(sim.snapshot().vms[0]?.rss?.channels).toBe(4);
    expect(sim.snapshot().vms[0]?.rss?.mode).toBe('vrss');
    sim.apply({ kind: 'set-vm-nic', vm: 'vm1', settings: { queues: 2 } });
    sim.runUntil(3_500_000);
    expect(sim.snapshot().vms[0]?.rss?.channels).toBe(2);
  });
});

describe('vrss: VMMQ follows VMQ', () => {
  it('VMQ off frees the VMMQ queues; VMQ on again gives them back', () => {
    const sim = createSimulation(scenarioConfig('vrss'), { seed: 1 });
    sim.runUntil(2_000_000);
    expect(sim.snapshot().vmqAssignments.map((a) => a.queue)).toEqual([1, 2, 3, 4]);
    sim.apply({ kind: 'set-vmq', on: false });
    sim.runUntil(3_000_000);
    expect(sim.snapshot().vmqAssignments).toEqual([]);
    expect(sim.snapshot().vms[0]?.rss?.mode).toBe('guest-only');
    sim.apply({ kind: 'set-vmq', on: true });
    sim.runUntil(4_000_000);
    expect(sim.snapshot().vmqAssignments.map((a) => a.queue)).toEqual([1, 2, 3, 4]);
    expect(sim.snapshot().vms[0]?.rss?.mode).toBe('vmmq');
  });
});
