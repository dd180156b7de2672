/**
 * A trace event of the ring as the plain object of the public contract (`TraceEvent`). Made only
 * for subscribers, snapshot() and packet histories, never on the hot path without listeners.
 */
import { EVENT_KINDS } from '../core/program';
import { COST_TABLE } from '../costs';
import type { Host } from '../model/host';
import { PATH_KINDS, type PathKind, type TraceEvent, type VmId } from '../types';

export function eventAt(h: Host, seq: number): TraceEvent {
  const tr = h.trace;
  const names = h.names.names;
  const i = seq & tr.mask;
  const part = tr.part[i] as number;
  const p = tr.packet[i] as number;
  const vi = tr.vm[i] as number;
  const c = tr.cost[i] as number;
  const n = tr.note[i] as number;
  const e: TraceEvent = {
    t: tr.t[i] as number,
    seq,
    kind: EVENT_KINDS[tr.kind[i] as number] as TraceEvent['kind'],
    packet: p < 0 ? null : p,
    from: names[tr.from[i] as number] as string,
    to: names[tr.to[i] as number] as string,
    path: PATH_KINDS[tr.path[i] as number] as PathKind,
    cpu: part < 0 ? null : { partition: h.partitionName(part), lp: tr.lp[i] as number, vp: (tr.vp[i] as number) < 0 ? null : (tr.vp[i] as number), cycles: tr.cycles[i] as number },
    detail: names[tr.detail[i] as number] as string,
    dur: tr.dur[i] as number,
    vm: vi < 0 ? null : ((h.vms[vi]?.id ?? null) as VmId | null),
    cost: c < 0 ? null : (COST_TABLE[c]?.id ?? null),
  };
  if (n >= 0) e.note = names[n] as string;
  if (tr.unverified[i]) e.unverified = true;
  return e;
}
