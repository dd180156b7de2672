import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('pf-miniport: NIC switch, queue interrupts, indication to the vSwitch', () => {
  it('creates the NIC switch when SR-IOV is on', () => {
    const { events } = runCollect(host(['sriov']), 100_000);
    expect(events.some((e) => e.kind === 'config' && e.detail === 'OID_NIC_SWITCH_CREATE_SWITCH' && e.from === 'root.pf')).toBe(true);
  });

  it('takes a queue interrupt on the queue LP root VP and indicates the frame to the vSwitch', () => {
    const c = host(['synthetic']);
    c.flows = [flow('rx', 'external-to-vm', 'vm1')];
    const { events } = runCollect(c, 2_000_000);
    const irq = events.find((e) => e.kind === 'interrupt' && e.to === 'root.pf');
    expect(irq?.detail).toBe('physical interrupt redirected to the root VP on LP 1');
    expect(events.some((e) => e.from === 'root.pf' && e.to === 'root.vswitch')).toBe(true);
  });
});
