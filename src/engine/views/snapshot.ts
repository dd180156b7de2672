/**
 * The snapshot: the events since the last snapshot (at most maxEventsPerSnapshot), accounting,
 * each live VM's state (adapter, path, channel, NVSP, rings, VMQ queue, VF, IOMMU mappings) and
 * the VMQ and VF assignments. Read-only; building it only advances the "since" mark.
 */
import { MODEL } from '../costs';
import type { Host } from '../model/host';
import { iommuMappings } from '../model/iommu';
import type { DataPath } from '../model/paths/context';
import type { VmRt } from '../model/partition';
import type { Station } from '../model/station';
import { ringState } from '../model/vmbus-ring';
import { queueLp, vmqAssignments } from '../model/vmq';
import { rssState } from '../model/vrss';
import type { Snapshot, TraceEvent, VmId, VmState } from '../types';
import { accounting } from './metrics';

function vmState(h: Host, vm: VmRt): VmState {
  const vf = vm.vfAssigned;
  return {
    id: vm.id as VmId,
    adapter: vm.cfg.adapter,
    activePath: vm.txPath as DataPath,
    channel: vm.channel,
    nvsp: vm.nvsp,
    out: ringState(h.stations[vm.out] as Station),
    in: ringState(h.stations[vm.in] as Station),
    vmqQueue: vm.vmqQueue > 0 ? vm.vmqQueue : null,
    rxLp: vm.rxQueue > 0 ? queueLp(vm.rxQueue, h.L) : 0,
    vf: vf > 0 ? vf : null,
    iommuMappings: iommuMappings(vm),
    mac: vm.mac,
    ip: vm.ip,
    sendBuffer: { sections: MODEL.sendSections, free: vm.sendFree, sectionBytes: MODEL.sendSectionBytes },
    txQueueStopped: (h.stations[vm.out] as Station).txStopped,
    ...(vm.rss ? { rss: rssState(h, vm) } : {}),
  };
}

export function snapshotOf(h: Host): Snapshot {
  const tr = h.trace;
  const total = tr.count;
  const avail = Math.min(total - h.lastSnapshotSeq, tr.cap);
  const n = Math.min(avail, h.maxEvents);
  const first = total - n;
  const events: TraceEvent[] = new Array<TraceEvent>(n);
  for (let i = 0; i < n; i++) events[i] = h.eventAt(first + i);
  const dropped = total - h.lastSnapshotSeq - n;
  h.lastSnapshotSeq = total;
  const vfAssignments: Snapshot['vfAssignments'] = [];
  h.vfOwner.forEach((vi, k) => {
    if (k > 0 && vi >= 0) vfAssignments.push({ vf: k, vm: (h.vms[vi] as VmRt).id as VmId });
  });
  return {
    timeNs: h.nowNs,
    accounting: accounting(h),
    vms: h.vms.filter((v) => v.alive).map((v) => vmState(h, v)),
    vmqAssignments: vmqAssignments(h),
    vfAssignments,
    linkUp: h.gateOpen,
    events,
    eventsDropped: dropped,
  };
}
