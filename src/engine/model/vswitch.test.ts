import { describe, expect, it } from 'vitest';
import { configSteps, runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('vswitch: ports, NIC connect, extensions', () => {
  it('creates the port and the NIC before connecting it', () => {
    const { events } = runCollect(host(['synthetic']), 1_000_000);
    expect(configSteps(events, 'vm1').slice(0, 3)).toEqual(['OID_SWITCH_PORT_CREATE', 'OID_SWITCH_NIC_CREATE', 'OID_SWITCH_NIC_CONNECT']);
  });

  it('passes packets through the enabled extensions in stack order; the filter drops by rule', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1')];
    c.extensions = { capture: true, filter: { enabled: true, dropRules: [{ id: 'r1', protocol: 'udp' }] }, forwarding: false };
    const { events, sim } = runCollect(c, 2_000_000);
    const p = events.find((e) => e.kind === 'send')!.packet;
    const legs = events.filter((e) => e.packet === p && e.kind === 'hop').map((e) => `${e.from}>${e.to}`);
    expect(legs).toContain('root.vswitch>root.vswitch.capture');
    expect(legs).toContain('root.vswitch.capture>root.vswitch.filter');
    expect(sim.metrics().accounting.dropsByReason['filter-extension']).toBeGreaterThan(0);
  });

  it('deletes the NIC and the port when the VM stops', () => {
    const { events, sim } = runCollect(host(['synthetic', 'synthetic']), 1_000_000);
    sim.apply({ kind: 'remove-vm', vm: 'vm2' });
    expect(configSteps(events, 'vm2').slice(-2)).toEqual(['OID_SWITCH_NIC_DELETE', 'OID_SWITCH_PORT_DELETE']);
  });
});
