/**
 * Hop order against the canonical sequences of hyperv-facts.md §9. Each expected list is written
 * from the fact sheet; the (U) steps are the model's inference and carry `unverified` in the trace.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig, makeVms } from './config';
import { configSteps, controlMessages, hopsOf, runCollect } from './testkit';
import type { FlowConfig, SimConfig, TraceEvent } from './types';

const flow = (id: string, direction: FlowConfig['direction'], vm: FlowConfig['vm'], extra: Partial<FlowConfig> = {}): FlowConfig => ({ id, direction, vm, protocol: 'udp', packetBytes: 1500, ratePps: 10_000, ...extra });
/** Management steps and control messages (one entry per message), in order. */
function steps(events: readonly TraceEvent[], keep: (e: TraceEvent) => boolean): string[] {
  const seen = new Set<number>();
  const out: string[] = [];
  for (const e of events) {
    if (!keep(e)) continue;
    if (e.kind === 'config' || (e.kind === 'hypercall' && e.packet === null)) {
      if (e.path === 'control') out.push(e.detail);
    } else if (e.kind === 'hop' && e.path === 'control' && e.packet !== null && !seen.has(e.packet)) {
      seen.add(e.packet);
      out.push(e.detail);
    }
  }
  return out;
}
const firstSent = (events: readonly TraceEvent[], from: string) => events.find((e) => e.kind === 'send' && e.from === from)?.packet ?? -1;

function config(adapters: SimConfig['vms'][number]['adapter'][], patch: Partial<SimConfig> = {}): SimConfig {
  const c = defaultConfig();
  c.vms = makeVms(adapters.length, adapters);
  c.flows = [];
  return { ...c, ...patch };
}

/** facts §9.1 steps 2–7 and §9.2 steps 2–10 (Linux order; subchannels not modelled). */
const SYNTHETIC_BRING_UP = [
  'INITIATE_CONTACT',
  'VERSION_RESPONSE',
  'REQUESTOFFERS',
  'OFFERCHANNEL',
  'ALLOFFERS_DELIVERED',
  'GPADL_HEADER',
  'GPADL_CREATED',
  'OPENCHANNEL',
  'OPENCHANNEL_RESULT',
  'NVSP_INIT',
  'NVSP_INIT_COMPLETE',
  'SEND_NDIS_CONFIG',
  'SEND_NDIS_VER',
  'GPADL_HEADER',
  'GPADL_CREATED',
  'SEND_RECV_BUF',
  'SEND_RECV_BUF_COMPLETE',
  'GPADL_HEADER',
  'GPADL_CREATED',
  'SEND_SEND_BUF',
  'SEND_SEND_BUF_COMPLETE',
  'RNDIS_INITIALIZE',
  'RNDIS_INITIALIZE_CMPLT',
  'RNDIS_QUERY:OID_GEN_MAXIMUM_FRAME_SIZE',
  'RNDIS_QUERY_CMPLT:OID_GEN_MAXIMUM_FRAME_SIZE',
  'RNDIS_QUERY:OID_802_3_PERMANENT_ADDRESS',
  'RNDIS_QUERY_CMPLT:OID_802_3_PERMANENT_ADDRESS',
  'RNDIS_QUERY:OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES',
  'RNDIS_QUERY_CMPLT:OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES',
  'RNDIS_SET:OID_TCP_OFFLOAD_PARAMETERS',
  'RNDIS_SET_CMPLT:OID_TCP_OFFLOAD_PARAMETERS',
  'RNDIS_QUERY:OID_GEN_MEDIA_CONNECT_STATUS',
  'RNDIS_QUERY_CMPLT:OID_GEN_MEDIA_CONNECT_STATUS',
  'RNDIS_QUERY:OID_GEN_LINK_SPEED',
  'RNDIS_QUERY_CMPLT:OID_GEN_LINK_SPEED',
  'RNDIS_QUERY:OID_GEN_RECEIVE_SCALE_CAPABILITIES',
  'RNDIS_QUERY_CMPLT:OID_GEN_RECEIVE_SCALE_CAPABILITIES',
  'RNDIS_SET:OID_GEN_CURRENT_PACKET_FILTER',
  'RNDIS_SET_CMPLT:OID_GEN_CURRENT_PACKET_FILTER',
];

