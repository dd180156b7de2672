import { describe, expect, it } from 'vitest';
import { createInFlightBuffer, createSimulation } from './simulation';
import { scenarioConfig } from './scenarios';
import { defaultConfig, makeVms } from './config';
import { PATH_KINDS, type SimConfig } from './types';

describe('snapshot API', () => {
  it('returns the events since the previous call, bounded, oldest dropped first', () => {
    const sim = createSimulation(scenarioConfig('synthetic'), { seed: 1, maxEventsPerSnapshot: 500 });
    sim.runUntil(1_000_000);
    const s1 = sim.snapshot();
    expect(s1.events.length).toBe(500);
    expect(s1.eventsDropped).toBeGreaterThan(0);
    expect(s1.events[0]!.seq + s1.eventsDropped).toBe(0 + s1.eventsDropped + s1.events[0]!.seq);
    const last = s1.events[s1.events.length - 1]!.seq;
    sim.runUntil(1_010_000);
    const s2 = sim.snapshot();
    expect(s2.events.length === 0 || s2.events[0]!.seq === last + 1).toBe(true);
    for (let i = 1; i < s2.events.length; i++) expect(s2.events[i]!.t).toBeGreaterThanOrEqual(s2.events[i - 1]!.t);
    expect(s2.vms[0]?.out.sizeBytes).toBe(512 * 1024 - 4096);
    expect(s2.vmqAssignments).toEqual([{ queue: 1, vm: 'vm1', lp: 1 }]);
  });

  it('fills in-flight packets with link index and progress; packet() and packetHistory() describe them', () => {
    const sim = createSimulation(scenarioConfig('mixed'), { seed: 2 });
    sim.runUntil(1_500_000);
    const buf = createInFlightBuffer(1);
    let seen = 0;
    for (let k = 0; k < 200 && seen < 20; k++) {
      sim.runUntil(sim.now() + 997);
      sim.fillInFlight(buf);
      const topo = sim.topology();
      for (let i = 0; i < buf.count; i++) {
        const link = topo.links[buf.link[i]!]!;
        const p = sim.packet(buf.packetId[i]!)!;
        if (p.hop && p.hop.from !== p.hop.to) {
          // Crossing a link: the entry is that link.
          expect(p.hop.from).toBe(link.from);
          expect(p.hop.to).toBe(link.to);
        } else if (p.hop) {
          // Work inside one component: drawn at the end of a link that arrives there.
          expect(link.to).toBe(p.hop.from);
          expect(buf.progress[i]).toBe(1);
        } else {
          // Waiting between hops: drawn at the end of the link where it waits.
          expect([link.from, link.to]).toContain(p.at);
          expect([0, 1]).toContain(buf.progress[i]);
        }
        expect(buf.progress[i]).toBeGreaterThanOrEqual(0);
        expect(buf.progress[i]).toBeLessThanOrEqual(1);
        expect(PATH_KINDS[buf.path[i]!]).toBe(p.path);
        if (p.frame) {
          expect(p.encapsulation.at(-1)?.layer).toBe('ethernet');
          expect(p.plannedRoute.length).toBeGreaterThanOrEqual(0);
          const h = sim.packetHistory(p.id);
          expect(h[0]?.kind).toBe('send');
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(5);
    expect(buf.capacity).toBeGreaterThanOrEqual(buf.count);
  });

  it('shows the encapsulation of each path', () => {
    const sim = createSimulation(scenarioConfig('mixed'), { seed: 2 });
    sim.runUntil(1_500_000);
    const layers = new Set<string>();
    const buf = createInFlightBuffer(64);
    for (let k = 0; k < 3000; k++) {
      sim.runUntil(sim.now() + 331);
      sim.fillInFlight(buf);
      for (let i = 0; i < buf.count; i++) for (const l of sim.packet(buf.packetId[i]!)?.encapsulation ?? []) layers.add(`${l.layer}:${l.name}`);
    }
    expect(layers).toContain('vmbus-packet:VMBus DATA_INBAND (6)');
    expect(layers).toContain('nvsp:NVSP MSG1_SEND_RNDIS_PKT (107)');
    expect(layers).toContain('rndis:RNDIS PACKET_MSG (0x1)');
    expect(layers).toContain('vmbus-packet:VMBus DATA_USING_XFER_PAGES (7)');
    expect([...layers].some((l) => l.startsWith('tulip-descriptor'))).toBe(true);
    expect([...layers].some((l) => l.startsWith('dma-descriptor:VF'))).toBe(true);
    expect([...layers].some((l) => l.startsWith('ethernet') && l.includes('Ethernet'))).toBe(true);
  });

  it.each([1_000, 10_000])('stress keeps about %i packets crossing links (±25 percent)', (n) => {
    const sim = createSimulation(scenarioConfig('stress', { packets: n }), { seed: 1 });
    sim.runUntil(4_000_000);
    const buf = createInFlightBuffer(1024);
    let sum = 0;
    for (let k = 0; k < 20; k++) {
      sim.runUntil(sim.now() + 16_667);
      sum += sim.fillInFlight(buf).count;
    }
    const mean = sum / 20;
    expect(mean).toBeGreaterThan(n * 0.75);
    expect(mean).toBeLessThan(n * 1.25);
    const a = sim.metrics().accounting;
    expect(a.sent).toBe(a.delivered + a.dropped + a.inFlight);
  }, 60_000);
});

describe('runtime changes (apply)', () => {
  const base = (): SimConfig => {
    const c = defaultConfig();
    c.vms = makeVms(2, ['synthetic', 'sriov']);
    c.flows = [
      { id: 'a', direction: 'external-to-vm', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 20_000 },
      { id: 'b', direction: 'vm-to-external', vm: 'vm2', protocol: 'tcp', packetBytes: 1500, ratePps: 20_000 },
    ];
    return c;
  };

  it('VMQ off moves receive to the default queue; SR-IOV on moves vm2 to its VF', () => {
    const sim = createSimulation(base(), { seed: 1 });
    sim.runUntil(1_000_000);
    expect(sim.snapshot().vms[0]?.vmqQueue).toBe(1);
    sim.apply({ kind: 'set-vmq', on: false });
    sim.apply({ kind: 'set-sriov', on: true });
    sim.runUntil(2_500_000);
    const s = sim.snapshot();
    expect(s.vms[0]?.vmqQueue).toBeNull();
    expect(s.vms[0]?.rxLp).toBe(0);
    expect(s.vms[1]?.activePath).toBe('sriov');
    expect(s.vfAssignments).toEqual([{ vf: 1, vm: 'vm2' }]);
    expect(s.vms[1]?.iommuMappings.length).toBe(1);
    const a = sim.metrics().accounting;
    expect(a.sent).toBe(a.delivered + a.dropped + a.inFlight);
  });

  it('switching adapters, adding and removing VMs keeps accounting and bumps the topology version', () => {
    const sim = createSimulation(base(), { seed: 1 });
    sim.runUntil(1_000_000);
    const v0 = sim.topologyVersion();
    sim.apply({ kind: 'set-adapter', vm: 'vm1', adapter: 'emulated' });
    sim.apply({ kind: 'add-vm', adapter: 'synthetic' });
    sim.runUntil(2_000_000);
    expect(sim.topologyVersion()).toBeGreaterThan(v0);
    expect(sim.topology().components.some((c) => c.id === 'vm3.netvsc')).toBe(true);
    expect(sim.snapshot().vms.find((v) => v.id === 'vm1')?.activePath).toBe('emulated');
    sim.apply({ kind: 'remove-vm', vm: 'vm2' });
    sim.runUntil(3_000_000);
    expect(sim.topology().components.some((c) => c.id === 'vm2.netvsc')).toBe(false);
    const a = sim.metrics().accounting;
    expect(a.sent).toBe(a.delivered + a.dropped + a.inFlight);
    expect(a.inFlight).toBeLessThan(50);
  });

  it('ring-exhaust stops the guest draining: the in ring fills, then drops with ring-full', () => {
    const c = defaultConfig();
    c.vms = makeVms(1, 'synthetic');
    c.nic.linkGbps = 100;
    c.logicalProcessors = 16;
    c.flows = [{ id: 'rx', direction: 'external-to-vm', vm: 'vm1', protocol: 'udp', packetBytes: 64, ratePps: 2_000_000 }];
    c.faults = [{ atNs: 1_000_000, kind: 'ring-exhaust', vm: 'vm1', durationNs: 40_000_000 }];
    const sim = createSimulation(c, { seed: 1 });
    sim.runUntil(38_000_000);
    const vm = sim.snapshot().vms[0]!;
    expect(vm.in.interruptMask).toBe(true);
    expect(vm.in.sizeBytes - vm.in.usedBytes).toBeLessThan(100);
    const m = sim.metrics();
    expect(m.accounting.dropsByReason['ring-full']).toBeGreaterThan(0);
    expect(m.perVm.vm1?.ringInPeak).toBeGreaterThan(500_000);
  }, 60_000);

  it('a writer signals only on empty → non-empty: far fewer HvCallSignalEvent than packets under load', () => {
    const c = defaultConfig();
    c.vms = makeVms(1, 'synthetic');
    c.flows = [{ id: 'tx', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 1_000_000 }];
    const sim = createSimulation(c, { seed: 1 });
    let signals = 0;
    let masks = 0;
    sim.subscribe((e) => {
      if (e.kind === 'hypercall' && e.detail === 'HvCallSignalEvent' && e.from === 'vm1.netvsc' && e.path === 'synthetic') signals++;
      if (e.kind === 'ring' && e.detail === 'interrupt_mask=1') masks++;
    });
    sim.runUntil(3_000_000);
    const sent = sim.metrics().perPath.synthetic.packets;
    expect(sent).toBeGreaterThan(500);
    expect(signals).toBeGreaterThan(0);
    expect(signals).toBeLessThan(sent / 10);
    expect(masks).toBeGreaterThan(0);
  });
});
