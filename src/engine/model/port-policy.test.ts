import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';
import { aclMatch, pacerNs, portPolicyOf, trunkAllows } from './port-policy';
import type { PortAclRule, SimConfig, TraceEvent, VmNicSettings } from '../types';

const withNic = (c: SimConfig, vm: string, nic: VmNicSettings): SimConfig => ({ ...c, vms: c.vms.map((v) => (v.id === vm ? { ...v, nic } : v)) });
const drops = (events: TraceEvent[], reason: string) => events.filter((e) => e.kind === 'drop' && e.detail === reason);

describe('port policy: ACL rules', () => {
  const acl: PortAclRule[] = [
    { direction: 'inbound', action: 'allow', protocol: 'udp', remotePort: 53 },
    { direction: 'both', action: 'deny', protocol: 'udp' },
    { direction: 'outbound', action: 'allow' },
  ];
  it('first match wins, in list order', () => {
    expect(aclMatch(acl, 'inbound', 'udp', 53)?.index).toBe(0);
    expect(aclMatch(acl, 'inbound', 'udp', 54)?.rule.action).toBe('deny');
    expect(aclMatch(acl, 'outbound', 'udp', 53)?.index).toBe(1);
    expect(aclMatch(acl, 'outbound', 'tcp', 80)?.index).toBe(2);
  });
  it('honours the direction; no match means allowed (null)', () => {
    expect(aclMatch(acl, 'inbound', 'tcp', 80)).toBeNull();
    expect(aclMatch([{ direction: 'outbound', action: 'deny' }], 'inbound', 'udp', 1)).toBeNull();
  });
  it('drops a VM’s outbound frames its port denies, at the built-in ingress policy, with the reason', () => {
    const c = withNic({ ...host(['synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1')] }, 'vm1', { acl: [{ direction: 'outbound', action: 'deny', protocol: 'udp', remotePort: 5001 }] });
    const { events, sim } = runCollect(c, 2_000_000);
    const d = drops(events, 'port-acl');
    expect(d.length).toBeGreaterThan(5);
    expect(d[0]!.note).toBe("denied by vm1's port ACL (outbound, udp 5001)");
    expect(d[0]!.from).toBe('root.vswitch');
    expect(events.some((e) => e.kind === 'deliver' && e.to === 'wire')).toBe(false);
    expect(sim.metrics().perVm.vm1!.portPolicy!.policyDrops).toBe(d.length);
    // The dropped sends are completed to the guest (no sections leak).
    const a = sim.metrics().accounting;
    expect(a.sent).toBe(a.delivered + a.dropped + a.inFlight);
  });
  it('drops inbound frames on the egress pass, matching the remote (source) port', () => {
    const base = { ...host(['synthetic']), flows: [flow('rx', 'external-to-vm', 'vm1')] };
    const noMatch = runCollect(withNic(base, 'vm1', { acl: [{ direction: 'inbound', action: 'deny', protocol: 'udp', remotePort: 5001 }] }), 2_000_000);
    expect(drops(noMatch.events, 'port-acl')).toHaveLength(0); // 5001 is the local port here
    const hit = runCollect(withNic(base, 'vm1', { acl: [{ direction: 'inbound', action: 'deny', protocol: 'udp' }] }), 2_000_000);
    expect(drops(hit.events, 'port-acl')[0]!.note).toBe("denied by vm1's port ACL (inbound, udp)");
  });
});

describe('port policy: VLAN trunk mode', () => {
  it('allows only the listed VLANs (untagged passes as native)', () => {
    const p = portPolicyOf({ id: 'vm1', adapter: 'synthetic', vcpus: 2, nic: { vlanMode: 'trunk', trunkVlans: [10, 20] } })!;
    expect(trunkAllows(p, 10)).toBe(true);
    expect(trunkAllows(p, 30)).toBe(false);
    expect(trunkAllows(p, null)).toBe(true);
  });
  it('drops frames tagged with a VLAN the trunk does not carry', () => {
    const c = { ...host(['synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1')] };
    c.vms = c.vms.map((v) => ({ ...v, vlan: 30, nic: { vlanMode: 'trunk' as const, trunkVlans: [10, 20] } }));
    const { events } = runCollect(c, 2_000_000);
    expect(drops(events, 'vlan-not-allowed')[0]!.note).toBe("VLAN 30 is not allowed on vm1's trunk port (outbound)");
    const ok = { ...c, vms: c.vms.map((v) => ({ ...v, vlan: 20 })) };
    const r = runCollect(ok, 2_000_000);
    expect(drops(r.events, 'vlan-not-allowed')).toHaveLength(0);
    expect(r.events.some((e) => e.detail === "built-in ingress policy: VLAN 20 tagged by the guest is allowed on vm1's trunk port")).toBe(true);
  });
});

