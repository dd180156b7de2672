/**
 * The components of a host and the links hops can cross, as a pure function of the configuration.
 *
 * Invariant: every (from, to) pair the engine emits in a `hop`, `dma`, `interrupt`, `hypercall`,
 * `vmexit` or `copy` event with distinct endpoints is a link here (engine tests check this), so the
 * diagram can draw every movement without knowing the engine's rules.
 */
import { guest, root, nic } from './ids';
import type {
  ComponentId,
  ComponentInfo,
  ComponentKind,
  LinkInfo,
  LinkKind,
  Place,
  SimConfig,
  Topology,
  VmId,
} from './types';

/** vSwitch extensions in stack order, top (protocol edge side) to bottom (WDK-SWDP §5.2). */
export const EXTENSION_ORDER = ['capture', 'filter', 'forwarding'] as const;
export type ExtensionName = (typeof EXTENSION_ORDER)[number];

export function enabledExtensions(config: Pick<SimConfig, 'extensions'>): ExtensionName[] {
  const e = config.extensions;
  return EXTENSION_ORDER.filter((x) =>
    x === 'capture' ? e.capture : x === 'filter' ? e.filter.enabled : e.forwarding,
  );
}

/**
 * The vSwitch ingress chain a frame walks: protocol edge (`root.vswitch`), then each enabled
 * extension; the last element hands the frame to its destination port.
 */
export function vswitchChain(config: Pick<SimConfig, 'extensions'>): ComponentId[] {
  return ['root.vswitch', ...enabledExtensions(config).map((x) => root.extension(x))];
}

export const vmIds = (config: Pick<SimConfig, 'vms'>): VmId[] => config.vms.map((v) => v.id);

class Builder {
  readonly components: ComponentInfo[] = [];
  readonly links: LinkInfo[] = [];
  readonly componentIndex = new Map<ComponentId, number>();
  readonly linkIndex = new Map<string, number>();

  add(id: ComponentId, kind: ComponentKind, place: Place, mode: 'kernel' | 'user' | null, vm: VmId | null = null, n: number | null = null) {
    this.componentIndex.set(id, this.components.length);
    this.components.push({ id, index: this.components.length, kind, place, mode, vm, n });
  }

  link(from: ComponentId, to: ComponentId, kind: LinkKind) {
    const id = `${from}>${to}`;
    if (this.linkIndex.has(id)) return;
    if (!this.componentIndex.has(from) || !this.componentIndex.has(to)) {
      throw new Error(`topology: link ${id} names an unknown component`);
    }
    this.linkIndex.set(id, this.links.length);
    this.links.push({ id, index: this.links.length, from, to, kind });
  }

  /** Both directions. */
  both(a: ComponentId, b: ComponentId, kind: LinkKind) {
    this.link(a, b, kind);
    this.link(b, a, kind);
  }
}

/**
 * Every component and link of the host `config` describes. Longer than 120 lines on purpose: it
 * is a flat table, one component or link per line in diagram order, read top to bottom against
 * the fact sheet; splitting it would scatter the one list a reader checks a link against.
 */
