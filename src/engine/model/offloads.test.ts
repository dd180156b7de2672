import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { createSimulation } from '../simulation';
import type { SimConfig, TraceEvent } from '../types';
import { flow, host } from './fixtures';
import { LSO_MAX_BYTES, framesOnWire, mssOf, offloadsOf, routeOffloads, segmentsPerGroup } from './offloads';

const withNic = (c: SimConfig, vm: string, nic: NonNullable<SimConfig['vms'][number]['nic']>): SimConfig => ({ ...c, vms: c.vms.map((v) => (v.id === vm ? { ...v, nic } : v)) });
const dataOf = (events: TraceEvent[]) => events.filter((e) => e.path === 'synthetic' && e.packet !== null);

describe('offloads: settings and grouping', () => {
  it('defaults: LSO and RSC off, checksum offload on (as H1 assumes), no MTU', () => {
    expect(offloadsOf(undefined)).toEqual({ lso: false, rsc: false, checksum: true, mtu: null });
    expect(offloadsOf({ lso: true, checksum: false, mtu: 9000 })).toEqual({ lso: true, rsc: false, checksum: false, mtu: 9000 });
  });

  it('a 64 KB large send of 1,500-B UDP packets is 44 segments; the NIC cuts it into ceil(bytes / MSS) frames', () => {
    const k = segmentsPerGroup(1500, 'udp');
    expect(mssOf(1500, 'udp')).toBe(1472);
    expect(k).toBe(Math.floor((LSO_MAX_BYTES - 28) / 1472));
    expect(framesOnWire(k * 1472, 1472)).toBe(k);
    expect(framesOnWire(k * 1472 + 1, 1472)).toBe(k + 1);
  });

  it('LSO needs checksum offload; only synthetic ends group; VM to VM needs LSO at the sender and RSC at the receiver', () => {
    const syn = (nic = {}) => ({ off: offloadsOf(nic), path: 'synthetic' as const });
    expect(routeOffloads('udp', 1500, syn({ lso: true }), null).lso).toBe(true);
    expect(routeOffloads('udp', 1500, syn({ lso: true, checksum: false }), null).lso).toBe(false);
    expect(routeOffloads('udp', 1500, { off: offloadsOf({ lso: true }), path: 'emulated' }, null).segs).toBe(1);
    expect(routeOffloads('udp', 1500, { off: offloadsOf({ lso: true }), path: 'sriov' }, null).segs).toBe(1);
    expect(routeOffloads('udp', 1500, null, syn({ rsc: true })).rsc).toBe(true);
    expect(routeOffloads('tcp', 1500, null, syn({ rsc: true })).segs).toBe(1);
    expect(routeOffloads('udp', 1500, syn({ lso: true }), syn()).segs).toBe(1);
    const both = routeOffloads('udp', 1500, syn({ lso: true }), syn({ rsc: true }));
    expect([both.lso, both.rsc, both.segs > 1]).toEqual([true, true, true]);
  });
});

describe('offloads: LSO on the synthetic path', () => {
  const lsoRun = () => runCollect(withNic({ ...host(['synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1', { ratePps: 100_000 })] }, 'vm1', { lso: true }), 3_000_000);

  it('a large send is ONE VMBus packet, GPA-direct (type 9), and leaves the NIC as ceil(bytes / MSS) frames', () => {
    const { events } = lsoRun();
    const k = segmentsPerGroup(1500, 'udp');
    const data = dataOf(events);
    const wire = data.filter((e) => e.to === 'wire' && e.from === 'nic');
    expect(wire.length).toBeGreaterThan(5);
    const p = wire[0]!.packet;
    const writes = data.filter((e) => e.packet === p && e.to === 'vm1.vmbus.out');
    expect(writes).toHaveLength(1);
    expect(writes[0]!.detail).toContain('DATA_USING_GPA_DIRECT (9)');
    expect(writes[0]!.note).toBe(`one VMBus packet carries ${k} frames (LSO, GPA-direct)`);
    expect(wire[0]!.detail).toContain(`${framesOnWire(k * 1472, 1472)} frames transmitted`);
    expect(data.some((e) => e.detail.includes('DATA_INBAND (6)'))).toBe(false); // never a send section
  });

  it('counts every frame of a large send as delivered', () => {
    const { sim } = lsoRun();
    const m = sim.metrics();
    expect(m.perPath.synthetic.packets % segmentsPerGroup(1500, 'udp')).toBe(0);
    expect(m.perFlow?.[0]?.delivered).toBe(m.perPath.synthetic.packets);
  });

  it('the inspector shows the checksum and LSO PPIs and how many frames the packet carries', () => {
    const sim = createSimulation(withNic({ ...host(['synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1', { ratePps: 200_000 })] }, 'vm1', { lso: true }), { seed: 1 });
    const ids = new Set<number>();
    sim.subscribe((e) => {
      if (e.to === 'vm1.vmbus.out' && e.note?.includes('LSO') && e.packet !== null) ids.add(e.packet);
    });
    let info: ReturnType<typeof sim.packet> = null;
    for (let t = 1_000_000; t < 4_000_000 && !info; t += 500) {
      sim.runUntil(t);
      for (const id of ids) {
        const p = sim.packet(id);
        if (p?.encapsulation.some((l) => l.layer === 'rndis')) info = p;
      }
    }
    expect(info?.offload).toEqual({ kind: 'lso', frames: segmentsPerGroup(1500, 'udp'), mss: 1472 });
    expect(String(info?.encapsulation.find((l) => l.layer === 'rndis')?.fields.ppi)).toMatch(/^checksum \(0\), LSO v2 \(2\): MSS 1472/);
  });

  it('turns on live with set-vm-nic and off again', () => {
    const sim = createSimulation({ ...host(['synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1', { ratePps: 100_000 })] }, { seed: 1 });
    const events: TraceEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(1_500_000);
    expect(events.some((e) => e.note?.includes('(LSO, GPA-direct)'))).toBe(false);
    sim.apply({ kind: 'set-vm-nic', vm: 'vm1', settings: { lso: true } });
    sim.runUntil(3_000_000);
    expect(events.some((e) => e.note?.includes('(LSO, GPA-direct)'))).toBe(true);
    sim.apply({ kind: 'set-vm-nic', vm: 'vm1', settings: { lso: false } });
    const n = events.length;
    sim.runUntil(4_500_000);
    expect(events.slice(n).some((e) => e.to === 'vm1.vmbus.out' && e.detail.startsWith('VMBus packet DATA_INBAND (6)'))).toBe(true);
  });
});

