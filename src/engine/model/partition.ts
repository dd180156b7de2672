/**
 * Partitions and the VM lifecycle (hyperv-facts.md §1.1–1.2, §5.1, §9.1–9.2): the root
 * partition hosts the management stack (VMMS), the worker processes and the VSPs; each child
 * partition (a VM) has VPs placed on LPs, a network adapter (synthetic, emulated or SR-IOV) and
 * a control "script" per VM, the sequence of management steps and control messages that brings
 * its adapter up, switches it, or tears it down. Scripts of one VM run one at a time (ctlBusy +
 * ctlQueue).
 *
 * Placement (a model choice where the facts are silent): the root's send processing and the VM's
 * worker process run on LP 1 + (n − 1) mod (L − 1) for VM n (channels are spread over CPUs, facts
 * §2.2); guest VP 0 runs on LP L − 1 − (n − 1) mod (L − 1), from the top down, so a small host
 * keeps guest and root work apart. Simplifications: the hypervisor's VP scheduler is not
 * modelled (a VP is pinned to its LP and shares it first come, first served with root work);
 * one VP per VM does the network work; VM start-up before the VMBus connection is not modelled.
 */
import type { Step } from '../core/sequence';
import { act, runSteps } from '../core/sequence';
import { PathCounters } from '../metrics';
import { vmIp, vmMac } from '../packets';
import type { Host } from './host';
import { ROUTES_PER_FLOW } from './codes';
import type { VmPlace } from './paths/context';
import { netvscBringUp } from './netvsc';
import { vfBringUp, vfRemove, createVfQueue } from './sriov-vf';
import { assignVmq, releaseVmq } from './vmq';
import { assignVmmq, closeSubchannelSteps, rssPlace } from './vrss';
import { createRing } from './vmbus-ring';
import { openNicChannel, rescindChannel, vmbusConnect } from './vmbus-channel';
import { createLegacyRing, createLegacyTxRing, emulatedBringUp, resumeToken } from './worker-process';
import { nicConnect, nicDisconnect, portCreate, portDelete } from './vswitch';
import type { AdapterKind, VmConfig, VmId, VmState } from '../types';
import { MODEL } from '../costs';

/** A VM's runtime state. */
export interface VmRt extends VmPlace {
  num: number;
  alive: boolean;
  cfg: VmConfig;
  mac: string;
  ip: string;
  channel: VmState['channel'];
  nvsp: VmState['nvsp'];
  dataReady: boolean;
  vmqQueue: number;
  vfAssigned: number;
  vfDataPath: boolean;
  vfRx: boolean;
  vmbusConnected: boolean;
  legacyTxOutstanding: number;
  legacyTxCount: number;
  /** Frames the device model has sent whose descriptors the driver has not reclaimed yet (its ISR does). */
  legacyTxUnreclaimed: number;
  /** ns the VP has stalled in register intercepts (fidelity audit D8). */
  vpStallNs: number;
  hostCompPending: number;
  guestCompPending: number;
  /** Send-buffer sections free (of MODEL.sendSections) and those the pending completions free (netvsp.ts). */
  sendFree: number;
  hostCompSections: number;
  /** Sections each completion batch in flight will free, oldest first. */
  compBatchSections: number[];
  /** A control script of this VM is running; others wait in ctlQueue. */
  ctlBusy: boolean;
  ctlQueue: (() => void)[];
  tokenCache: Map<string, number>;
  counters: PathCounters;
  /** vRSS/VMMQ (vrss.ts): channels open (1 = the primary only), subchannel in rings, VMMQ's extra NIC queues. */
  channels: number;
  subIns: number[];
  rssQueues: number[];
}

export interface Placement {
  txLp: number;
  vpLp: number;
}

/** Where VM number `vmNumber`'s root work and VP 0 run on a host of `lps` LPs. */
export function placement(vmNumber: number, lps: number): Placement {
  const spread = Math.max(1, lps - 1);
  const k = (vmNumber - 1) % spread;
  return { txLp: lps > 1 ? 1 + k : 0, vpLp: lps > 1 ? lps - 1 - k : 0 };
}

