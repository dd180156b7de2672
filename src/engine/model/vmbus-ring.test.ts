import { describe, expect, it } from 'vitest';
import { MODEL } from '../costs';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('vmbus-ring: indices, interrupt mask, signalling, pending_send_sz', () => {
  it('masks while draining, unmasks when empty, and the indices meet when the ring is empty', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1')];
    const { events, sim } = runCollect(c, 2_000_000);
    const ring = events.filter((e) => e.kind === 'ring' && e.from === 'vm1.vmbus.out').map((e) => e.detail);
    expect(ring).toContain('interrupt_mask=1');
    expect(ring).toContain('interrupt_mask=0');
    sim.apply({ kind: 'set-flows', flows: [] });
    sim.runUntil(3_000_000);
    const out = sim.snapshot().vms[0]!.out;
    expect(out.sizeBytes).toBe(MODEL.ringBytes);
    expect(out.usedBytes).toBe(0);
    expect(out.writeIndex).toBe(out.readIndex);
    expect(out.interruptMask).toBe(false);
  });

  it('signals only on empty → non-empty: fewer HvCallSignalEvent than packets under load', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 500_000 })];
    const { events } = runCollect(c, 2_000_000);
    const sends = events.filter((e) => e.kind === 'send').length;
    const kicks = events.filter((e) => e.kind === 'hypercall' && e.detail === 'HvCallSignalEvent' && e.from === 'vm1.netvsc').length;
    expect(kicks).toBeGreaterThan(0);
    expect(kicks).toBeLessThan(sends);
  });

  it('a paused reader (ring-exhaust) leaves entries in the in ring until it drains again', () => {
    const c = host(['synthetic']);
    c.flows = [flow('rx', 'external-to-vm', 'vm1', { ratePps: 100_000 })];
    c.faults = [{ atNs: 800_000, kind: 'ring-exhaust', vm: 'vm1', durationNs: 1_000_000 }];
    const { sim } = runCollect(c, 1_500_000);
    const during = sim.snapshot().vms[0]!.in;
    expect(during.packets).toBeGreaterThan(5);
    expect(during.usedBytes).toBeGreaterThan(0);
    sim.apply({ kind: 'set-flows', flows: [] });
    sim.runUntil(3_000_000);
    expect(sim.snapshot().vms[0]!.in.packets).toBe(0);
  });
});
