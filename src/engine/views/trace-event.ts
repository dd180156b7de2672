/**
 * A trace event of the ring as the plain object of the public contract (`TraceEvent`). Made only
 * for subscribers, snapshot() and packet histories, never on the hot path without listeners.
 *
 * Built by constructors, not object literals (issue 13): V8 tracks the objects of a literal per
 * allocation site, and once enough of them survive a minor GC (a snapshot's events kept for a
 * frame, or the 20,000 of the first snapshot) it allocates that site's objects straight in the old
 * generation ("pretenuring"). snapshot() then ran up to ten times slower, at random, from one
 * process to the next (frame@10000: 0.2 → 1.5–3 ms). A constructor has no allocation site. The
 * fields and their order (JSON) are those of the literal it replaced; `note` and `unverified` are
 * added only when set, as before.
 */
import { EVENT_KINDS } from '../core/program';
import { COST_TABLE } from '../costs';
import type { Host } from '../model/host';
import { PATH_KINDS, type CpuCharge, type EventKind, type PartitionId, type PathKind, type TraceEvent, type VmId } from '../types';

class CpuChargeObject implements CpuCharge {
  constructor(
    readonly partition: PartitionId,
    readonly lp: number,
    readonly vp: number | null,
    readonly cycles: number,
  ) {}
}

class TraceEventObject implements TraceEvent {
  declare note?: string;
  declare unverified?: boolean;

  constructor(
    readonly t: number,
    readonly seq: number,
    readonly kind: EventKind,
    readonly packet: number | null,
    readonly from: string,
    readonly to: string,
    readonly path: PathKind,
    readonly cpu: CpuCharge | null,
    readonly detail: string,
    readonly dur: number,
    readonly vm: VmId | null,
    readonly cost: string | null,
  ) {}
}

export function eventAt(h: Host, seq: number): TraceEvent {
  const tr = h.trace;
  const names = h.names.names;
  const i = seq & tr.mask;
  const part = tr.part[i] as number;
  const p = tr.packet[i] as number;
  const vi = tr.vm[i] as number;
  const c = tr.cost[i] as number;
  const n = tr.note[i] as number;
  const vp = tr.vp[i] as number;
  const e = new TraceEventObject(
    tr.t[i] as number,
    seq,
    EVENT_KINDS[tr.kind[i] as number] as EventKind,
    p < 0 ? null : p,
    names[tr.from[i] as number] as string,
    names[tr.to[i] as number] as string,
    PATH_KINDS[tr.path[i] as number] as PathKind,
    part < 0 ? null : new CpuChargeObject(h.partitionName(part), tr.lp[i] as number, vp < 0 ? null : vp, tr.cycles[i] as number),
    names[tr.detail[i] as number] as string,
    tr.dur[i] as number,
    vi < 0 ? null : ((h.vms[vi]?.id ?? null) as VmId | null),
    c < 0 ? null : (COST_TABLE[c]?.id ?? null),
  );
  if (n >= 0) e.note = names[n] as string;
  if (tr.unverified[i]) e.unverified = true;
  return e;
}
