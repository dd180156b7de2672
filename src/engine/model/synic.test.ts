import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('synic: SynIC enable and the VMBus hypercalls', () => {
  const c = host(['synthetic']);
  c.flows = [flow('rx', 'external-to-vm', 'vm1')];
  const { events } = runCollect(c, 1_500_000);

  it('enables the SynIC with four MSR writes, each a VM exit', () => {
    expect(events.filter((e) => e.kind === 'vmexit' && e.detail.startsWith('WRMSR')).map((e) => e.detail)).toEqual(['WRMSR SIMP (0x40000083)', 'WRMSR SIEFP (0x40000082)', 'WRMSR SINT2 (0x40000092)', 'WRMSR SCONTROL (0x40000080)']);
  });

  it('posts channel messages with HvCallPostMessage and kicks rings with HvCallSignalEvent then SINT2', () => {
    expect(events.find((e) => e.detail === 'OFFERCHANNEL')?.note).toContain('HvCallPostMessage (0x005C)');
    const i = events.findIndex((e) => e.kind === 'hypercall' && e.detail === 'HvCallSignalEvent' && e.from === 'root.netvsp.vm1');
    expect(i).toBeGreaterThanOrEqual(0);
    const next = events.slice(i + 1).find((e) => e.packet === events[i]!.packet);
    expect(next?.kind).toBe('interrupt');
    expect(next?.detail).toContain('SINT2');
  });
});

describe('synic: hypervisor time occupies the LP it runs on (fidelity audit D1)', () => {
  it('no two charged data-path steps overlap on one LP, hypercalls and interrupts included', () => {
    const c = host(['synthetic', 'synthetic']);
    c.vmq = false; // every VM's receive work and its hypervisor time on LP0
    c.flows = [flow('rx1', 'external-to-vm', 'vm1', { ratePps: 200_000 }), flow('rx2', 'external-to-vm', 'vm2', { ratePps: 200_000 })];
    const { events, sim } = runCollect(c, 2_000_000);
    const byLp = new Map<number, { t: number; end: number; kind: string }[]>();
    for (const e of events) {
      if (e.path === 'control' || !e.cpu || e.cpu.cycles <= 0) continue;
      const list = byLp.get(e.cpu.lp) ?? [];
      list.push({ t: e.t, end: e.t + Math.round(e.cpu.cycles / 3), kind: e.kind });
      byLp.set(e.cpu.lp, list);
    }
    const lp0 = byLp.get(0) ?? [];
    expect(lp0.some((x) => x.kind === 'interrupt')).toBe(true);
    for (const list of byLp.values()) {
      list.sort((a, b) => a.t - b.t);
      for (let i = 1; i < list.length; i++) expect(list[i]!.t).toBeGreaterThanOrEqual(list[i - 1]!.end - 1);
    }
    // Utilisation is never clipped, and an LP cannot do more than its capacity.
    const m = sim.metrics();
    expect(m.perLp[0]!.utilisation).toBeGreaterThan(0.8);
    for (const l of m.perLp) expect(l.utilisation).toBeLessThan(1.02);
  });
});