describe('port policy: bandwidth limit', () => {
  it('paces a VM’s sends to the limit within 5 %', () => {
    const mbps = 300;
    // 1,500-B UDP at 60,000 pps ≈ 730 Mbit/s offered.
    const c = withNic({ ...host(['synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1', { ratePps: 60_000 })] }, 'vm1', { maxMbps: mbps });
    const { sim } = runCollect(c, 4_000_000);
    const before = sim.metrics().perFlow![0]!.deliveredBytes;
    sim.runUntil(24_000_000);
    const m = sim.metrics();
    const rate = ((m.perFlow![0]!.deliveredBytes - before) * 8) / 20_000_000; // bits per ns = Gbit/s
    expect(rate * 1000).toBeGreaterThan(mbps * 0.95);
    expect(rate * 1000).toBeLessThan(mbps * 1.05);
    const pp = m.perVm.vm1!.portPolicy!;
    expect(pp.limitHeld).toBeGreaterThan(0);
    expect(pp.limitDrops).toBeGreaterThan(0);
    expect(m.accounting.dropsByReason['port-limit']).toBe(pp.limitDrops);
  });
  it('pacer time is the frame’s bits at the limit; 0 means no limit', () => {
    expect(pacerNs(1500, 1000)).toBe(12_000);
    expect(portPolicyOf({ id: 'vm1', adapter: 'synthetic', vcpus: 2, nic: { maxMbps: 0 } })).toBeNull();
  });
});

describe('port policy: mirroring', () => {
  it('delivers a copy of a source port’s frames to the destination port, as packets of their own', () => {
    let c: SimConfig = { ...host(['synthetic', 'synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1')] };
    c = withNic(withNic(c, 'vm1', { mirror: 'source' }), 'vm2', { mirror: 'destination' });
    const { events, sim } = runCollect(c, 2_000_000);
    const copies = events.filter((e) => e.kind === 'send' && e.detail === 'port mirroring: copy made at the miniport edge');
    expect(copies.length).toBeGreaterThan(5);
    const p = copies[0]!.packet;
    const end = events.find((e) => e.packet === p && e.kind === 'deliver');
    expect(end?.to).toBe('vm2.stack');
    expect(sim.metrics().perVm.vm2!.portPolicy!.mirrored).toBeGreaterThan(5);
    const a = sim.metrics().accounting;
    expect(a.sent).toBe(a.delivered + a.dropped + a.inFlight);
  });
});

describe('port policy: SR-IOV bypass', () => {
  it('a VM whose data runs on its VF is not subject to its port’s ACL, limit or mirroring; the trace says so', () => {
    let c: SimConfig = { ...host(['sriov', 'synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1', { ratePps: 60_000, startNs: 2_000_000 })] };
    c = withNic(withNic(c, 'vm1', { acl: [{ direction: 'outbound', action: 'deny', protocol: 'udp' }], maxMbps: 100, mirror: 'source' }), 'vm2', { mirror: 'destination' });
    const { events, sim } = runCollect(c, 4_000_000);
    expect(drops(events, 'port-acl')).toHaveLength(0);
    expect(drops(events, 'port-limit')).toHaveLength(0);
    expect(events.some((e) => e.detail.startsWith('port mirroring'))).toBe(false);
    const vf = events.filter((e) => e.detail === 'NetVSC sends on the bonded VF miniport (data path = VF)');
    expect(vf.length).toBeGreaterThan(0);
    expect(vf[0]!.note).toBe("vm1's port policy is not applied: its traffic runs on the SR-IOV VF and bypasses the vSwitch");
    expect(sim.metrics().perVm.vm1!.portPolicy!.bypassed).toBe(true);
  });
  it('the same VM falls under its port policy again when its VF is removed (live)', () => {
    let c: SimConfig = { ...host(['sriov']), flows: [flow('tx', 'vm-to-external', 'vm1', { startNs: 2_000_000 })] };
    c = withNic(c, 'vm1', { acl: [{ direction: 'outbound', action: 'deny', protocol: 'udp' }] });
    c.faults = [{ atNs: 2_500_000, kind: 'vf-remove', vm: 'vm1' }];
    const { events } = runCollect(c, 4_000_000);
    const d = drops(events, 'port-acl');
    expect(d.length).toBeGreaterThan(0);
    expect(d.every((e) => e.t >= 2_500_000)).toBe(true);
  });
});

