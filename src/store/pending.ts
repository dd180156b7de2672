/**
 * Pending effects: after a switch or an adapter changes, the route a VM will take differs from the
 * route it takes right now until the host and guest finish a sequence in simulated time (VF
 * bring-up, the vPCI offer, the data path switch, a VMQ queue allocation). This module says, from
 * the configuration, the VMs' live state and their recent trace events, which VMs wait and for
 * which step, and what a toggle with no route effect at all should say instead.
 *
 * Pure: no store, no engine instance. The store calls it on every publish while a change is being
 * watched (see `simStore.ts`).
 */
import type { SimConfig, TraceEvent, VmConfig, VmId, VmState } from '../engine/types';
import { guest, nic, root } from '../engine/ids';

/** The step a VM waits for, in the order they happen. */
export type PendingStep =
  | 'vfBringUp'
  | 'vpciOffer'
  | 'dataPathSwitch'
  | 'vfRemoval'
  | 'channelOffer'
  | 'emulatedBringUp'
  | 'vmqQueue'
  | 'vmqRelease';

export interface PendingEffect {
  vm: VmId;
  step: PendingStep;
  /** The component that shows the cue. */
  componentId: string;
  /** Path the VM is moving to. */
  target: 'sriov' | 'synthetic' | 'emulated';
  /** Latest configuration message of the VM since the change (e.g. `PCI_BUS_D0ENTRY`), if any. */
  last: string | null;
}

/** Where a VM's traffic should end up under `config`, given the exhaustion the engine reported. */
export interface DesiredRoute {
  path: 'sriov' | 'synthetic' | 'emulated';
  /** Receive work on its own VMQ queue (not the default queue on LP 0). */
  ownQueue: boolean;
}

const NO_VF = 'no free VF: synthetic path';
const NO_QUEUE = 'VMQ exhausted: default queue';

export function desiredRoute(config: SimConfig, vm: VmConfig, events: readonly TraceEvent[]): DesiredRoute {
  const noVf = events.some((e) => e.detail === NO_VF);
  const noQueue = events.some((e) => e.detail === NO_QUEUE);
  const path = vm.adapter === 'emulated' ? 'emulated' : vm.adapter === 'sriov' && config.sriov && !noVf ? 'sriov' : 'synthetic';
  return { path, ownQueue: config.vmq && vm.adapter !== 'emulated' && !noQueue };
}

const seen = (events: readonly TraceEvent[], pred: (d: string) => boolean) => events.some((e) => pred(e.detail));

/**
 * Which VMs wait for what. `eventsOf(vm)` gives that VM's trace events since the change was made
 * (oldest first). A VM whose live route already matches the configuration is not listed.
 */
export function pendingEffects(config: SimConfig, live: readonly VmState[], eventsOf: (vm: VmId) => readonly TraceEvent[]): PendingEffect[] {
  const out: PendingEffect[] = [];
  const byId = new Map(live.map((v) => [v.id, v]));
  for (const cfg of config.vms) {
    const v = byId.get(cfg.id);
    if (!v) continue;
    const events = eventsOf(cfg.id);
    const want = desiredRoute(config, cfg, events);
    const configEvents = events.filter((e) => e.kind === 'config' || (e.kind === 'hop' && e.path === 'control'));
    const last = configEvents.length ? (configEvents[configEvents.length - 1] as TraceEvent).detail : null;
    if (v.activePath !== want.path) {
      let step: PendingStep;
      let componentId = guest.netvsc(cfg.id);
      if (want.path === 'sriov') {
        if (seen(events, (d) => d.startsWith('NetVSC bound') || d === 'SWITCH_DATA_PATH')) step = 'dataPathSwitch';
        else if (seen(events, (d) => d === 'OFFERCHANNEL' || d.startsWith('PCI_') || d.startsWith('VF enumerated'))) {
          step = 'vpciOffer';
          componentId = root.vpci(cfg.id);
        } else {
          step = 'vfBringUp';
          componentId = guest.vf(cfg.id);
        }
      } else if (v.activePath === 'sriov') {
        step = 'vfRemoval';
      } else if (want.path === 'emulated') {
        step = 'emulatedBringUp';
        componentId = guest.legacy(cfg.id);
      } else {
        step = 'channelOffer';
      }
      out.push({ vm: cfg.id, step, componentId, target: want.path, last });
      continue;
    }
    const hasOwn = v.rxLp !== 0;
    if (want.ownQueue !== hasOwn && v.activePath !== 'emulated') {
      out.push({
        vm: cfg.id,
        step: want.ownQueue ? 'vmqQueue' : 'vmqRelease',
        componentId: nic.queue(v.vmqQueue ?? 0),
        target: want.path,
        last,
      });
    }
  }
  return out;
}

/** Why a toggle has no route effect, with the one-click fix the switch offers. */
export interface NoEffect {
  /** i18n key under `effect.` */
  key: 'sriovNoAdapter' | 'sriovOffNoAdapter' | 'vmqNoSynthetic' | 'vmqNoReceive';
  params: Record<string, string>;
  /** The change that gives the toggle an effect, if there is one. */
  fix: { key: 'giveSriov' | 'giveSynthetic' | 'addReceive'; vm: VmId } | null;
}

/**
 * What a flip of VMQ or SR-IOV to `on` would visibly change under `config` (the configuration
 * *after* the flip), or null when it changes a route.
 */
export function noEffectReason(config: SimConfig, toggle: 'vmq' | 'sriov'): NoEffect | null {
  if (toggle === 'sriov') {
    if (config.vms.some((v) => v.adapter === 'sriov')) return null;
    // Offer the VM with receive traffic first: that is where the VF's route shows best.
    const rx = config.flows.find((f) => f.direction === 'external-to-vm');
    const vm = (rx?.vm ?? config.vms.find((v) => v.adapter === 'synthetic')?.id ?? config.vms[0]?.id) as VmId;
    return { key: config.sriov ? 'sriovNoAdapter' : 'sriovOffNoAdapter', params: { vm }, fix: { key: 'giveSriov', vm } };
  }
  const queued = config.vms.filter((v) => v.adapter !== 'emulated');
  if (queued.length === 0) {
    const vm = config.vms[0]?.id as VmId;
    return { key: 'vmqNoSynthetic', params: { vm }, fix: { key: 'giveSynthetic', vm } };
  }
  // VMQ sorts received frames into queues: without receive traffic to a synthetic VM nothing moves.
  const ids = new Set(queued.filter((v) => v.adapter === 'synthetic' || !config.sriov).map((v) => v.id));
  const receives = config.flows.some((f) => (f.direction === 'external-to-vm' && ids.has(f.vm)) || (f.direction === 'vm-to-vm' && f.peerVm && ids.has(f.peerVm)));
  if (!receives) {
    const vm = (queued.find((v) => ids.has(v.id))?.id ?? queued[0]?.id) as VmId;
    return { key: 'vmqNoReceive', params: { vm }, fix: { key: 'addReceive', vm } };
  }
  return null;
}