describe('VMBus connect and NetVSC initialisation (facts §9.1, §9.2)', () => {
  const { events, sim } = runCollect(config(['synthetic']), 1_000_000);

  it('sends the channel and NVSP/RNDIS messages in the canonical order', () => {
    expect(controlMessages(events, 'vm1')).toEqual(SYNTHETIC_BRING_UP);
  });

  it('carries channel messages over HvCallPostMessage and the SynIC, NVSP over the rings', () => {
    const legs = (detail: string) => events.filter((e) => e.path === 'control' && e.kind === 'hop' && e.detail === detail).map((e) => `${e.from}>${e.to}`);
    expect(legs('INITIATE_CONTACT')).toEqual(['vm1.vmbus>hv', 'hv>root.vmbus']);
    expect(legs('VERSION_RESPONSE')).toEqual(['root.vmbus>hv', 'hv>vm1.vmbus']);
    expect(legs('NVSP_INIT')).toEqual(['vm1.netvsc>vm1.vmbus.out', 'vm1.vmbus.out>root.netvsp.vm1']);
    expect(legs('NVSP_INIT_COMPLETE')).toEqual(['root.netvsp.vm1>vm1.vmbus.in', 'vm1.vmbus.in>vm1.netvsc']);
    // SynIC enabled before INITIATE_CONTACT (§9.1 step 1).
    const firstContact = events.findIndex((e) => e.detail === 'INITIATE_CONTACT');
    expect(events.slice(0, firstContact).filter((e) => e.kind === 'vmexit').map((e) => e.detail)).toEqual([
      'WRMSR SIMP (0x40000083)',
      'WRMSR SIEFP (0x40000082)',
      'WRMSR SINT2 (0x40000092)',
      'WRMSR SCONTROL (0x40000080)',
    ]);
  });

  it('creates the switch port first and connects the NIC, then sets the VMQ filter', () => {
    expect(configSteps(events, 'vm1')).toEqual(['OID_SWITCH_PORT_CREATE', 'OID_SWITCH_NIC_CREATE', 'OID_SWITCH_NIC_CONNECT', 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'OID_RECEIVE_FILTER_SET_FILTER', 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE']);
    const vm = sim.snapshot().vms[0];
    expect(vm?.channel).toBe('open');
    expect(vm?.nvsp).toBe('ready');
  });

  it('starts data only once NVSP is ready', () => {
    const c = config(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 1_000_000 })];
    const r = runCollect(c, 600_000);
    const ready = r.events.find((e) => e.detail === 'RNDIS_SET_CMPLT:OID_GEN_CURRENT_PACKET_FILTER' && e.to === 'vm1.netvsc');
    const firstSend = r.events.find((e) => e.kind === 'send');
    expect(ready && firstSend && firstSend.t > ready.t).toBe(true);
  });
});

