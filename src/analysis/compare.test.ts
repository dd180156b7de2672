import { describe, expect, it } from 'vitest';
import { createSimulation, defaultConfig } from '../engine';
import type { SimConfig } from '../engine/types';
import { caseConfig, categorize, COMPARE_CASES, COMPARE_PATTERNS, foldComponent, formatLps, patternConfig, percentile, runComparison } from './compare';

const base = (): SimConfig => {
  const c = defaultConfig();
  c.flows = [
    { id: 'out', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 20_000 },
    { id: 'in', direction: 'external-to-vm', vm: 'vm2', protocol: 'udp', packetBytes: 1500, ratePps: 20_000 },
  ];
  c.faults = [{ atNs: 1000, kind: 'link-down' }];
  return c;
};

describe('comparison helpers', () => {
  it('builds the four configurations from one traffic pattern', () => {
    const b = base();
    const cfgs = Object.fromEntries(COMPARE_CASES.map((c) => [c, caseConfig(b, c)]));
    expect(cfgs.emulated!.vms.every((v) => v.adapter === 'emulated')).toBe(true);
    expect([cfgs.synthetic!.vmq, cfgs.vmq!.vmq]).toEqual([false, true]);
    expect(cfgs.sriov!.sriov).toBe(true);
    expect(cfgs.sriov!.vms.every((v) => v.adapter === 'sriov')).toBe(true);
    for (const c of Object.values(cfgs)) {
      expect(c.flows).toEqual(b.flows);
      expect(c.faults).toEqual([]);
    }
  });

  it('folds instance numbers and formats LPs', () => {
    expect(foldComponent('root.netvsp.vm12')).toBe('root.netvsp.vmN');
    expect(foldComponent('nic.queue.3')).toBe('nic.queue.k');
    expect(foldComponent('vm2.vp.1')).toBe('vmN.vp.n');
    expect(formatLps([3, 1, 2])).toBe('1–3');
    expect(formatLps([0, 4])).toBe('0, 4');
    expect(formatLps([])).toBe('—');
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([], 50)).toBe(0);
  });

  it('puts VM exits and worker-process work in their own categories', () => {
    const e = { t: 0, seq: 0, packet: 1, path: 'emulated' as const, detail: '', dur: 1, vm: null, cost: null };
    expect(categorize({ ...e, kind: 'vmexit', from: 'vm1.legacy', to: 'hv', cpu: { partition: 'hv', lp: 0, vp: null, cycles: 1 } })).toBe('vmexit');
    expect(categorize({ ...e, kind: 'hop', from: 'root.vid', to: 'root.vmwp.vm1', cpu: { partition: 'root', lp: 0, vp: null, cycles: 1 } })).toBe('worker');
    expect(categorize({ ...e, kind: 'hop', from: 'root.pf', to: 'root.vswitch', cpu: { partition: 'root', lp: 0, vp: null, cycles: 1 } })).toBe('vswitch');
    expect(categorize({ ...e, kind: 'hop', from: 'vm1.stack', to: 'vm1.netvsc', cpu: { partition: 'vm1', lp: 0, vp: 0, cycles: 1 } })).toBe('guest');
  });
});

describe('comparison on the engine', () => {
  it('shows the documented shape: emulated pays VM exits and the worker process; SR-IOV spends no root CPU on data', async () => {
    const results = await runComparison(createSimulation, base(), { seed: 3, durationNs: 2_000_000, bucketCount: 20 });
    const by = Object.fromEntries(results.map((r) => [r.case, r]));
    expect(results.map((r) => r.case)).toEqual([...COMPARE_CASES]);
    for (const r of results) {
      expect(r.status).toBe('done');
      expect(r.delivered).toBeGreaterThan(0);
      expect(r.buckets).toHaveLength(20);
      expect(r.hops.length).toBeGreaterThan(3);
    }
    const em = by.emulated!;
    const sr = by.sriov!;
    const syn = by.synthetic!;
    expect(em.perPacket.vmExits).toBeGreaterThan(0.5);
    expect(syn.perPacket.vmExits).toBeLessThan(0.3);
    expect(em.perPacketByCategory.worker + em.perPacketByCategory.vmexit).toBeGreaterThan(em.perPacket.root * 0.5);
    expect(em.perPacket.root + em.perPacket.hv).toBeGreaterThan(3 * (syn.perPacket.root + syn.perPacket.hv));
    expect(sr.perPacketByCategory.vswitch).toBe(0);
    expect(sr.perPacketByCategory.vmbus).toBe(0);
    expect(sr.perPacket.root).toBeLessThan(syn.perPacket.root / 5);
    const p50 = (r: typeof em) => percentile([...r.latencies].sort((a, b) => a - b), 50);
    expect(p50(sr)).toBeLessThan(p50(syn));
    expect(p50(syn)).toBeLessThan(p50(em));
  }, 120_000);

  it('rx-spread: without VMQ every VM’s receive work piles on LP0 (the limit); with VMQ it spreads over one LP per queue', async () => {
    const results = await runComparison(createSimulation, base(), { seed: 1, durationNs: 1_000_000, pattern: 'rx-spread', cases: ['synthetic', 'vmq', 'sriov'] });
    const [syn, vmq, sr] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]];
    expect(syn.config.vms).toHaveLength(4);
    expect(syn.lpUtil[0]).toBeGreaterThan(0.95);
    expect(syn.limit).toMatchObject({ kind: 'lp', resource: { lp: 0 } });
    expect(vmq.lpUtil[0]).toBeLessThan(0.05);
    expect([1, 2, 3].every((lp) => (vmq.lpUtil[lp] ?? 0) > 0.3)).toBe(true);
    expect(vmq.limit.kind).toBe('none');
    expect(vmq.delivered).toBeGreaterThan(syn.delivered * 1.2);
    const p50 = (r: typeof syn) => percentile([...r.latencies].sort((a, b) => a - b), 50);
    expect(p50(syn)).toBeGreaterThan(5 * p50(vmq));
    expect(sr.lpUtil.slice(0, 4).every((u) => u < 0.05)).toBe(true);
  }, 60_000);

  it('wire: the 10 Gb/s link limits SR-IOV; rx-one: one queue means one LP even with VMQ', async () => {
    const wire = await runComparison(createSimulation, base(), { seed: 1, durationNs: 1_000_000, pattern: 'wire', cases: ['sriov'] });
    expect(wire[0]!.limit.kind).toBe('wire');
    expect(wire[0]!.wire.rx).toBeGreaterThan(0.95);
    const one = await runComparison(createSimulation, base(), { seed: 1, durationNs: 1_000_000, pattern: 'rx-one', cases: ['vmq'] });
    expect(one[0]!.limit).toMatchObject({ kind: 'lp', resource: { lp: 1 } });
  }, 60_000);

  it('patterns keep the host but bring their own VMs and flows', () => {
    for (const p of COMPARE_PATTERNS) {
      const c = patternConfig(base(), p);
      expect(c.flows.every((f) => c.vms.some((v) => v.id === f.vm))).toBe(true);
      if (p !== 'current') expect(c.faults).toEqual([]);
    }
    expect(patternConfig(base(), 'current')).toEqual(base());
  });

  it('stops when cancelled', async () => {
    const signal = { aborted: false };
    const results = await runComparison(createSimulation, base(), {
      seed: 3,
      durationNs: 5_000_000,
      signal,
      budgetMs: 1,
      yieldFn: async () => {
        signal.aborted = true;
      },
    });
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe('cancelled');
  });
});