/** Create a VM's runtime state and stations, and start its boot script. */
export function addVm(h: Host, v: VmConfig): number {
  const vi = h.vms.length;
  const num = Number.parseInt(v.id.slice(2), 10);
  const place = placement(num, h.L);
  const out = createRing(h, v.id, vi, 'out');
  const inn = createRing(h, v.id, vi, 'in');
  const vfq = createVfQueue(h, v.id, vi);
  const legacyRx = createLegacyRing(h, v.id, vi);
  const legacyTx = createLegacyTxRing(h, v.id, vi);
  const vm: VmRt = {
    vi,
    id: v.id,
    num,
    gen: 1,
    alive: true,
    cfg: { ...v },
    vlan: v.vlan ?? null,
    vpLp: place.vpLp,
    txLp: place.txLp,
    rxQueue: 0,
    vf: 0,
    txPath: v.adapter === 'emulated' ? 'emulated' : 'synthetic',
    rxPath: v.adapter === 'emulated' ? 'emulated' : 'synthetic',
    out,
    in: inn,
    vfq,
    legacyRx,
    legacyTx,
    legacyTxRes: h.res.add(),
    legacyRxRes: h.res.add(),
    resumeToken: (reg: string): number => resumeToken(h, vi, reg),
    rss: null,
    channels: 1,
    subIns: [],
    rssQueues: [],
    mac: vmMac(v.id),
    ip: vmIp(v.id),
    channel: 'none',
    nvsp: 'none',
    dataReady: false,
    vmqQueue: 0,
    vfAssigned: 0,
    vfDataPath: false,
    vfRx: false,
    vmbusConnected: false,
    legacyTxOutstanding: 0,
    legacyTxCount: 0,
    legacyTxUnreclaimed: 0,
    vpStallNs: 0,
    hostCompPending: 0,
    guestCompPending: 0,
    sendFree: MODEL.sendSections,
    hostCompSections: 0,
    compBatchSections: [],
    ctlBusy: false,
    ctlQueue: [],
    tokenCache: new Map(),
    counters: new PathCounters(),
  };
  h.vms.push(vm);
  h.vmIndex.set(v.id, vi);
  bootVm(h, vi);
  return vi;
}

/**
 * Run a control script for VM `vi`, after any script of the same VM that is still running. A
 * script ends when its last step calls `next`, when a step calls `stop`, or when the VM is
 * removed or restarted (its generation changes); then the VM's next queued script starts.
 */
export function runScript(h: Host, vi: number, steps: Step[]): void {
  const vm = h.vms[vi] as VmRt;
  const run = () => {
    let i = 0;
    const gen = vm.gen;
    const end = () => {
      i = steps.length;
      vm.ctlBusy = false;
      const q = vm.ctlQueue.shift();
      if (q) {
        vm.ctlBusy = true;
        q();
      }
    };
    const next = () => {
      if (!vm.alive || vm.gen !== gen || i >= steps.length) return end();
      const step = steps[i++] as Step;
      step(next, end);
    };
    next();
  };
  if (vm.ctlBusy) vm.ctlQueue.push(run);
  else {
    vm.ctlBusy = true;
    run();
  }
}

/** The VM's index if it exists and is alive, else -1. */
export function vmOf(h: Host, id: string | undefined): number {
  if (id === undefined) return -1;
  const vi = h.vmIndex.get(id);
  return vi === undefined || !h.vms[vi]?.alive ? -1 : vi;
}

/** Recompute the VM's data paths from its adapter state; drop the routes of its flows. */
export function refreshPaths(h: Host, vm: VmRt): void {
  const emulated = vm.cfg.adapter === 'emulated';
  vm.txPath = emulated ? 'emulated' : vm.vfDataPath ? 'sriov' : 'synthetic';
  vm.rxPath = emulated ? 'emulated' : vm.vfRx ? 'sriov' : 'synthetic';
  vm.vf = vm.vfAssigned;
  vm.rxQueue = h.cfg.vmq ? vm.vmqQueue : 0;
  vm.rss = vm.rxPath === 'synthetic' ? rssPlace(h, vm) : null;
  // Only the routes of flows that touch this VM change.
  h.cfg.flows.forEach((f, fi) => {
    if (f.vm === vm.id || f.peerVm === vm.id) {
      for (let k = 0; k < ROUTES_PER_FLOW; k++) h.flowRoutes.delete(fi * ROUTES_PER_FLOW + k);
    }
  });
}

/** The NIC is connected to the vSwitch: data may flow. */
export function markConnected(h: Host, vm: VmRt): void {
  if (!h.connectOrder.includes(vm.vi)) h.connectOrder.push(vm.vi);
  vm.dataReady = true;
  refreshPaths(h, vm);
}

