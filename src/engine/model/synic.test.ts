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
