import { describe, expect, it } from 'vitest';
import type { SimConfig } from '../engine/types';
import { applyOverrides, configNotes, resizeVms } from './overrides';

/** A two-VM host: vm1 sends to the wire and to vm2; the wire sends to vm2. */
function twoVms(): SimConfig {
  return {
    vms: [
      { id: 'vm1', adapter: 'synthetic', vcpus: 2 },
      { id: 'vm2', adapter: 'emulated', vcpus: 1, vlan: 10 },
    ],
    vmq: false,
    sriov: false,
    nic: { vmqQueues: 4, vfCount: 2, linkGbps: 10 },
    logicalProcessors: 4,
    flows: [
      { id: 'out', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 1000 },
      { id: 'east', direction: 'vm-to-vm', vm: 'vm1', peerVm: 'vm2', protocol: 'tcp', packetBytes: 512, ratePps: 100 },
      { id: 'in', direction: 'external-to-vm', vm: 'vm2', protocol: 'icmp', packetBytes: 64, ratePps: 10 },
    ],
    extensions: { capture: true, filter: { enabled: true, dropRules: [{ id: 'r1', dstVm: 'vm2' }, { id: 'r2', protocol: 'udp' }] }, forwarding: false },
    faults: [{ atNs: 1000, kind: 'ring-exhaust', vm: 'vm2' }, { atNs: 2000, kind: 'link-down' }],
  };
}

describe('resizeVms', () => {
  it('shrinks: removes the last VMs with their flows, faults and drop rules', () => {
    const c = resizeVms(twoVms(), 1);
    expect(c.vms.map((v) => v.id)).toEqual(['vm1']);
    expect(c.flows.map((f) => f.id)).toEqual(['out']);
    expect(c.faults).toEqual([{ atNs: 2000, kind: 'link-down' }]);
    expect(c.extensions.filter.dropRules.map((r) => r.id)).toEqual(['r2']);
  });

  it('grows: VM k repeats VM ((k-1) mod N)+1, with its traffic', () => {
    const c = resizeVms(twoVms(), 4);
    expect(c.vms.map((v) => [v.id, v.adapter, v.vcpus, v.vlan])).toEqual([
      ['vm1', 'synthetic', 2, undefined],
      ['vm2', 'emulated', 1, 10],
      ['vm3', 'synthetic', 2, undefined],
      ['vm4', 'emulated', 1, 10],
    ]);
    const flows = c.flows.map((f) => `${f.id}:${f.vm}>${f.peerVm ?? '-'}`);
    expect(flows).toEqual(['out:vm1>-', 'east:vm1>vm2', 'in:vm2>-', 'out@vm3:vm3>-', 'east@vm3:vm3>vm4', 'in@vm4:vm4>-']);
    expect(new Set(c.flows.map((f) => f.id)).size).toBe(c.flows.length);
  });

  it('wraps a VM-to-VM peer within the new VM count and never pairs a VM with itself', () => {
    const c = resizeVms(twoVms(), 3);
    const east = c.flows.filter((f) => f.direction === 'vm-to-vm');
    expect(east.map((f) => `${f.vm}>${f.peerVm}`)).toEqual(['vm1>vm2', 'vm3>vm1']);
    for (const f of east) expect(f.peerVm).not.toBe(f.vm);
  });

  it('does not change its input', () => {
    const c = twoVms();
    const before = JSON.stringify(c);
    resizeVms(c, 5);
    resizeVms(c, 1);
    expect(JSON.stringify(c)).toBe(before);
  });
});