describe('synthetic send and receive (facts §9.3, §9.4, §9.5)', () => {
  const c = config(['synthetic']);
  c.flows = [flow('tx', 'vm-to-external', 'vm1'), flow('rx', 'external-to-vm', 'vm1')];

  it('send: stack → NetVSC → out ring (signal) → NetVSP → vSwitch → PF → NIC → wire', () => {
    const { events } = runCollect(c, 1_000_000);
    expect(hopsOf(events, firstSent(events, 'vm1.stack'))).toEqual([
      'send vm1.stack>vm1.stack',
      'hop vm1.stack>vm1.netvsc',
      'copy vm1.netvsc>vm1.netvsc',
      'hop vm1.netvsc>vm1.vmbus.out',
      'hypercall vm1.netvsc>hv', // ring was empty, host not masked: HvCallSignalEvent (§9.3 step 4)
      'interrupt hv>root.vmbus',
      'hop root.vmbus>root.netvsp.vm1',
      'hop vm1.vmbus.out>root.netvsp.vm1',
      'hop root.netvsp.vm1>root.vswitch',
      'hop root.vswitch>root.pf',
      'hop root.pf>nic',
      'dma nic>nic',
      'hop nic>wire',
      'deliver wire>wire',
    ]);
  });

  it('receive with VMQ: filter → queue 1 → MSI-X → hv → root.pf on the queue LP → NetVSP copy → in ring → guest', () => {
    const { events } = runCollect(c, 1_000_000);
    const id = firstSent(events, 'wire');
    expect(hopsOf(events, id)).toEqual([
      'send wire>wire',
      'hop wire>nic',
      'dma nic>nic.queue.1',
      'interrupt nic.queue.1>hv',
      'interrupt hv>root.pf',
      'hop nic.queue.1>root.pf',
      'hop root.pf>root.vswitch',
      'hop root.vswitch>root.netvsp.vm1',
      'copy root.netvsp.vm1>root.netvsp.vm1',
      'hop root.netvsp.vm1>vm1.vmbus.in',
      'hypercall root.netvsp.vm1>hv',
      'interrupt hv>vm1.vmbus',
      'hop vm1.vmbus>vm1.netvsc',
      'hop vm1.vmbus.in>vm1.netvsc',
      'hop vm1.netvsc>vm1.stack',
      'deliver vm1.stack>vm1.stack',
    ]);
    const copy = events.find((e) => e.packet === id && e.kind === 'copy');
    expect(copy?.cpu?.lp).toBe(1); // queue 1's LP
    expect(copy?.unverified).toBe(true); // §9.4 step 3 (U)
  });

  it('receive without VMQ uses the default queue and LP0', () => {
    const { events } = runCollect({ ...c, vmq: false }, 1_000_000);
    const id = firstSent(events, 'wire');
    const hops = hopsOf(events, id);
    expect(hops.slice(2, 6)).toEqual(['dma nic>nic.queue.default', 'interrupt nic.queue.default>hv', 'interrupt hv>root.pf', 'hop nic.queue.default>root.pf']);
    const rootLps = new Set(events.filter((e) => e.packet === id && e.cpu?.partition === 'root').map((e) => e.cpu?.lp));
    expect([...rootLps]).toEqual([0]);
  });

  it('extensions are crossed in stack order down (ingress) and back up (egress); a destination rule drops on egress', () => {
    const ext = { capture: true, filter: { enabled: true, dropRules: [{ id: 'no-udp-in', protocol: 'udp' as const, dstVm: 'vm1' as const }] }, forwarding: true };
    const { events, sim } = runCollect({ ...c, extensions: ext }, 1_000_000);
    const tx = hopsOf(events, firstSent(events, 'vm1.stack'), ['hop']);
    expect(tx.slice(tx.indexOf('hop root.netvsp.vm1>root.vswitch'))).toEqual([
      'hop root.netvsp.vm1>root.vswitch',
      'hop root.vswitch>root.vswitch.capture',
      'hop root.vswitch.capture>root.vswitch.filter',
      'hop root.vswitch.filter>root.vswitch.forwarding',
      'hop root.vswitch.forwarding>root.vswitch.filter',
      'hop root.vswitch.filter>root.vswitch.capture',
      'hop root.vswitch.capture>root.vswitch',
      'hop root.vswitch>root.pf',
      'hop root.pf>nic',
      'hop nic>wire',
    ]);
    // dstVm is known on egress only (WDK filtering-extensions): down all three, dropped on the way up.
    const rx = hopsOf(events, firstSent(events, 'wire'), ['hop', 'drop']);
    expect(rx.slice(-3)).toEqual(['hop root.vswitch.filter>root.vswitch.forwarding', 'hop root.vswitch.forwarding>root.vswitch.filter', 'drop root.vswitch.filter>root.vswitch.filter']);
    expect(sim.metrics().accounting.dropsByReason['filter-extension']).toBeGreaterThan(0);
  });
});