describe('offloads: RSC in the vSwitch and checksum', () => {
  it('RSC coalesces the segments of one flow into one transfer-page packet with one range each', () => {
    const { events } = runCollect(withNic({ ...host(['synthetic']), flows: [flow('rx', 'external-to-vm', 'vm1', { ratePps: 100_000 })] }, 'vm1', { rsc: true }), 3_000_000);
    const k = segmentsPerGroup(1500, 'udp');
    const data = dataOf(events);
    expect(data.some((e) => e.to === 'root.vswitch' && e.note === `RSC coalesced ${k} segments: (H7a + H7R) × ${k}`)).toBe(true);
    const rings = data.filter((e) => e.to === 'vm1.vmbus.in' && e.detail.startsWith('transfer-page packet'));
    expect(rings.length).toBeGreaterThan(3);
    expect(rings.every((e) => e.detail.includes(`${k} ranges: one VMBus packet for ${k} frames`))).toBe(true);
  });

  it('checksum offload off costs the guest stack more per frame (H1 + H1C) and drops the checksum PPI', () => {
    const cyc = (nic: object) => {
      const { events } = runCollect(withNic({ ...host(['synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1', { ratePps: 20_000 })] }, 'vm1', nic), 2_000_000);
      return dataOf(events).find((e) => e.from === 'vm1.stack' && e.to === 'vm1.netvsc')?.cpu?.cycles ?? 0;
    };
    expect(cyc({})).toBe(3000);
    expect(cyc({ checksum: false })).toBe(3000 + 750 * (1518 / 1518));
  });

  it('the MTU setting is what NetVSC reports in SEND_NDIS_CONFIG', () => {
    const { events } = runCollect(withNic(host(['synthetic']), 'vm1', { mtu: 9000 }), 1_000_000);
    const cfg = events.find((e) => e.detail === 'SEND_NDIS_CONFIG');
    expect(cfg?.note).toMatch(/^MTU 9014, capabilities \(no reply\); jumbo frames need the vNIC, switch and NIC set to allow them \(assumed\)/);
  });
});

describe('offloads: a live MTU change', () => {
  it('sends another SEND_NDIS_CONFIG with the new MTU', () => {
    const sim = createSimulation(host(['synthetic']), { seed: 1 });
    const events: TraceEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(1_000_000);
    sim.apply({ kind: 'set-vm-nic', vm: 'vm1', settings: { mtu: 9000 } });
    sim.runUntil(1_500_000);
    expect(events.filter((e) => e.detail === 'SEND_NDIS_CONFIG').map((e) => e.note?.slice(0, 8))).toContain('MTU 9014');
  });
});

describe('offloads: VM to VM', () => {
  it('a large send from an LSO VM to an RSC VM crosses the switch intact and arrives as one coalesced packet', () => {
    const c = { ...host(['synthetic', 'synthetic']), flows: [flow('v2v', 'vm-to-vm', 'vm1', { peerVm: 'vm2', ratePps: 100_000 })] };
    const both = { ...c, vms: c.vms.map((v) => ({ ...v, nic: v.id === 'vm1' ? { lso: true } : { rsc: true } })) };
    const { events, sim } = runCollect(both, 3_000_000);
    const k = segmentsPerGroup(1500, 'udp');
    const data = dataOf(events);
    expect(data.some((e) => e.to === 'vm1.vmbus.out' && e.note === `one VMBus packet carries ${k} frames (LSO, GPA-direct)`)).toBe(true);
    expect(data.some((e) => e.to === 'vm2.vmbus.in' && e.note === `RSC coalesced ${k} segments`)).toBe(true);
    expect(data.some((e) => e.to === 'wire')).toBe(false);
    expect(sim.metrics().perFlow?.[0]?.delivered).toBeGreaterThan(k);
  });
});

describe('offloads: the overlay learns how many frames a packet stands for', () => {
  it('fillInFlight writes frames > 1 for a large send and 1 for ordinary packets', async () => {
    const { createInFlightBuffer } = await import('../views/inflight');
    const c = withNic({ ...host(['synthetic', 'synthetic']), flows: [flow('a', 'vm-to-external', 'vm1', { ratePps: 200_000 }), flow('b', 'vm-to-external', 'vm2', { ratePps: 200_000 })] }, 'vm2', { lso: true });
    const sim = createSimulation(c, { seed: 1 });
    const buf = createInFlightBuffer(64);
    const seen = new Set<number>();
    for (let t = 1_000_000; t < 3_000_000; t += 5_000) {
      sim.runUntil(t);
      sim.fillInFlight(buf);
      for (let i = 0; i < buf.count; i++) seen.add(buf.frames![i]!);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([1, segmentsPerGroup(1500, 'udp')]);
  });
});