/** VM start: vSwitch port, then the adapter's bring-up. */
function bootVm(h: Host, vi: number): void {
  const vm = h.vms[vi] as VmRt;
  const emulated = vm.cfg.adapter === 'emulated';
  runScript(h, vi, [...portCreate(h, vi, emulated), ...(emulated ? emulatedBringUp(h, vi) : syntheticBringUp(h, vi))]);
}

/** facts §9.1 and §9.2, then VMQ, data, and the VF for an SR-IOV adapter. */
function syntheticBringUp(h: Host, vi: number): Step[] {
  const vm = h.vms[vi] as VmRt;
  return [
    ...vmbusConnect(h, vi),
    ...openNicChannel(h, vi),
    ...netvscBringUp(h, vi),
    nicConnect(h, vi, `${vm.id}: guest stack bound`),
    (next) => assignVmq(h, vi, next),
    assignVmmq(h, vi), // vrss.ts: no step without VMMQ
    act(() => markConnected(h, vm)),
    (next) => {
      if (vm.cfg.adapter === 'sriov' && h.cfg.sriov) vfBringUp(h, vi);
      next();
    },
  ];
}

/** The host removes the synthetic NIC's channel (adapter switched to emulated). */
function syntheticTeardown(h: Host, vi: number): Step[] {
  const vm = h.vms[vi] as VmRt;
  return [
    act(() => {
      vm.dataReady = false;
    }),
    (next) => runSteps(closeSubchannelSteps(h, vi), next), // vrss.ts: none with one channel
    (next) => releaseVmq(h, vi, next),
    nicDisconnect(h, vi),
    ...rescindChannel(h, vi, 'synthetic NIC', 1),
    act(() => {
      vm.channel = 'closed';
      vm.nvsp = 'none';
    }),
  ];
}

/** `set-adapter`: tear the old adapter down and bring the new one up, in one script. */
export function setAdapter(h: Host, vmId: VmId, adapter: AdapterKind): void {
  const vi = vmOf(h, vmId);
  if (vi < 0) return;
  const vm = h.vms[vi] as VmRt;
  const old = vm.cfg.adapter;
  if (old === adapter) return;
  h.cfg = { ...h.cfg, vms: h.cfg.vms.map((v) => (v.id === vm.id ? { ...v, adapter } : v)) };
  if (old === 'sriov' && vm.vfAssigned > 0) vfRemove(h, vi, 'adapter switched');
  const set = act(() => {
    vm.cfg = { ...vm.cfg, adapter };
    refreshPaths(h, vm);
  });
  if (adapter === 'emulated') {
    runScript(h, vi, [...(old !== 'emulated' ? syntheticTeardown(h, vi) : []), set, ...emulatedBringUp(h, vi)]);
  } else if (old === 'emulated') {
    runScript(h, vi, [
      act(() => {
        vm.dataReady = false;
      }),
      nicDisconnect(h, vi, 'emulated NIC'),
      set,
      ...syntheticBringUp(h, vi),
    ]);
  } else {
    runScript(h, vi, [set]);
    if (adapter === 'sriov' && h.cfg.sriov) vfBringUp(h, vi);
  }
}

/** `remove-vm`: the VM stops at once; its port, queue and VF are freed; its flows end. */
export function removeVm(h: Host, vmId: VmId): void {
  const vi = vmOf(h, vmId);
  if (vi < 0) return;
  const vm = h.vms[vi] as VmRt;
  portDelete(h, vm);
  vm.alive = false;
  vm.gen++;
  vm.dataReady = false;
  if (vm.vmqQueue > 0) h.vmqOwner[vm.vmqQueue] = -1;
  for (const q of vm.rssQueues) h.vmqOwner[q] = -1;
  vm.rssQueues = [];
  vm.channels = 1;
  if (vm.vfAssigned > 0) h.vfOwner[vm.vfAssigned] = -1;
  vm.vmqQueue = 0;
  vm.vfAssigned = 0;
  h.connectOrder = h.connectOrder.filter((x) => x !== vi);
  h.cfg = {
    ...h.cfg,
    vms: h.cfg.vms.filter((v) => v.id !== vm.id),
    flows: h.cfg.flows.filter((f) => f.vm !== vm.id && f.peerVm !== vm.id),
  };
}