describe('emulated Intel 21140 (facts §9.6, §9.7; cost-model N2)', () => {
  const c = config(['emulated']);
  c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 2000 }), flow('rx', 'external-to-vm', 'vm1', { ratePps: 2000 })];
  const { events } = runCollect(c, 2_000_000);

  it('initialises the tulip through trapped register writes, no VMBus NIC channel', () => {
    const init = events.filter((e) => e.kind === 'vmexit' && e.path === 'control').map((e) => e.detail);
    expect(init).toEqual(['CSR0 write (bus mode: software reset)', 'CSR3 write (RX descriptor ring base)', 'CSR4 write (TX descriptor ring base)', 'CSR7 write (interrupt enable)', 'CSR6 write (start RX and TX)']);
    expect(controlMessages(events, 'vm1')).toEqual([]);
  });

  it('send: descriptor, CSR1 exit → intercept → VID → VMWP, VP resumed, frame to the vSwitch', () => {
    expect(hopsOf(events, firstSent(events, 'vm1.stack'))).toEqual([
      'send vm1.stack>vm1.stack',
      'hop vm1.stack>vm1.legacy',
      'vmexit vm1.legacy>hv',
      'hop hv>root.vid',
      'hop root.vid>root.vmwp.vm1',
      'hypercall root.vmwp.vm1>hv', // VP registers updated (U)
      'copy root.vmwp.vm1>root.vmwp.vm1',
      'hop root.vmwp.vm1>root.vswitch',
      'hop hv>vm1.legacy', // VM entry: the VP resumes
      'hop root.vswitch>root.pf',
      'hop root.pf>nic',
      'dma nic>nic',
      'hop nic>wire',
      'deliver wire>wire',
    ]);
    const exit = events.find((e) => e.kind === 'vmexit' && e.path === 'emulated');
    expect(exit?.detail).toBe('CSR1 write (transmit poll demand)');
  });

  it('receive: VMWP copies into guest RAM, injects an interrupt; the ISR exits for CSR5/CSR7/CSR8 and EOI', () => {
    const id = firstSent(events, 'wire');
    const hops = hopsOf(events, id, ['hop', 'copy', 'hypercall', 'interrupt', 'deliver']);
    expect(hops.slice(0, 10)).toEqual([
      'hop wire>nic',
      'interrupt nic.queue.default>hv',
      'interrupt hv>root.pf',
      'hop nic.queue.default>root.pf',
      'hop root.pf>root.vswitch',
      'hop root.vswitch>root.vmwp.vm1',
      'copy root.vmwp.vm1>vm1.legacy',
      'hypercall root.vmwp.vm1>hv',
      'interrupt hv>vm1.legacy',
      'hop hv>root.vid',
    ]);
    const isr = events.filter((e) => e.packet === id && e.kind === 'vmexit').map((e) => e.detail);
    expect(isr).toEqual([
      'CSR5 read (interrupt status)',
      'CSR7 write (mask interrupts)',
      'CSR5 write (acknowledge)',
      'CSR5 read (re-check)',
      'CSR8 read (missed-frame counter)',
      'CSR7 write (unmask interrupts)',
      'EOI (APIC write)',
    ]);
  });
});

describe('SR-IOV (facts §9.8–§9.11)', () => {
  const c = config(['sriov'], { sriov: true });
  c.flows = [flow('tx', 'vm-to-external', 'vm1', { startNs: 900_000 }), flow('rx', 'external-to-vm', 'vm1', { startNs: 900_000 })];
  c.faults = [{ atNs: 1_500_000, kind: 'vf-remove', vm: 'vm1' }];
  const { events } = runCollect(c, 3_000_000);

  it('bring-up: VF, VPort, filters, IOMMU, VF association, vPCI offer and resources, retarget, data path switch', () => {
    const order = steps(events, (e) => e.t < 1_500_000);
    const from = order.indexOf('OID_NIC_SWITCH_ALLOCATE_VF');
    const want = [
      'OID_NIC_SWITCH_ALLOCATE_VF',
      'OID_NIC_SWITCH_CREATE_VPORT',
      'OID_RECEIVE_FILTER_MOVE_FILTER',
      'IOMMU map',
      'SEND_VF_ASSOCIATION',
      'OFFERCHANNEL',
      'GPADL_HEADER',
      'GPADL_CREATED',
      'OPENCHANNEL',
      'OPENCHANNEL_RESULT',
      'PCI_QUERY_PROTOCOL_VERSION',
      'PCI_QUERY_PROTOCOL_VERSION completion',
      'PCI_QUERY_BUS_RELATIONS',
      'PCI_BUS_RELATIONS',
      'PCI_BUS_D0ENTRY',
      'PCI_BUS_D0ENTRY completion',
      'PCI_RESOURCES_ASSIGNED',
      'PCI_RESOURCES_ASSIGNED completion',
      'VF enumerated; VF miniport loads',
      'PCI_CREATE_INTERRUPT_MESSAGE',
      'PCI_CREATE_INTERRUPT_MESSAGE completion',
      'HvCallRetargetDeviceInterrupt',
      'NetVSC bound to the VF miniport',
      'SWITCH_DATA_PATH',
    ];
    const got = order.slice(from).filter((d) => want.includes(d));
    expect(got.slice(0, want.length)).toEqual(want);
    expect(configSteps(events, null)[0]).toBe('OID_NIC_SWITCH_CREATE_SWITCH');
  });

  it('send and receive through the VF: IOMMU DMA, no VMBus event, no root CPU', () => {
    const tx = events.find((e) => e.kind === 'send' && e.path === 'sriov' && e.from === 'vm1.stack')?.packet as number;
    expect(hopsOf(events, tx)).toEqual([
      'send vm1.stack>vm1.stack',
      'hop vm1.stack>vm1.netvsc',
      'hop vm1.netvsc>vm1.vf',
      'hop vm1.vf>nic.vf.1',
      'dma nic.vf.1>iommu',
      'dma iommu>nic.vf.1',
      'hop nic.vf.1>nic.eswitch',
      'hop nic.eswitch>nic',
      'hop nic>wire',
      'deliver wire>wire',
    ]);
    const rx = events.find((e) => e.kind === 'send' && e.path === 'sriov' && e.from === 'wire')?.packet as number;
    expect(hopsOf(events, rx)).toEqual([
      'send wire>wire',
      'hop wire>nic',
      'hop nic>nic.eswitch',
      'hop nic.eswitch>nic.vf.1',
      'dma nic.vf.1>iommu',
      'dma iommu>vm1.vf',
      'interrupt nic.vf.1>hv',
      'interrupt hv>vm1.vf',
      'hop vm1.vf>vm1.netvsc',
      'hop vm1.netvsc>vm1.stack',
      'deliver vm1.stack>vm1.stack',
    ]);
    const sriovEvents = events.filter((e) => e.path === 'sriov');
    expect(sriovEvents.some((e) => e.from.includes('vmbus') || e.to.includes('vmbus') || e.to.includes('netvsp'))).toBe(false);
    expect(sriovEvents.some((e) => e.cpu?.partition === 'root')).toBe(false);
  });

  it('VF removal falls back to the synthetic path in the canonical order', () => {
    const after = steps(events, (e) => e.t >= 1_500_000);
    const want = [
      'OID_RECEIVE_FILTER_MOVE_FILTER',
      'PCI_EJECT',
      'SWITCH_DATA_PATH',
      'VF unbound; VF miniport halted',
      'PCI_EJECTION_COMPLETE',
      'RESCIND_CHANNELOFFER',
      'RELID_RELEASED',
      'SEND_VF_ASSOCIATION',
      'OID_NIC_SWITCH_DELETE_VPORT',
      'OID_SRIOV_RESET_VF',
      'IOMMU unmap',
      'OID_NIC_SWITCH_FREE_VF',
    ];
    expect(after).toEqual(want);
    const late = events.filter((e) => e.kind === 'send' && e.t > 2_000_000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((e) => e.path === 'synthetic')).toBe(true);
  });
});

