/**
 * Routes: the compiled program a packet (or a control message, or an invisible signal token)
 * executes, one fixed-size Int32 record per step. Programs are compiled once per flow direction
 * and configuration epoch, so the hot loop reads integers only; a packet keeps the program it
 * started with, which is how "packets already in flight finish on the path they started on".
 *
 * A HOP step moves the packet from `from` to `to` for `lat` ns. If it names a resource (an LP,
 * a link, a serialiser) the hop starts when the resource is free and occupies it for `busy` ns:
 * this is what makes throughput caps emerge instead of being coded.
 */
import { COST_TABLE, CYCLES_PER_NS, cost } from '../costs';
import type { EventKind, PathKind } from '../types';

export const OP = {
  HOP: 1,
  SEND: 2,
  DELIVER: 3,
  DROP: 4,
  LINK_CHECK: 5,
  PUT: 6,
  COMMIT: 7,
  FORK: 8,
  ACTION: 9,
  END: 10,
  ADMIT: 11,
} as const;

/** Field offsets inside a step record. */
export const F = {
  OP: 0,
  FROM: 1,
  TO: 2,
  KIND: 3,
  DETAIL: 4,
  NOTE: 5,
  LAT: 6,
  BUSY: 7,
  RES: 8,
  PART: 9,
  LP: 10,
  VP: 11,
  CYC: 12,
  COST: 13,
  ENC: 14,
  ARG: 15,
  VM: 16,
  ARG2: 17,
} as const;
export const STEP = 18;

/** Flags or-ed into F.KIND above the event-kind index. */
export const KIND_MASK = 0xff;
export const FLAG_UNVERIFIED = 0x100;
export const FLAG_IOMMU = 0x200;

export const EVENT_KINDS = ['hop', 'vmexit', 'hypercall', 'interrupt', 'copy', 'dma', 'send', 'deliver', 'drop', 'ring', 'config', 'fault'] as const satisfies readonly EventKind[];
export const EK: Record<EventKind, number> = Object.fromEntries(EVENT_KINDS.map((k, i) => [k, i])) as Record<EventKind, number>;

export const PATH_INDEX: Record<PathKind, number> = { synthetic: 0, emulated: 1, sriov: 2, control: 3 };

/** Partition codes stored in F.PART: 0 root, 1 hv, 2 + vm index for guests, -1 none. */
export const PART_ROOT = 0;
export const PART_HV = 1;
export const partGuest = (vi: number) => 2 + vi;

/** Actions (F.ARG of an ACTION step; F.ARG2 its argument). */
export const ACT = {
  WAKE: 1,
  UNBLOCK: 2,
  HOST_SEND_DONE: 3,
  GUEST_RX_DONE: 4,
  LEGACY_TX_DONE: 5,
  CALLBACK: 6,
  ISR_NEXT: 7,
  ISR_START: 8,
  READER_DONE: 9,
} as const;

/** Admission checks (F.ARG of an ADMIT step). */
export const ADMIT = { LEGACY_TX: 1, LEGACY_RX: 2 } as const;

export interface Route {
  id: number;
  code: Int32Array;
  steps: number;
  path: number;
  /** VM indices whose removal invalidates the route (-1 none) and their generations. */
  vmA: number;
  genA: number;
  vmB: number;
  genB: number;
  /** Flow index (-1 for control and tokens). */
  flow: number;
  reply: boolean;
}

const costIndex = new Map<string, number>(COST_TABLE.map((r, i) => [r.id, i]));
export const costIdx = (id: string | null): number => (id === null ? -1 : (costIndex.get(id) ?? -1));

export interface Charge {
  /** Partition code (PART_ROOT, PART_HV, partGuest(vi)); -1 = none. */
  part: number;
  lp: number;
  vp?: number;
  /** Resource the hop occupies; default: `lp` when cycles > 0. -1 = none. */
  res?: number;
  /** Occupancy of `res`, ns; default cycles / 3. */
  busy?: number;
}

export interface HopOpts {
  kind?: EventKind;
  cost?: string | null;
  lat?: number;
  cycles?: number;
  enc?: number;
  note?: string;
  unverified?: boolean;
  iommu?: boolean;
  /** VM index for the event's `vm` (default: the builder's current vm). */
  vm?: number;
  /** Multiply latency and occupancy by the builder's time scale (data hops). */
  scaled?: boolean;
}

export const NO_CHARGE: Charge = { part: -1, lp: -1 };

/** Builds one program. `intern` maps strings (component ids, details, notes) to numbers. */
export class RouteBuilder {
  private readonly code: number[] = [];
  /** Event `vm` for subsequent steps. */
  vm = -1;

  constructor(
    private readonly intern: (s: string) => number,
    /** hopTimeScale of the load generator for data hops (1 otherwise). */
    readonly scale = 1,
    /** When set, every hop lasts exactly this long and occupies nothing (load-generator control path). */
    readonly fixedLat: number | null = null,
  ) {}

