/**
 * Route programs: the compiled program a mover (a packet, a control message or an invisible
 * signal token) executes, one fixed-size Int32 record per step. Programs are compiled once per
 * flow direction and configuration epoch, so the hot loop reads integers only; a mover keeps the
 * program it started with, which is how "packets already in flight finish on the path they
 * started on".
 *
 * This file is the ONLY copy of the opcodes (`OP`), the field offsets (`F`) and the step size.
 * The interpreter (kernel.ts) imports them; nothing mirrors them by hand.
 *
 * A HOP step moves the mover from `from` to `to` for `lat` ns. If it names a resource (a
 * processor, a link, a serialiser) the hop starts when the resource is free and occupies it for
 * `busy` ns: this is what makes throughput caps emerge instead of being coded.
 *
 * No Hyper-V names here: component ids, details and costs are strings and rows handed in by the
 * model; `ACTION` and `ADMIT` steps carry numbers whose meaning the model defines.
 */
import type { EventKind } from '../types';

export const OP = {
  HOP: 1,
  SEND: 2,
  DELIVER: 3,
  DROP: 4,
  /** Drop the mover with DETAIL as reason when the kernel's gate is closed (link down). */
  LINK_CHECK: 5,
  /** Reserve space in a station (F.ARG); F.BUSY = bytes (0: the mover's own size). */
  PUT: 6,
  /** Make the entry visible to the station's reader and park until the reader pops it. */
  COMMIT: 7,
  /** Spawn a token running route F.ARG. */
  FORK: 8,
  /** Model action F.ARG with argument F.ARG2. */
  ACTION: 9,
  END: 10,
  /** Model admission check F.ARG (argument F.ARG2); refused: drop with reason DETAIL. */
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
/**
 * The hop may miss a translation cache: with the kernel's `missProbability` it lasts `missNs`
 * longer (the model uses it for IOTLB misses of DMA through the IOMMU).
 */
export const FLAG_MISS = 0x200;

export const EVENT_KINDS = ['hop', 'vmexit', 'hypercall', 'interrupt', 'copy', 'dma', 'send', 'deliver', 'drop', 'ring', 'config', 'fault'] as const satisfies readonly EventKind[];
export const EK: Record<EventKind, number> = Object.fromEntries(EVENT_KINDS.map((k, i) => [k, i])) as Record<EventKind, number>;

/** Mover kinds: data counts in the accounting; control messages and tokens do not. */
export const MK = { DATA: 0, CONTROL: 1, TOKEN: 2 } as const;

export interface Route {
  id: number;
  code: Int32Array;
  steps: number;
  /** Path index the mover's events carry (the model's numbering). */
  path: number;
  /** Owner indices whose removal invalidates the route (-1 none) and their generations. */
  vmA: number;
  genA: number;
  vmB: number;
  genB: number;
  /** Flow index (-1 for control and tokens). */
  flow: number;
  reply: boolean;
}

/** The cost rows a builder reads latencies and cycles from (the model's cost table). */
export interface CostSource {
  /** Row by id; throws on an unknown id. */
  row(id: string): { latencyNs: number; cycles: number; unverified?: boolean };
  /** Index of a row (for the trace), -1 when unknown. */
  index(id: string): number;
  /** Cycles per ns of the reference clock (a hop occupies its processor for cycles / this). */
  cyclesPerNs: number;
}

export interface Charge {
  /** Owner code (the model's partition numbering); -1 = none. */
  part: number;
  lp: number;
  vp?: number;
  /** Resource the hop occupies; default: `lp` when cycles > 0. -1 = none. */
  res?: number;
  /** Occupancy of `res`, ns; default cycles / cyclesPerNs. */
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
  /** May miss a translation cache (FLAG_MISS). */
  miss?: boolean;
  /** Index for the event's `vm` (default: the builder's current vm). */
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
    private readonly costs: CostSource,
    /** Time scale for data hops (1 otherwise). */
    readonly scale = 1,
    /** When set, every hop lasts exactly this long and occupies nothing. */
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
    const row = o.cost ? this.costs.row(o.cost) : null;
    const scale = o.scaled === false ? 1 : this.scale;
    const lat = this.fixedLat ?? Math.max(1, Math.round((o.lat ?? row?.latencyNs ?? 1) * scale));
    const cycles = charge.part < 0 ? 0 : Math.round(o.cycles ?? row?.cycles ?? 0);
    const res = this.fixedLat !== null ? -1 : (charge.res ?? (cycles > 0 ? charge.lp : -1));
    const busy = Math.round((charge.busy ?? cycles / this.costs.cyclesPerNs) * scale);
    let kind = EK[o.kind ?? 'hop'];
    if (o.unverified ?? row?.unverified) kind |= FLAG_UNVERIFIED;
    if (o.miss) kind |= FLAG_MISS;
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
      COST: o.cost ? this.costs.index(o.cost) : -1,
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

  build(id: number, path: number, meta: { vmA?: number; genA?: number; vmB?: number; genB?: number; flow?: number; reply?: boolean } = {}): Route {
    const code = Int32Array.from(this.code);
    return {
      id,
      code,
      steps: code.length / STEP,
      path,
      vmA: meta.vmA ?? -1,
      genA: meta.genA ?? 0,
      vmB: meta.vmB ?? -1,
      genB: meta.genB ?? 0,
      flow: meta.flow ?? -1,
      reply: meta.reply ?? false,
    };
  }
}