describe('VM to VM on one host', () => {
  const c = config(['synthetic', 'synthetic', 'sriov', 'sriov'], { sriov: true });
  c.flows = [
    flow('syn', 'vm-to-vm', 'vm1', { peerVm: 'vm2', startNs: 1_000_000 }),
    flow('vf', 'vm-to-vm', 'vm3', { peerVm: 'vm4', startNs: 1_000_000 }),
    flow('vf-syn', 'vm-to-vm', 'vm3', { peerVm: 'vm1', startNs: 1_000_000 }),
  ];
  const { events } = runCollect(c, 2_000_000);
  const sent = (from: string, flowVm: string) => events.find((e) => e.kind === 'send' && e.from === from && events.some((x) => x.packet === e.packet && x.kind === 'deliver' && x.to === `${flowVm}.stack`))?.packet as number;

  it('synthetic to synthetic goes VM port to VM port through the vSwitch, never the NIC', () => {
    const hops = hopsOf(events, sent('vm1.stack', 'vm2'), ['hop', 'dma']);
    expect(hops).toContain('hop root.vswitch>root.netvsp.vm2');
    expect(hops.some((h) => h.includes('nic'))).toBe(false);
  });

  it('VF to VF goes through the NIC switch (no vSwitch)', () => {
    const hops = hopsOf(events, sent('vm3.stack', 'vm4'), ['hop']);
    expect(hops).toContain('hop nic.vf.1>nic.eswitch');
    expect(hops).toContain('hop nic.eswitch>nic.vf.2');
    expect(hops.some((h) => h.includes('vswitch'))).toBe(false);
  });

  it('VF to a VM without a VF goes through the PF VPort, the destination’s VMQ queue (audit D13) and the vSwitch', () => {
    const hops = hopsOf(events, sent('vm3.stack', 'vm1'), ['hop', 'dma']);
    expect(hops).toContain('dma nic.eswitch>nic.queue.1'); // vm1 holds queue 1
    expect(hops).toContain('hop root.vswitch>root.netvsp.vm1');
  });
});
