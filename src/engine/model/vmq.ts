/**
 * VMQ, virtual machine queues (hyperv-facts.md §6, §9.5): the vSwitch asks the PF miniport for a
 * receive queue per synthetic VM (OID_RECEIVE_FILTER_ALLOCATE_QUEUE) and sets a filter on the
 * NIC (dest MAC [+ VLAN] → queue, OID_RECEIVE_FILTER_SET_FILTER), so each VM's receive traffic
 * is DMA'd to its own queue and interrupts its own LP instead of all landing on the default
 * queue's LP 0.
 *
 * Simplifications: queues are handed out first come, first served at OID_SWITCH_NIC_CONNECT;
 * queue k's interrupts go to LP 1 + (k − 1) mod (L − 1) (the default queue to LP 0, the
 * default BaseVmqProcessor 0:0); VMMQ/vRSS are in vrss.ts; no queue rebalancing.
 */
import type { Step } from '../core/sequence';
import { act, runSteps } from '../core/sequence';
import { cfgStep, emitSimple } from './control-path';
import type { Host } from './host';
import { refreshPaths, type VmRt } from './partition';
import type { Snapshot, VmId } from '../types';

/** LP of NIC queue `q`'s interrupts (0 for the default queue or a one-LP host). */
export function queueLp(q: number, lps: number): number {
  return q === 0 || lps < 2 ? 0 : 1 + ((q - 1) % (lps - 1));
}

/** facts §6, §9.5 step 1: allocate a queue and set its MAC filter, if VMQ is on and one is free. */
export function assignVmq(h: Host, vi: number, next: () => void): void {
  const vm = h.vms[vi] as VmRt;
  if (!h.cfg.vmq || vm.cfg.adapter === 'emulated' || vm.vmqQueue > 0 || !vm.alive) return next();
  const k = h.vmqOwner.findIndex((o, i) => i > 0 && o < 0);
  if (k < 0) {
    emitSimple(h, 'config', 'root.vswitch', 'root.pf', 'VMQ exhausted: default queue', { vi, note: `${vm.id} uses the default queue (queues are handed out first come, first served)` });
    return next();
  }
  h.vmqOwner[k] = vi;
  vm.vmqQueue = k;
  const lp = queueLp(k, h.L);
  runSteps(
    [
      cfgStep(h, 'root.vswitch', 'root.pf', 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', `queue ${k}, interrupt affinity LP ${lp}`, vi),
      cfgStep(h, 'root.pf', 'nic', 'OID_RECEIVE_FILTER_SET_FILTER', `NdisReceiveFilterTypeVMQueue: dest MAC ${vm.mac}${vm.vlan ? `, VLAN ${vm.vlan}` : ''} → queue ${k}`, vi),
      // The queue stays Paused until the overlying driver says its set-up is complete (fidelity
      // audit D12; learn.microsoft.com oid-receive-filter-allocate-queue).
      cfgStep(h, 'root.vswitch', 'root.pf', 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', `queue ${k} leaves the Paused state and starts receiving`, vi),
      act(() => refreshPaths(h, vm)),
    ],
    next,
  );
}

/** Clear the filter and free the queue; the VM falls back to the default queue. */
export function releaseVmq(h: Host, vi: number, next: () => void): void {
  const vm = h.vms[vi] as VmRt;
  const k = vm.vmqQueue;
  if (k === 0) return next();
  runSteps(
    [
      cfgStep(h, 'root.pf', 'nic', 'OID_RECEIVE_FILTER_CLEAR_FILTER', `queue ${k}`, vi),
      cfgStep(h, 'root.vswitch', 'root.pf', 'OID_RECEIVE_FILTER_FREE_QUEUE', `queue ${k}`, vi),
      act(() => {
        h.vmqOwner[k] = -1;
        vm.vmqQueue = 0;
        refreshPaths(h, vm);
      }),
    ],
    next,
  );
}

/** `set-vmq`: assign or release queues in NIC-connect order; then `done` (VMMQ follows VMQ, vrss.ts). */
export function setVmq(h: Host, on: boolean, done?: () => void): void {
  if (h.cfg.vmq === on) return;
  h.cfg = { ...h.cfg, vmq: on };
  const order = [...h.connectOrder];
  const steps: Step[] = order.map((vi) => (next: () => void) => (on ? assignVmq(h, vi, next) : releaseVmq(h, vi, next)));
  runSteps(steps, () => {
    h.vms.forEach((v) => v.alive && refreshPaths(h, v));
    done?.();
  });
}

/** The snapshot's queue → VM → LP table. */
export function vmqAssignments(h: Host): Snapshot['vmqAssignments'] {
  const out: Snapshot['vmqAssignments'] = [];
  h.vmqOwner.forEach((vi, q) => {
    if (q > 0 && vi >= 0) out.push({ queue: q, vm: (h.vms[vi] as VmRt).id as VmId, lp: queueLp(q, h.L) });
  });
  return out;
}
