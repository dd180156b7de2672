/**
 * The metrics view: counters per path, per VM, per LP and per partition, with the throughput and
 * utilisation windows (src/engine/metrics.ts holds the histograms and counters themselves).
 */
import { CYCLES_PER_NS } from '../costs';
import { BUCKET_NS, WINDOW_BUCKETS, type PathCounters } from '../metrics';
import { MAX_PARTS } from '../model/codes';
import type { Host } from '../model/host';
import { portPolicyOf } from '../model/port-policy';
import type { Metrics, PartitionId, Snapshot, VmId } from '../types';

export function accounting(h: Host): Snapshot['accounting'] {
  return {
    sent: h.sent,
    delivered: h.delivered,
    dropped: h.dropped,
    inFlight: h.sent - h.delivered - h.dropped,
    dropsByReason: Object.fromEntries(h.dropsByReason),
  };
}

export function metricsOf(h: Host): Metrics {
  const bucketIndex = h.bucket;
  const span = Math.min(WINDOW_BUCKETS, bucketIndex + 1);
  // The window covers the current (partial) bucket and the WINDOW_BUCKETS − 1 before it.
  const winNs = Math.max(1, h.nowNs - Math.max(0, (bucketIndex - span + 1) * BUCKET_NS));
  const perVm: Metrics['perVm'] = {};
  for (const vm of h.vms) {
    if (!vm.alive) continue;
    const c = vm.counters;
    perVm[vm.id as VmId] = { ...c.toPathMetrics(winNs, bucketIndex), drops: c.drops, ringOutPeak: c.ringOutPeak, ringInPeak: c.ringInPeak, vpStallNs: vm.vpStallNs };
    // Port policy (issue 11): only for a port that has one, so other metrics stay as they were.
    const pp = portPolicyOf(h.cfg.vms.find((v) => v.id === vm.id));
    if (pp) {
      const st = h.portStats.get(vm.vi);
      (perVm[vm.id as VmId] as Metrics['perVm'][VmId]).portPolicy = {
        policyDrops: st?.policyDrops ?? 0,
        limitDrops: st?.limitDrops ?? 0,
        limitHeld: st?.limitHeld ?? 0,
        limitWaitNs: st?.limitWaitNs ?? 0,
        mirrored: st?.mirrored ?? 0,
        bypassed: vm.txPath === 'sriov' || vm.rxPath === 'sriov',
      };
    }
  }
  const perLp: Metrics['perLp'] = [];
  for (let lp = 0; lp < h.L; lp++) {
    let win = 0;
    for (let k = 0; k < span; k++) win += h.lpWin[lp * WINDOW_BUCKETS + ((bucketIndex - k + WINDOW_BUCKETS) % WINDOW_BUCKETS)] as number;
    const byPartition: Partial<Record<PartitionId, number>> = {};
    for (let p = 0; p < MAX_PARTS; p++) {
      const c = h.lpPart[lp * MAX_PARTS + p] as number;
      if (c > 0) byPartition[h.partitionName(p)] = c;
    }
    // Never clipped (fidelity audit D1): every charged hop occupies its LP, so a figure above 1 is
    // only the edge of the window (a hop billed at its start), and demand above capacity shows as
    // queueing and drops, not as a hidden excess.
    perLp.push({ lp, cycles: h.lpCycles[lp] as number, utilisation: win / (winNs * CYCLES_PER_NS), byPartition });
  }
  const perPartition: Partial<Record<PartitionId, number>> = {};
  for (let p = 0; p < MAX_PARTS; p++) if ((h.partCycles[p] as number) > 0) perPartition[h.partitionName(p)] = h.partCycles[p] as number;
  return {
    simTimeNs: h.nowNs,
    accounting: accounting(h),
    perPath: {
      synthetic: (h.perPath[0] as PathCounters).toPathMetrics(winNs, bucketIndex),
      emulated: (h.perPath[1] as PathCounters).toPathMetrics(winNs, bucketIndex),
      sriov: (h.perPath[2] as PathCounters).toPathMetrics(winNs, bucketIndex),
    },
    perVm,
    perLp,
    perPartition,
    perFlow: h.cfg.flows.map((f, i) => ({ id: f.id, sent: h.flowSent[i] ?? 0, delivered: h.flowDelivered[i] ?? 0, dropped: h.flowDropped[i] ?? 0, deliveredBytes: h.flowBytes[i] ?? 0 })),
    events: h.trace.count,
  };
}
