/**
 * The control path's two building blocks, used by every component's bring-up and teardown:
 * a management step (an OID, a port create, an IOMMU map: one `config`/`hypercall`/`vmexit`
 * event with the latency of its cost row, no packet) and a control message (a VMBus channel
 * message, an NVSP/RNDIS/vPCI message: a mover on a compiled, shared route).
 *
 * Simplification: management steps charge their cost row's cycles to one partition/LP and take
 * its latency; in load-generator mode they take 1 ns so every VM is up at once.
 */
import { EK, type RouteBuilder } from '../core/program';
import type { Step } from '../core/sequence';
import { MK } from '../core/program';
import { COST_TABLE, cost } from '../costs';
import { ACT, PART_HV, PART_ROOT, PATH_INDEX } from './codes';
import type { Host } from './host';
import type { VmRt } from './partition';
import type { PathKind } from '../types';

export interface SimpleEventOpts {
  path?: PathKind;
  vi?: number;
  costId?: string;
  dur?: number;
  part?: number;
  lp?: number;
  vp?: number;
  cycles?: number;
  note?: string;
  unverified?: boolean;
  packet?: number;
}

/** Emit an instantaneous or timed event that moves no packet (config, fault, vmexit of a script). */
export function emitSimple(h: Host, kind: keyof typeof EK, from: string, to: string, detail: string, o: SimpleEventOpts = {}): void {
  const row = o.costId ? cost(o.costId) : null;
  const cycles = o.cycles ?? row?.cycles ?? 0;
  const charged = o.part !== undefined && o.part >= 0;
  h.emit(
    EK[kind],
    o.packet ?? -1,
    h.intern(from),
    h.intern(to),
    PATH_INDEX[o.path ?? 'control'],
    o.part ?? -1,
    charged ? (o.lp ?? 0) : -1,
    o.vp ?? -1,
    charged ? cycles : 0,
    h.intern(detail),
    o.dur ?? row?.latencyNs ?? 0,
    o.vi ?? -1,
    o.costId ? COST_TABLE.findIndex((r) => r.id === o.costId) : -1,
    o.note ? h.intern(o.note) : -1,
    o.unverified ?? row?.unverified ?? false,
  );
}

/** A management step (OID, port create, IOMMU map) with its latency; no packet moves. */
export function cfgStep(h: Host, from: string, to: string, detail: string, note?: string, vi = -1, costId = 'C4', kind: 'config' | 'hypercall' | 'vmexit' = 'config'): Step {
  return (next) => {
    const row = cost(costId);
    const vm = vi >= 0 ? (h.vms[vi] as VmRt) : undefined;
    const part = kind === 'config' ? PART_ROOT : PART_HV;
    const lp = kind === 'config' ? (vm?.txLp ?? 0) : (vm?.vpLp ?? 0);
    const dur = h.uncontended ? 1 : row.latencyNs;
    emitSimple(h, kind, from, to, detail, { vi, costId, part, lp, dur, ...(note ? { note } : {}) });
    h.later(dur, next);
  };
}

/**
 * Run one control message as a mover. `key` identifies the program (VM, direction, message,
 * note) so it is compiled once per VM generation and shared; the continuation is stored on the
 * mover (ACT.CALLBACK).
 */
export function controlMover(h: Host, key: string, build: (b: RouteBuilder) => void, message: string, vi: number, then: () => void): void {
  const vm = h.vms[vi] as VmRt;
  const r = h.routes.cached(h.controlRoutes, `${vi}:${vm.gen}:${key}`, (id) => {
    const b = h.builder(false);
    b.vm = vi;
    build(b);
    b.action(ACT.CALLBACK, -1);
    b.end();
    return b.build(id, PATH_INDEX.control, { vmA: -1 });
  });
  const s = h.alloc(MK.CONTROL, r);
  h.mv.msg[s] = h.intern(message);
  h.mv.cb[s] = h.callback(then);
  h.runMover(s);
}