export function buildTopology(config: SimConfig): Topology {
  const b = new Builder();
  const vms = vmIds(config);

  // Hardware and outside world.
  b.add('wire', 'wire', 'external', null);
  b.add('nic', 'nic', 'hardware', null);
  b.add('nic.queue.default', 'nic-queue', 'hardware', null, null, 0);
  for (let k = 1; k <= config.nic.vmqQueues; k++) b.add(`nic.queue.${k}`, 'nic-queue', 'hardware', null, null, k);
  b.add('nic.eswitch', 'nic-eswitch', 'hardware', null);
  for (let k = 1; k <= config.nic.vfCount; k++) b.add(nic.vf(k), 'nic-vf', 'hardware', null, null, k);
  b.add('iommu', 'iommu', 'hardware', null);
  for (let n = 0; n < config.logicalProcessors; n++) b.add(`lp.${n}`, 'lp', 'hardware', null, null, n);
  b.add('hv', 'hypervisor', 'hypervisor', null);

  // Root partition.
  b.add('root.os', 'root-os', 'root', 'kernel');
  b.add('root.vmms', 'vmms', 'root', 'user');
  b.add('root.vid', 'vid', 'root', 'kernel');
  b.add('root.pf', 'pf-miniport', 'root', 'kernel');
  b.add('root.vswitch', 'vswitch', 'root', 'kernel');
  for (const x of enabledExtensions(config)) b.add(root.extension(x), 'vswitch-extension', 'root', 'kernel');
  b.add('root.vmbus', 'vmbus-root', 'root', 'kernel');
  for (const vm of vms) b.add(root.netvsp(vm), 'netvsp', 'root', 'kernel', vm);
  for (const vm of vms) b.add(root.vmwp(vm), 'vmwp', 'root', 'user', vm);
  for (const vm of vms) b.add(root.vpci(vm), 'vpci-vsp', 'root', 'kernel', vm);

  // Child partitions.
  for (const v of config.vms) {
    const vm = v.id;
    b.add(guest.stack(vm), 'guest-stack', vm, 'kernel', vm);
    b.add(guest.vmbus(vm), 'vmbus-guest', vm, 'kernel', vm);
    b.add(guest.netvsc(vm), 'netvsc', vm, 'kernel', vm);
    b.add(guest.ringOut(vm), 'ring-out', vm, 'kernel', vm);
    b.add(guest.ringIn(vm), 'ring-in', vm, 'kernel', vm);
    b.add(guest.legacy(vm), 'legacy-nic', vm, 'kernel', vm);
    b.add(guest.vf(vm), 'vf-miniport', vm, 'kernel', vm);
    b.add(guest.vpci(vm), 'vpci-vsc', vm, 'kernel', vm);
    for (let n = 0; n < v.vcpus; n++) b.add(`${vm}.vp.${n}`, 'vp', vm, null, vm, n);
  }

  // --- Links -----------------------------------------------------------------------------
  const queues = ['nic.queue.default', ...Array.from({ length: config.nic.vmqQueues }, (_, i) => `nic.queue.${i + 1}`)];
  const vfs = Array.from({ length: config.nic.vfCount }, (_, i) => nic.vf(i + 1));
  const chain = vswitchChain(config);

  // Physical port and receive classification (9.4/9.5), NIC switch (9.9/9.10).
  b.both('wire', 'nic', 'data');
  for (const q of queues) {
    b.link('nic', q, 'data');
    b.link(q, 'root.pf', 'data');
    b.link(q, 'hv', 'signal'); // MSI-X of the queue, taken by the hypervisor
  }
  b.link('nic', 'nic.eswitch', 'data');
  b.link('nic.eswitch', 'nic', 'data');
  for (const q of queues) b.link('nic.eswitch', q, 'data'); // VF → VM without VF: PF VPort, its VMQ queue (audit D13)
  for (const vf of vfs) {
    b.both('nic.eswitch', vf, 'data');
    b.both(vf, 'iommu', 'data'); // VF DMA translated by the IOMMU
    b.link(vf, 'hv', 'signal'); // VF MSI-X
  }
  b.link('root.pf', 'nic', 'data');
  b.link('root.pf', 'hv', 'signal'); // HvCallMap/RetargetDeviceInterrupt for the root's devices
  b.link('hv', 'root.pf', 'signal'); // physical interrupt redirected to the root
  b.both('root.pf', 'nic.eswitch', 'control'); // OID_NIC_SWITCH_* (VF allocate, VPort, FLR)
  b.both('root.pf', 'nic', 'control'); // OID_RECEIVE_FILTER_SET_FILTER (VMQ), link state
  b.link('hv', 'iommu', 'control'); // DMA remapping tables programmed by the hypervisor

  // vSwitch: protocol edge → extensions in stack order (ingress) → back up in reverse (egress) →
  // protocol edge → destination port (WDK extensible switch data path; fidelity audit D3).
  b.link('root.pf', 'root.vswitch', 'data');
  for (let i = 0; i + 1 < chain.length; i++) b.both(chain[i] as string, chain[i + 1] as string, 'data');
  b.link('root.vswitch', 'root.pf', 'data');
  b.link('root.vswitch', 'root.pf', 'control');

  // Root-internal management.
  b.both('root.vmms', 'root.vid', 'control');
  b.both('root.vid', 'hv', 'control'); // partition/VP/memory management hypercalls
  b.link('root.vmms', 'root.vswitch', 'control'); // OID_SWITCH_PORT_CREATE / NIC_CREATE
  b.both('root.vmbus', 'hv', 'signal');
  b.both('root.vmbus', 'hv', 'control');
  b.link('hv', 'root.vid', 'signal'); // intercept message on SINT0

  for (const v of config.vms) {
    const vm = v.id;
    const stack = guest.stack(vm);
    const netvsc = guest.netvsc(vm);
    const out = guest.ringOut(vm);
    const inn = guest.ringIn(vm);
    const netvsp = root.netvsp(vm);
    const vmwp = root.vmwp(vm);
    const vpciVsp = root.vpci(vm);
    const legacy = guest.legacy(vm);
    const vfMini = guest.vf(vm);
    const vpciVsc = guest.vpci(vm);
    const gvmbus = guest.vmbus(vm);

    // VMBus control (9.1): guest VMBus driver ↔ hypervisor ↔ root VMBus driver.
    b.both(gvmbus, 'hv', 'control');
    b.link('hv', gvmbus, 'signal');
    b.both(gvmbus, netvsc, 'control');
    b.both(gvmbus, vpciVsc, 'control');
    b.link('root.vmbus', netvsp, 'signal'); // channel callback dispatch
    b.link('root.vmbus', netvsp, 'control');
    b.link('root.vmbus', vpciVsp, 'control');
    b.link('root.vmms', vmwp, 'control');
    b.link('root.vmms', netvsp, 'control');

    // Synthetic data (9.3/9.4): guest stack ↔ NetVSC ↔ rings ↔ NetVSP ↔ vSwitch.
    b.both(stack, netvsc, 'data');
    b.link(netvsc, out, 'data');
    b.link(out, netvsp, 'data');
    b.link(netvsp, inn, 'data');
    b.link(inn, netvsc, 'data');
    b.link(netvsc, 'hv', 'signal'); // HvCallSignalEvent (guest kicks host)
    b.link(netvsp, 'hv', 'signal'); // host kicks guest
    b.link('hv', netvsc, 'signal'); // SynIC interrupt into the guest
    b.link(netvsp, 'root.vswitch', 'data');
    b.link('root.vswitch', netvsp, 'data'); // egress: the protocol edge delivers to the VM port

    // Emulated Intel 21140 (9.6/9.7): register access → VM exit → VID → VMWP device model.
    b.both(stack, legacy, 'data');
    b.both(legacy, 'hv', 'data');
    b.link(legacy, 'hv', 'signal');
    b.link('hv', legacy, 'signal');
    b.link('root.vid', vmwp, 'data');
    b.link('root.vid', vmwp, 'signal');
    b.link('hv', 'root.vid', 'data');
    b.link(vmwp, 'root.vswitch', 'data');
    b.link('root.vswitch', vmwp, 'data');
    b.link(vmwp, 'hv', 'signal'); // assert virtual interrupt / resume VP
    b.link(vmwp, legacy, 'data'); // device model writes a received frame into guest RAM (facts §9.7 step 2 (U))

    // SR-IOV (9.8–9.11): NetVSC bonded to the VF miniport; VF DMA through the IOMMU.
    b.both(netvsc, vfMini, 'data');
    b.both(vfMini, 'iommu', 'data');
    b.link(vfMini, 'hv', 'signal'); // HvCallRetargetDeviceInterrupt
    b.link('hv', vfMini, 'signal'); // VF MSI-X redirected to the guest vCPU
    for (const vf of vfs) b.link(vfMini, vf, 'data'); // doorbell write into the VF BAR
    b.both(vpciVsp, vpciVsc, 'control'); // vPCI protocol over its own VMBus channel
    b.link(vpciVsc, vfMini, 'control');
    b.link(vpciVsp, 'root.pf', 'control');

    // NVSP/RNDIS control travels in the rings too.
    b.link(netvsc, out, 'control');
    b.link(out, netvsp, 'control');
    b.link(netvsp, inn, 'control');
    b.link(inn, netvsc, 'control');
  }

  return { components: b.components, links: b.links, componentIndex: b.componentIndex, linkIndex: b.linkIndex };
}