describe('applyOverrides', () => {
  it('sets every VM’s adapter from one entry', () => {
    const r = applyOverrides(twoVms(), { adapters: ['sriov'] });
    expect(r.ok && r.config.vms.map((v) => v.adapter)).toEqual(['sriov', 'sriov']);
  });

  it('sets adapters in VM order from a list; VMs past a short list keep theirs', () => {
    const r = applyOverrides(twoVms(), { vms: 3, adapters: ['emulated', 'sriov'] });
    expect(r.ok && r.config.vms.map((v) => v.adapter)).toEqual(['emulated', 'sriov', 'synthetic']);
  });

  it('rejects an adapter list longer than the VMs', () => {
    const r = applyOverrides(twoVms(), { adapters: ['synthetic', 'synthetic', 'emulated'] });
    expect(r).toEqual({ ok: false, error: '--adapter lists 3 adapters but the scenario has 2 VMs (use --vms to add VMs)' });
  });

  it('sets the host switches', () => {
    const r = applyOverrides(twoVms(), { vmq: true, sriov: true });
    expect(r.ok && [r.config.vmq, r.config.sriov]).toEqual([true, true]);
  });

  it('returns the configuration untouched without options', () => {
    const c = twoVms();
    const r = applyOverrides(c, {});
    expect(r.ok && r.config).toBe(c);
  });
});

describe('configNotes', () => {
  it('warns when SR-IOV VMs cannot get a VF', () => {
    const c = twoVms();
    expect(configNotes({ ...c, vms: c.vms.map((v) => ({ ...v, adapter: 'sriov' as const })) })[0]).toMatch(/SR-IOV switch is off/);
    expect(configNotes({ ...c, sriov: true, nic: { ...c.nic, vfCount: 1 }, vms: c.vms.map((v) => ({ ...v, adapter: 'sriov' as const })) })[0]).toMatch(/has 1 VF/);
  });

  it('warns when VMQ is on without queues, and is silent otherwise', () => {
    expect(configNotes({ ...twoVms(), vmq: true, nic: { vmqQueues: 0, vfCount: 0, linkGbps: 10 } })).toEqual([
      'VMQ is on but the NIC has no VMQ queues: receive work uses the default queue',
    ]);
    expect(configNotes(twoVms())).toEqual([]);
  });
});

describe('applyOverrides: vRSS, VMMQ and queues (issue 11)', () => {
  it('sets the host switches and the queues of every VM or each VM', () => {
    const one = applyOverrides(twoVms(), { vrss: true, vmmq: true, queues: [4] });
    expect(one.ok && [one.config.vrss, one.config.vmmq, one.config.vms.map((v) => v.nic?.queues)]).toEqual([true, true, [4, 4]]);
    const each = applyOverrides(twoVms(), { queues: [4, 2] });
    expect(each.ok && each.config.vms.map((v) => v.nic?.queues)).toEqual([4, 2]);
  });

  it('rejects more queue values than VMs, and notes VMMQ without VMQ', () => {
    expect(applyOverrides(twoVms(), { queues: [1, 2, 3] })).toMatchObject({ ok: false, error: expect.stringContaining('--queues lists 3 values') });
    const r = applyOverrides(twoVms(), { vmmq: true, vmq: false });
    expect(r.ok && r.notes.join(' ')).toContain('VMMQ needs VMQ');
  });
});

describe('applyOverrides: port policy (issue 11)', () => {
  it('applies per VM and refuses a list longer than the VMs', async () => {
    const { scenarioConfig } = await import('../engine/scenarios');
    const { applyOverrides } = await import('./overrides');
    const r = applyOverrides(scenarioConfig('mixed'), { portPolicy: { acl: 'out.deny.udp', mirror: 'source,-,destination' } });
    expect(r.ok && r.config.vms.map((v) => v.nic?.mirror ?? null)).toEqual(['source', null, 'destination']);
    expect(r.ok && r.config.vms.every((v) => v.nic?.acl?.length === 1)).toBe(true);
    const bad = applyOverrides(scenarioConfig('synthetic'), { portPolicy: { mirror: 'source,destination' } });
    expect(bad).toEqual({ ok: false, error: '--mirror lists 2 entries but the scenario has 1 VM (use --vms to add VMs)' });
  });
});
