import { describe, expect, it } from 'vitest';
import { createSimulation, scenarioConfig } from '../engine';
import type { SimConfig, Simulation } from '../engine/types';
import {
  affinityMask,
  bareMac,
  CMDLETS,
  dashedMac,
  formatRecord,
  powershellBlock,
  powershellBlocks,
  powershellTranscript,
  renderBlock,
  vlanList,
  type PsHostState,
  type PsRecord,
} from './powershell';

/** A running host's state as the panel and the CLI read it. */
function stateOf(sim: Simulation): PsHostState {
  const snap = sim.snapshot();
  return { config: sim.config, vms: snap.vms, vmqAssignments: snap.vmqAssignments, vfAssignments: snap.vfAssignments };
}

function run(config: SimConfig, untilNs = 2_000_000): Simulation {
  const sim = createSimulation(config, { seed: 1 });
  sim.runUntil(untilNs);
  return sim;
}

const prop = (r: PsRecord | undefined, name: string) => r?.props.find(([k]) => k === name)?.[1];
const names = (r: PsRecord | undefined) => r?.props.map(([k]) => k) ?? [];

describe('PowerShell output from the engine state', () => {
  it('Get-NetAdapterVmqQueue: the default queue and one row per allocated queue, with its VM, MAC and LP', () => {
    // vmq scenario: four synthetic VMs, two VMQ queues: vm1 and vm2 get them, vm3 and vm4 share the default.
    const sim = run(scenarioConfig('vmq'));
    const s = stateOf(sim);
    expect(s.vmqAssignments.length).toBe(2);
    const b = powershellBlock(s, 'Get-NetAdapterVmqQueue');
    expect(b.command).toBe('Get-NetAdapterVmqQueue | Format-List');
    expect(b.records.map((r) => prop(r, 'QueueID'))).toEqual([0, 1, 2]);
    expect(b.records.map((r) => prop(r, 'VmFriendlyName'))).toEqual(['HOST', 'vm1', 'vm2']);
    for (const a of s.vmqAssignments) {
      const r = b.records.find((x) => prop(x, 'QueueID') === a.queue);
      expect(prop(r, 'ProcessorAffinityMask')).toBe(String(2 ** a.lp));
      expect(prop(r, 'MacAddress')).toBe(dashedMac(s.vms.find((v) => v.id === a.vm)!.mac));
      expect(r?.component).toBe(`nic.queue.${a.queue}`);
    }
    // Documented names of MSFT_NetAdapterVmqQueueSettingData (+ the default view's MacAddress/VlanID).
    expect(names(b.records[1])).toEqual(['Name', 'QueueID', 'MacAddress', 'VlanID', 'ProcessorGroup', 'ProcessorAffinityMask', 'NumFilters', 'VmFriendlyName']);
    expect(b.notes.map((n) => n.id)).toContain('defaultQueueShared');
    sim.dispose();
  });

  it('turning VMQ off empties Get-NetAdapterVmqQueue and shows Enabled False', () => {
    const sim = run(scenarioConfig('vmq'));
    expect(prop(powershellBlock(stateOf(sim), 'Get-NetAdapterVmq').records[0], 'Enabled')).toBe(true);
    sim.apply({ kind: 'set-vmq', on: false });
    sim.runUntil(sim.now() + 1_000_000);
    const s = stateOf(sim);
    expect(s.vmqAssignments).toEqual([]);
    const q = powershellBlock(s, 'Get-NetAdapterVmqQueue');
    expect(q.records).toEqual([]);
    expect(q.notes.map((n) => n.id)).toEqual(['vmqOff']);
    expect(renderBlock(q)).toBe('PS C:\\> Get-NetAdapterVmqQueue | Format-List\n');
    const vmq = powershellBlock(s, 'Get-NetAdapterVmq').records[0];
    expect(prop(vmq, 'Enabled')).toBe(false);
    expect(names(vmq)).toEqual(['Name', 'InterfaceDescription', 'Enabled', 'NumberOfReceiveQueues', 'BaseProcessorGroup', 'BaseProcessorNumber', 'MaxProcessorNumber', 'MaxProcessors']);
    expect(prop(vmq, 'NumberOfReceiveQueues')).toBe(2);
    expect(prop(vmq, 'MaxProcessors')).toBe(s.config.logicalProcessors);
    sim.dispose();
  });

  it('Get-VMNetworkAdapter: adapter kinds (legacy for emulated), MACs, IovWeight of the SR-IOV adapter', () => {
    const sim = run(scenarioConfig('mixed'));
    const s = stateOf(sim);
    const b = powershellBlock(s, 'Get-VMNetworkAdapter');
    expect(b.records.map((r) => [prop(r, 'VMName'), prop(r, 'Name'), prop(r, 'IsLegacy')])).toEqual([
      ['vm1', 'Network Adapter', false],
      ['vm2', 'Legacy Network Adapter', true],
      ['vm3', 'Network Adapter', false],
    ]);
    expect(b.records.map((r) => r.component)).toEqual(['vm1.netvsc', 'vm2.legacy', 'vm3.netvsc']);
    expect(prop(b.records[0], 'MacAddress')).toBe(bareMac(s.vms[0]!.mac));
    expect(prop(b.records[2], 'IovWeight')).toBe(100);
    expect(prop(b.records[0], 'IovWeight')).toBe(0);
    // A legacy adapter has no VMQ / vRSS / SR-IOV properties.
    expect(names(b.records[1])).not.toContain('VmqWeight');
    expect(names(b.records[1])).not.toContain('VrssEnabled');
    sim.dispose();
  });

  it('Get-NetAdapterSriovVf: one object per allocated VF with its VM; Get-NetAdapterSriov counts them', () => {
    const sim = run(scenarioConfig('mixed'));
    const s = stateOf(sim);
    expect(s.vfAssignments.length).toBe(1);
    const vf = powershellBlock(s, 'Get-NetAdapterSriovVf');
    expect(vf.records.length).toBe(1);
    const a = s.vfAssignments[0]!;
    expect(prop(vf.records[0], 'VmFriendlyName')).toBe(a.vm);
    expect(prop(vf.records[0], 'FunctionID')).toBe(a.vf - 1);
    expect(vf.records[0]!.component).toBe(`nic.vf.${a.vf}`);
    expect(names(vf.records[0])).toEqual(['Name', 'FunctionID', 'SwitchID', 'VmFriendlyName', 'CurrentMacAddress']);
    const sr = powershellBlock(s, 'Get-NetAdapterSriov').records[0];
    expect(names(sr)).toEqual(['Name', 'InterfaceDescription', 'Enabled', 'SriovSupport', 'SwitchName', 'NumVFs', 'NumAllocatedVFs']);
    expect(prop(sr, 'NumAllocatedVFs')).toBe(1);
    expect(prop(sr, 'NumVFs')).toBe(s.config.nic.vfCount);
    const sw = powershellBlock(s, 'Get-VMSwitch').records[0];
    expect(prop(sw, 'IovEnabled')).toBe(true);
    expect(prop(sw, 'IovVirtualFunctionsInUse')).toBe(1);
    sim.dispose();
  });

  it('reads the port settings (vRSS, VMMQ, queues, mirroring, bandwidth, VLAN) from the configuration', () => {
    const base = scenarioConfig('synthetic');
    const config: SimConfig = {
      ...base,
      vms: base.vms.map((v) => ({ ...v, vlan: 20, nic: { vrss: true, vmmq: true, queues: 4, mirror: 'source' as const, maxMbps: 500, vlanMode: 'trunk' as const, trunkVlans: [30, 10, 11, 12] } })),
    };
    const s: PsHostState = { config, vms: stateOf(run(config, 500_000)).vms, vmqAssignments: [], vfAssignments: [] };
    const nb = powershellBlock(s, 'Get-VMNetworkAdapter');
    expect(nb.notes.map((n) => n.id)).toEqual(expect.arrayContaining(['vrssHostOff', 'vmmqHostOff']));
    expect(powershellBlock({ ...s, config: { ...config, vrss: true, vmmq: true } }, 'Get-VMNetworkAdapter').notes.map((n) => n.id)).not.toContain('vrssHostOff');
    const r = nb.records[0];
    expect(prop(r, 'VrssEnabled')).toBe(true);
    expect(prop(r, 'VmmqEnabled')).toBe(true);
    expect(prop(r, 'VmmqQueuePairs')).toBe(4);
    expect(prop(r, 'PortMirroringMode')).toBe('Source');
    expect(prop(r, 'MaximumBandwidth')).toBe(500_000_000);
    const vlan = powershellBlock(s, 'Get-VMNetworkAdapterVlan').records[0];
    expect(vlan?.props).toEqual([
      ['VMName', 'vm1'],
      ['VMNetworkAdapterName', 'Network Adapter'],
      ['OperationMode', 'Trunk'],
      ['AccessVlanId', 0],
      ['NativeVlanId', 20],
      ['AllowedVlanIdList', '10-12,30'],
    ]);
    // Access mode: the port's VLAN id.
    const access: PsHostState = { ...s, config: { ...config, vms: config.vms.map((v) => ({ ...v, nic: {} })) } };
    const a = powershellBlock(access, 'Get-VMNetworkAdapterVlan').records[0];
    expect([prop(a, 'OperationMode'), prop(a, 'AccessVlanId')]).toEqual(['Access', 20]);
  });

  it('Get-VMNetworkAdapterExtendedAcl: one object per entry and direction, in the model\'s order by falling Weight', () => {
    const base = scenarioConfig('mixed');
    const config: SimConfig = {
      ...base,
      vms: base.vms.map((v) =>
        v.id === 'vm1'
          ? { ...v, nic: { acl: [{ direction: 'inbound' as const, action: 'deny' as const, protocol: 'tcp' as const, remotePort: 445 }, { direction: 'both' as const, action: 'allow' as const }] } }
          : v.id === 'vm3'
            ? { ...v, nic: { acl: [{ direction: 'outbound' as const, action: 'deny' as const, protocol: 'udp' as const }] } }
            : v,
      ),
    };
    const sim = run(config);
    const s = stateOf(sim);
    const b = powershellBlock(s, 'Get-VMNetworkAdapterExtendedAcl');
    expect(b.records.map((r) => [prop(r, 'VMName'), prop(r, 'Direction'), prop(r, 'Action'), prop(r, 'Protocol'), prop(r, 'RemotePort'), prop(r, 'Weight')])).toEqual([
      ['vm1', 'Inbound', 'Deny', 'TCP', '445', 2],
      ['vm1', 'Inbound', 'Allow', 'ANY', 'ANY', 1],
      ['vm1', 'Outbound', 'Allow', 'ANY', 'ANY', 1],
      ['vm3', 'Outbound', 'Deny', 'UDP', 'ANY', 1],
    ]);
    // vm3 is on its SR-IOV VF at 2 ms: its entries do not apply to that traffic.
    expect(s.vms.find((v) => v.id === 'vm3')?.activePath).toBe('sriov');
    expect(b.notes.map((n) => n.id)).toEqual(['aclWeight', 'aclBypass']);
    expect(powershellBlock({ ...s, config: base }, 'Get-VMNetworkAdapterExtendedAcl').notes.map((n) => n.id)).toEqual(['aclNone']);
    sim.dispose();
  });

  it('Get-VMSwitchExtension follows the extensions switched on', () => {
    const c = scenarioConfig('synthetic');
    const s: PsHostState = { config: { ...c, extensions: { capture: true, filter: { enabled: false, dropRules: [] }, forwarding: true } }, vms: [], vmqAssignments: [], vfAssignments: [] };
    const b = powershellBlock(s, 'Get-VMSwitchExtension');
    expect(b.records.map((r) => [prop(r, 'ExtensionType'), prop(r, 'Enabled'), prop(r, 'Running')])).toEqual([
      ['Capture', true, true],
      ['Filter', false, false],
      ['Forwarding', true, true],
    ]);
    expect(names(b.records[0])).toEqual(['Name', 'Vendor', 'ExtensionType', 'SwitchName', 'Enabled', 'Running']);
  });

  it('formats like Format-List: padded names, True/False, {collections}, blank lines between objects', () => {
    expect(formatRecord({ component: null, props: [['Name', 'x'], ['Enabled', true], ['IPAddresses', ['10.0.0.1', '10.0.0.2']], ['VlanID', null]] })).toEqual([
      'Name        : x',
      'Enabled     : True',
      'IPAddresses : {10.0.0.1, 10.0.0.2}',
      'VlanID      :',
    ]);
    const text = renderBlock({ cmdlet: 'Get-VMSwitch', command: 'Get-VMSwitch | Format-List', records: [{ component: null, props: [['A', 1]] }, { component: null, props: [['A', 2]] }], notes: [] });
    expect(text).toBe('PS C:\\> Get-VMSwitch | Format-List\n\nA : 1\n\nA : 2\n\n');
    expect(affinityMask(63)).toBe('9223372036854775808');
    expect(vlanList([5, 1, 2, 3, 7, 8])).toBe('1-3,5,7-8');
    expect(dashedMac('00:15:5d:00:00:0a')).toBe('00-15-5D-00-00-0A');
  });

  it('the transcript has every cmdlet, each after a prompt, and the shared note once', () => {
    const sim = run(scenarioConfig('mixed'));
    const text = powershellTranscript(stateOf(sim), { timeNs: sim.now(), label: 'mixed' });
    for (const c of CMDLETS) expect(text).toContain(`PS C:\\> ${c}`);
    expect(text.match(/model's placeholders/g)?.length).toBe(1);
    expect(text).toContain('Format-List');
    expect(powershellBlocks(stateOf(sim)).length).toBe(CMDLETS.length);
    sim.dispose();
  });
});
