import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
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

  it('walks the extensions down on ingress and back up on egress, then delivers from the protocol edge (audit D3)', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1')];
    c.extensions = { capture: true, filter: { enabled: true, dropRules: [] }, forwarding: true };
    const { events } = runCollect(c, 2_000_000);
    const p = events.find((e) => e.kind === 'send')!.packet;
    const legs = events.filter((e) => e.packet === p && e.kind === 'hop' && e.from.startsWith('root.vswitch')).map((e) => `${e.from}>${e.to}`);
    expect(legs).toEqual([
      'root.vswitch>root.vswitch.capture',
      'root.vswitch.capture>root.vswitch.filter',
      'root.vswitch.filter>root.vswitch.forwarding',
      'root.vswitch.forwarding>root.vswitch.filter',
      'root.vswitch.filter>root.vswitch.capture',
      'root.vswitch.capture>root.vswitch',
      'root.vswitch>root.pf',
    ]);
    // Each extension is charged once per traversal: six H7d in all.
    expect(events.filter((e) => e.packet === p && e.cost === 'H7d')).toHaveLength(6);
  });

  it('applies a destination-VM rule on egress only, a source-VM rule on ingress', () => {
    const c = host(['synthetic', 'synthetic', 'synthetic']);
    c.flows = [flow('a', 'vm-to-vm', 'vm1', { peerVm: 'vm2' }), flow('b', 'vm-to-vm', 'vm1', { peerVm: 'vm3' }), flow('c', 'vm-to-vm', 'vm3', { peerVm: 'vm1' })];
    c.extensions = { capture: false, forwarding: false, filter: { enabled: true, dropRules: [{ id: 'to-vm2', dstVm: 'vm2' }, { id: 'from-vm3', srcVm: 'vm3' }] } };
    const { events, sim } = runCollect(c, 2_000_000);
    const drops = events.filter((e) => e.kind === 'drop' && e.detail === 'filter-extension');
    const egress = drops.filter((e) => e.note === 'drop rule to-vm2 (egress: destination port)');
    const ingress = drops.filter((e) => e.note === 'drop rule from-vm3');
    expect(egress.length).toBeGreaterThan(0);
    expect(ingress.length).toBeGreaterThan(0);
    expect(egress.length + ingress.length).toBe(drops.length);
    // The egress drop comes after the NBL went down and came back to the filter; the ingress drop before.
    const egressHops = events.filter((e) => e.packet === egress[0]!.packet && e.cost === 'H7d').map((e) => e.detail);
    expect(egressHops).toEqual(['filtering extension applies its rules (ingress)']);
    const perFlow = sim.metrics().perFlow ?? [];
    expect(perFlow.find((f) => f.id === 'b')!.dropped).toBe(0); // vm1 → vm3 passes both rules
  });

  it('deletes the NIC and the port when the VM stops', () => {
    const { events, sim } = runCollect(host(['synthetic', 'synthetic']), 1_000_000);
    sim.apply({ kind: 'remove-vm', vm: 'vm2' });
    // The WDK's order (fidelity audit D11), with vm2's VMQ queue freed on the way.
    expect(configSteps(events, 'vm2').slice(-6)).toEqual(['OID_SWITCH_NIC_DISCONNECT', 'OID_RECEIVE_FILTER_CLEAR_FILTER', 'OID_RECEIVE_FILTER_FREE_QUEUE', 'OID_SWITCH_NIC_DELETE', 'OID_SWITCH_PORT_TEARDOWN', 'OID_SWITCH_PORT_DELETE']);
  });
});

describe('vswitch: a VM’s VLAN in access mode (fidelity audit D9)', () => {
  it('the guest’s frame and RNDIS carry no tag; the NBL holds the VLAN; the switch tags it towards the wire', () => {
    const c = host(['synthetic']);
    c.vms[0]!.vlan = 7;
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 20_000 })];
    const sim = createSimulation(c, { seed: 1 });
    const seen = new Map<string, { layer: string; name: string; fields: Record<string, unknown> }[]>();
    sim.subscribe((e) => {
      if (e.packet === null || e.path !== 'synthetic' || e.kind === 'send' || e.kind === 'deliver') return;
      const key = e.to === 'vm1.vmbus.out' ? 'ring' : e.to === 'root.vswitch' && e.from === 'root.netvsp.vm1' ? 'nbl' : e.to === 'wire' ? 'wire' : null;
      if (key && !seen.has(key)) seen.set(key, (sim.packet(e.packet)?.encapsulation ?? []) as never);
    });
    sim.runUntil(1_500_000);
    const eth = (k: string) => seen.get(k)!.find((l) => l.layer === 'ethernet')!;
    expect(eth('ring').name).toBe('Ethernet II');
    expect(seen.get('ring')!.find((l) => l.layer === 'rndis')!.fields.ppi).toBe('checksum (0)');
    expect(eth('nbl').name).toBe('Ethernet II');
    expect(String(seen.get('nbl')!.find((l) => l.layer === 'nbl')!.fields.ieee8021qInfo)).toMatch(/^VLAN 7/);
    expect(eth('wire').name).toBe('Ethernet II + 802.1Q');
    expect(eth('wire').fields.vlan).toBe(7);
    sim.dispose();
  });
});