  get length(): number {
    return this.code.length / STEP;
  }

  private push(op: number, fields: Partial<Record<keyof typeof F, number>>): void {
    const c = this.code;
    const base = c.length;
    for (let i = 0; i < STEP; i++) c.push(0);
    c[base + F.OP] = op;
    c[base + F.NOTE] = -1;
    c[base + F.RES] = -1;
    c[base + F.PART] = -1;
    c[base + F.LP] = -1;
    c[base + F.VP] = -1;
    c[base + F.COST] = -1;
    c[base + F.VM] = this.vm;
    for (const k in fields) c[base + F[k as keyof typeof F]] = fields[k as keyof typeof F] as number;
  }

  hop(from: string, to: string, detail: string, charge: Charge, o: HopOpts = {}): this {
    const row = o.cost ? cost(o.cost) : null;
    const scale = o.scaled === false ? 1 : this.scale;
    const lat = this.fixedLat ?? Math.max(1, Math.round((o.lat ?? row?.latencyNs ?? 1) * scale));
    const cycles = charge.part < 0 ? 0 : Math.round(o.cycles ?? row?.cycles ?? 0);
    const res = this.fixedLat !== null ? -1 : (charge.res ?? (cycles > 0 ? charge.lp : -1));
    const busy = Math.round((charge.busy ?? cycles / CYCLES_PER_NS) * scale);
    let kind = EK[o.kind ?? 'hop'];
    if (o.unverified ?? row?.unverified) kind |= FLAG_UNVERIFIED;
    if (o.iommu) kind |= FLAG_IOMMU;
    this.push(OP.HOP, {
      FROM: this.intern(from),
      TO: this.intern(to),
      KIND: kind,
      DETAIL: this.intern(detail),
      NOTE: o.note ? this.intern(o.note) : -1,
      LAT: lat,
      BUSY: res >= 0 ? Math.max(0, busy) : 0,
      RES: res,
      PART: charge.part,
      LP: charge.lp,
      VP: charge.vp ?? -1,
      CYC: cycles,
      COST: costIdx(o.cost ?? null),
      ENC: o.enc ?? 0,
      VM: o.vm ?? this.vm,
    });
    return this;
  }

  send(at: string, detail: string, enc: number): this {
    this.push(OP.SEND, { FROM: this.intern(at), TO: this.intern(at), DETAIL: this.intern(detail), ENC: enc });
    return this;
  }

  deliver(at: string, detail: string, enc: number): this {
    this.push(OP.DELIVER, { FROM: this.intern(at), TO: this.intern(at), DETAIL: this.intern(detail), ENC: enc });
    return this;
  }

  drop(at: string, reason: string, note?: string): this {
    this.push(OP.DROP, { FROM: this.intern(at), TO: this.intern(at), DETAIL: this.intern(reason), NOTE: note ? this.intern(note) : -1 });
    return this;
  }

  linkCheck(at: string): this {
    this.push(OP.LINK_CHECK, { FROM: this.intern(at), TO: this.intern(at), DETAIL: this.intern('link-down') });
    return this;
  }

  /** Reserve space in a station (ring, queue); `bytes` = ring bytes (0: the mover's own size). */
  put(station: number, at: string, bytes = 0): this {
    this.push(OP.PUT, { ARG: station, BUSY: bytes, FROM: this.intern(at), TO: this.intern(at) });
    return this;
  }

  /** Make the entry visible to the station's reader and park until the reader pops it. */
  commit(station: number, at: string): this {
    this.push(OP.COMMIT, { ARG: station, FROM: this.intern(at), TO: this.intern(at) });
    return this;
  }

  fork(routeId: number): this {
    this.push(OP.FORK, { ARG: routeId });
    return this;
  }

  action(act: number, arg = 0): this {
    this.push(OP.ACTION, { ARG: act, ARG2: arg });
    return this;
  }

  admit(kind: number, vi: number, at: string, reason: string): this {
    this.push(OP.ADMIT, { ARG: kind, ARG2: vi, FROM: this.intern(at), TO: this.intern(at), DETAIL: this.intern(reason) });
    return this;
  }

  end(): this {
    this.push(OP.END, {});
    return this;
  }

  build(id: number, path: PathKind, meta: { vmA?: number; genA?: number; vmB?: number; genB?: number; flow?: number; reply?: boolean } = {}): Route {
    const code = Int32Array.from(this.code);
    return {
      id,
      code,
      steps: code.length / STEP,
      path: PATH_INDEX[path],
      vmA: meta.vmA ?? -1,
      genA: meta.genA ?? 0,
      vmB: meta.vmB ?? -1,
      genB: meta.genB ?? 0,
      flow: meta.flow ?? -1,
      reply: meta.reply ?? false,
    };
  }
}