describe('port policy: live change (set-vm-nic)', () => {
  it('new packets follow the new ACL at once', () => {
    const c = { ...host(['synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1')] };
    const { sim, events } = runCollect(c, 1_500_000);
    expect(drops(events, 'port-acl')).toHaveLength(0);
    sim.apply({ kind: 'set-vm-nic', vm: 'vm1', settings: { acl: [{ direction: 'outbound', action: 'deny' }] } });
    const after: TraceEvent[] = [];
    sim.subscribe((e) => after.push(e));
    sim.runUntil(2_500_000);
    expect(drops(after, 'port-acl').length).toBeGreaterThan(3);
    sim.apply({ kind: 'set-vm-nic', vm: 'vm1', settings: { acl: [] } });
    after.length = 0;
    sim.runUntil(2_600_000);
    sim.runUntil(3_500_000);
    expect(drops(after.filter((e) => e.t > 2_700_000), 'port-acl')).toHaveLength(0);
  });
});

describe('port policy: captures and flow counts', () => {
  const mirrored = (): SimConfig => {
    const c: SimConfig = { ...host(['synthetic', 'synthetic']), flows: [flow('tx', 'vm-to-external', 'vm1')] };
    return withNic(withNic(c, 'vm1', { mirror: 'source' }), 'vm2', { mirror: 'destination' });
  };
  it('copies are not counted as the flow’s deliveries', () => {
    const { sim } = runCollect(mirrored(), 3_000_000);
    const f = sim.metrics().perFlow![0]!;
    expect(f.delivered).toBeLessThanOrEqual(f.sent);
    expect(sim.metrics().perVm.vm2!.packets).toBeGreaterThan(5); // the copies reach vm2
  });
  it('a capture at the mirror destination’s port holds the copies; denied frames never reach the denying port', async () => {
    const { captureFile } = await import('../../export/captureFile');
    const { createSimulation } = await import('../simulation');
    const at = await captureFile(createSimulation, { config: mirrored(), seed: 1, untilNs: 2_000_000 }, [{ kind: 'vm-port', vm: 'vm2' }]);
    expect(at.frames).toBeGreaterThan(5);
    const denied = withNic({ ...host(['synthetic']), flows: [flow('rx', 'external-to-vm', 'vm1')] }, 'vm1', { acl: [{ direction: 'inbound', action: 'deny' }] });
    const none = await captureFile(createSimulation, { config: denied, seed: 1, untilNs: 2_000_000 }, [{ kind: 'vm-port', vm: 'vm1' }]);
    expect(none.frames).toBe(0);
  });
});

describe('port policy: a trunk port’s tag travels out of band (D9)', () => {
  it('NetVSC carries the guest’s tag in the 802.1Q PPI, not in the frame; access mode has none', async () => {
    const { ENC, buildFrame, encapsulation } = await import('../packets');
    const f = buildFrame({ srcMac: 'a', dstMac: 'b', srcIp: '1', dstIp: '2', vlan: 20 }, 'udp', 0, 1500, 1, false);
    const trunk = encapsulation(ENC.VMBUS_TX, f, null, { trunk: true });
    expect(trunk.find((l) => l.layer === 'rndis')!.fields.ppi).toBe('checksum (0), 802.1Q (4): VLAN 20');
    expect(trunk.find((l) => l.layer === 'ethernet')!.name).toBe('Ethernet II');
    expect(encapsulation(ENC.VMBUS_TX, f, null, {}).find((l) => l.layer === 'rndis')!.fields.ppi).toBe('checksum (0)');
    expect(encapsulation(ENC.NBL, f, null, { trunk: true })[0]!.fields.ieee8021qInfo).toBe('VLAN 20, trunk mode (tagged by the guest)');
  });
});
