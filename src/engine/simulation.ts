/**
 * The discrete-event engine: `createSimulation(config, { seed })`.
 *
 * Invariants
 * - Time is integer ns of simulated time; the queue is ordered by (time, seq), so same-time events
 *   run in the order they were scheduled and a run is reproducible byte for byte.
 * - Trace events are emitted in non-decreasing `t` order; `seq` is their global order.
 * - Accounting: sent = delivered + dropped + inFlight, for data packets (flow traffic). Control
 *   messages and signal tokens are not data and are not counted.
 * - The engine never reads the wall clock, never calls Math.random, and uses only ES2022.
 *
 * Hot-path design: packets, control messages and signal "tokens" are movers stored as
 * struct-of-arrays and run compiled route programs (paths/route.ts); the trace is a ring of
 * typed arrays; TraceEvent objects are created only for subscribers, snapshot() and history.
 */
import { buildTopology, vswitchChain } from './topology';
import { Scheduler } from './scheduler';
import { createPrng, type Prng } from './prng';
import { COST_TABLE, MODEL, cost } from './costs';
import { cloneConfig } from './config';
import * as Mx from './metrics';
import { LatencyHistogram, PathCounters } from './metrics';
import { DST_PORT, ENC, EXTERNAL_IP, EXTERNAL_MAC, RING_BYTES_COMP, buildFrame, encapsulation, frameBytesOf, vmIp, vmMac } from './packets';
import * as R from './paths/route';
import { RouteBuilder, partGuest, type Route } from './paths/route';
import type { DataPath, PathCtx, VmPlace } from './paths/context';
import { composeRoute, type RouteSpec } from './paths/compose';
import { registerAccess, resumeVp } from './paths/emulated';
import { createStation, type Station } from './vmbus';
import { placement } from './cpu';
import type {
  AdapterKind,
  ConfigChange,
  FaultEvent,
  FaultKind,
  InFlightBuffer,
  Metrics,
  PacketInfo,
  PartitionId,
  PathKind,
  SimConfig,
  Simulation,
  SimulationOptions,
  Snapshot,
  Topology,
  TraceEvent,
  Unsubscribe,
  VmConfig,
  VmId,
  VmState,
} from './types';
import * as T from './types';


// Hot constants copied into module-local bindings: imported bindings can compile to getters
// (tsx/CommonJS interop), which the hot loop must not pay for. Values mirror paths/route.ts and vmbus.ts.
const F_OP = 0;
const F_FROM = 1;
const F_TO = 2;
const F_KIND = 3;
const F_DETAIL = 4;
const F_NOTE = 5;
const F_LAT = 6;
const F_BUSY = 7;
const F_RES = 8;
const F_PART = 9;
const F_LP = 10;
const F_VP = 11;
const F_CYC = 12;
const F_COST = 13;
const F_ENC = 14;
const F_ARG = 15;
const F_VM = 16;
const F_ARG2 = 17;
const OP_HOP = 1;
const OP_SEND = 2;
const OP_DELIVER = 3;
const OP_DROP = 4;
const OP_LINK_CHECK = 5;
const OP_PUT = 6;
const OP_COMMIT = 7;
const OP_FORK = 8;
const OP_ACTION = 9;
const OP_ADMIT = 11;
const ST_RING = 0;
const ST_NICQ = 1;
const ST_VFQ = 2;
const ST_LEGACY = 3;
const RD_IDLE = 0;
const RD_WAKING = 1;
const RD_DRAINING = 2;
const EK_vmexit = 1;
const EK_hypercall = 2;
const EK_interrupt = 3;
const EK_copy = 4;
const EK_send = 6;
const EK_deliver = 7;
const EK_drop = 8;
const EK_ring = 9;
const M = { ...MODEL };
const { ACT, ADMIT, EK, EVENT_KINDS, FLAG_IOMMU, FLAG_UNVERIFIED, KIND_MASK, PART_HV, PART_ROOT, PATH_INDEX, STEP } = R;
const { BUCKET_NS, WINDOW_BUCKETS } = Mx;
const { PATH_KINDS } = T;
const COSTS_ROWS = [...COST_TABLE];
const STEP_ = STEP;
const FLAG_IOMMU_ = FLAG_IOMMU;
const FLAG_UNVERIFIED_ = FLAG_UNVERIFIED;
const KIND_MASK_ = KIND_MASK;
const H14_NS = cost('H14').latencyNs;

// Scheduler op codes.
const Q_HOP_END = 1;
const Q_HOP_START = 2;
const Q_FLOW = 3;
const Q_READER = 4;
const Q_MOD_TIMER = 5;
const Q_CALLBACK = 6;
const Q_FAULT = 7;
const Q_RETX = 8;

// Mover kinds.
const MK_DATA = 0;
const MK_CONTROL = 1;
const MK_TOKEN = 2;

const MAX_PARTS = 2 + 128;
const DEFAULT_MAX_EVENTS = 20_000;
/** Host WS2022: VMBus 5.3, NVSP 6.1 (facts §2.1, §3.1). */
const VMBUS_VERSION = '5.3';

interface VmRt extends VmPlace {
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
  hostCompPending: number;
  guestCompPending: number;
  ctlBusy: boolean;
  ctlQueue: (() => void)[];
  tokenCache: Map<string, number>;
  counters: PathCounters;
}

type Step = (next: () => void) => void;

/** Create a simulation. Never reads the wall clock; same config + seed ⇒ same trace. */
export function createSimulation(config: SimConfig, options: SimulationOptions): Simulation {
  return new Engine(config, options);
}

export class Engine implements Simulation {
  readonly seed: number;
  private cfg: SimConfig;
  private readonly rng: Prng;
  private readonly sched = new Scheduler(4096);
  private nowNs = 0;
  private readonly lg: boolean;
  private readonly scale: number;
  private readonly L: number;

  // Interned strings: component ids, details, notes.
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();

  // Routes.
  private readonly routes: Route[] = [];
  private readonly routeCache = new Map<number, number>();

  // Movers (struct of arrays).
  private cap = 0;
  private hw = 0;
  private freeHead = -1;
  private mAlive = new Uint8Array(0);
  private mKind = new Uint8Array(0);
  private mRoute = new Int32Array(0);
  private mPc = new Int32Array(0);
  private mId = new Float64Array(0);
  private mCause = new Float64Array(0);
  private mFlow = new Int32Array(0);
  private mReply = new Uint8Array(0);
  private mL4 = new Int32Array(0);
  private mCreated = new Float64Array(0);
  private mStart = new Float64Array(0);
  private mEnd = new Float64Array(0);
  private mOnHop = new Uint8Array(0);
  private mFrom = new Int32Array(0);
  private mTo = new Int32Array(0);
  private mAt = new Int32Array(0);
  private mEnc = new Uint8Array(0);
  private mPath = new Uint8Array(0);
  private mMsg = new Int32Array(0);
  private mNote = new Int32Array(0);
  private mRingBytes = new Int32Array(0);
  private mCb = new Int32Array(0);
  private mNext = new Int32Array(0);
  private nextPacketId = 0;

  // Host model.
  private readonly vms: VmRt[] = [];
  private readonly vmIndex = new Map<string, number>();
  private readonly stations: Station[] = [];
  private nicqs: number[] = [];
  private resFree = new Float64Array(0);
  private resCount = 0;
  private wireTxRes = 0;
  private wireRxRes = 0;
  private vmqOwner: number[] = [];
  private vfOwner: number[] = [];
  private connectOrder: number[] = [];
  private linkUp = true;
  private flowEpoch = 0;
  private flowNextSeq: number[] = [];
  private readonly callbacks: ((() => void) | undefined)[] = [];
  private readonly freeCallbacks: number[] = [];
  private topo: Topology | null = null;
  private topoVersion = 0;
  private linkLookup: Map<number, number> | null = null;
  private linkLookupVersion = -1;

  // Trace ring.
  private readonly maxEvents: number;
  private readonly ringCap: number;
  private readonly ringMask: number;
  private eventCount = 0;
  private lastSnapshotSeq = 0;
  private readonly tT: Float64Array;
  private readonly tK: Uint8Array;
  private readonly tP: Float64Array;
  private readonly tFrom: Int32Array;
  private readonly tTo: Int32Array;
  private readonly tPath: Uint8Array;
  private readonly tPart: Int16Array;
  private readonly tLp: Int16Array;
  private readonly tVp: Int16Array;
  private readonly tCyc: Float64Array;
  private readonly tDetail: Int32Array;
  private readonly tDur: Float64Array;
  private readonly tVm: Int16Array;
  private readonly tCost: Int16Array;
  private readonly tNote: Int32Array;
  private readonly tUnv: Uint8Array;
  private readonly listeners = new Set<(e: TraceEvent) => void>();

  // Metrics.
  private sent = 0;
  private delivered = 0;
  private dropped = 0;
  private readonly dropsByReason = new Map<string, number>();
  private readonly perPath = [new PathCounters(), new PathCounters(), new PathCounters(), new PathCounters()];
  private readonly lpCycles: Float64Array;
  private readonly lpPart: Float64Array;
  private readonly lpWin: Float64Array;
  private readonly partCycles = new Float64Array(MAX_PARTS);
  private bucket = 0;

  private disposed = false;
  // Interned ids of details used on hot paths.
  private readonly idMask1: number;
  private readonly idMask1Note: number;
  private readonly idMask0: number;
  private readonly idMask0Note: number;

  constructor(config: SimConfig, options: SimulationOptions) {
    this.seed = options.seed >>> 0;
    this.cfg = cloneConfig(config);
    this.rng = createPrng(this.seed ^ 0x9e3779b9);
    this.lg = config.loadGenerator !== undefined;
    this.scale = config.loadGenerator?.hopTimeScale ?? 1;
    this.L = config.logicalProcessors;
    this.maxEvents = Math.max(1, options.maxEventsPerSnapshot ?? DEFAULT_MAX_EVENTS);
    let cap = 1 << 16;
    while (cap < this.maxEvents) cap <<= 1;
    this.ringCap = cap;
    this.ringMask = cap - 1;
    this.tT = new Float64Array(cap);
    this.tK = new Uint8Array(cap);
    this.tP = new Float64Array(cap);
    this.tFrom = new Int32Array(cap);
    this.tTo = new Int32Array(cap);
    this.tPath = new Uint8Array(cap);
    this.tPart = new Int16Array(cap);
    this.tLp = new Int16Array(cap);
    this.tVp = new Int16Array(cap);
    this.tCyc = new Float64Array(cap);
    this.tDetail = new Int32Array(cap);
    this.tDur = new Float64Array(cap);
    this.tVm = new Int16Array(cap);
    this.tCost = new Int16Array(cap);
    this.tNote = new Int32Array(cap);
    this.tUnv = new Uint8Array(cap);
    this.lpCycles = new Float64Array(this.L);
    this.lpPart = new Float64Array(this.L * MAX_PARTS);
    this.lpWin = new Float64Array(this.L * WINDOW_BUCKETS);
    this.growMovers(1024);
    this.idMask1 = this.intern('interrupt_mask=1');
    this.idMask1Note = this.intern('reader draining: writer does not signal');
    this.idMask0 = this.intern('interrupt_mask=0');
    this.idMask0Note = this.intern('ring empty: reader unmasks and re-checks');

    // Resources: LPs, then the physical link's two directions, then per-VM serialisers.
    this.resCount = this.L;
    this.wireTxRes = this.newResource();
    this.wireRxRes = this.newResource();

    const q = this.cfg.nic.vmqQueues;
    this.vmqOwner = new Array<number>(q + 1).fill(-1);
    this.vfOwner = new Array<number>(this.cfg.nic.vfCount + 1).fill(-1);
    for (let k = 0; k <= q; k++) {
      const st = createStation(this.stations.length, ST_NICQ, k === 0 ? 'nic.queue.default' : `nic.queue.${k}`, -1);
      st.limit = M.nicQueueDescriptors;
      st.q = k;
      this.stations.push(st);
      this.nicqs.push(st.id);
    }
    this.hostStart();
    for (const v of this.cfg.vms) this.addVm(v, 0);
    this.startFlows();
    this.cfg.faults.forEach((f, i) => this.sched.push(f.atNs, Q_FAULT, i));
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------------

  get config(): Readonly<SimConfig> {
    return this.cfg;
  }

  private intern(s: string): number {
    let id = this.nameIds.get(s);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(s);
      this.nameIds.set(s, id);
    }
    return id;
  }

  private newResource(): number {
    const id = this.resCount++;
    if (id >= this.resFree.length) {
      const n = new Float64Array(Math.max(64, this.resFree.length * 2));
      n.set(this.resFree);
      this.resFree = n;
    }
    return id;
  }

  private callback(fn: () => void): number {
    const id = this.freeCallbacks.pop() ?? this.callbacks.length;
    this.callbacks[id] = fn;
    return id;
  }

  private runCallback(id: number): void {
    const fn = this.callbacks[id];
    this.callbacks[id] = undefined;
    this.freeCallbacks.push(id);
    fn?.();
  }

  private later(dt: number, fn: () => void): void {
    this.sched.push(this.nowNs + Math.max(0, Math.round(dt)), Q_CALLBACK, this.callback(fn));
  }

  /**
   * A route builder. Data routes are scaled by the load generator's hopTimeScale; in load-generator
   * mode control and token routes take 1 ns per hop so that every VM is up at once.
   */
  private builder(scaled: boolean): RouteBuilder {
    return new RouteBuilder((s) => this.intern(s), scaled ? this.scale : 1, !scaled && this.lg ? 1 : null);
  }

  private addRoute(build: (id: number) => Route): number {
    // Reserve the id first: building may compile nested token routes (e.g. a resume token).
    const id = this.routes.length;
    this.routes.push(undefined as unknown as Route);
    this.routes[id] = build(id);
    return id;
  }

  private invalidateRoutes(): void {
    this.routeCache.clear();
  }

  private vmOf(id: string | undefined): number {
    if (id === undefined) return -1;
    const vi = this.vmIndex.get(id);
    return vi === undefined || !this.vms[vi]?.alive ? -1 : vi;
  }

  private queueLp(q: number): number {
    return q === 0 ? 0 : 1 + ((q - 1) % (this.L - 1));
  }

  // ---------------------------------------------------------------------------------------------
  // Movers
  // ---------------------------------------------------------------------------------------------

  private growMovers(n: number): void {
    const old = this.cap;
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T, C: new (k: number) => T): T => {
      const x = new C(n);
      x.set(a);
      return x;
    };
    this.mAlive = g(this.mAlive, Uint8Array);
    this.mKind = g(this.mKind, Uint8Array);
    this.mRoute = g(this.mRoute, Int32Array);
    this.mPc = g(this.mPc, Int32Array);
    this.mId = g(this.mId, Float64Array);
    this.mCause = g(this.mCause, Float64Array);
    this.mFlow = g(this.mFlow, Int32Array);
    this.mReply = g(this.mReply, Uint8Array);
    this.mL4 = g(this.mL4, Int32Array);
    this.mCreated = g(this.mCreated, Float64Array);
    this.mStart = g(this.mStart, Float64Array);
    this.mEnd = g(this.mEnd, Float64Array);
    this.mOnHop = g(this.mOnHop, Uint8Array);
    this.mFrom = g(this.mFrom, Int32Array);
    this.mTo = g(this.mTo, Int32Array);
    this.mAt = g(this.mAt, Int32Array);
    this.mEnc = g(this.mEnc, Uint8Array);
    this.mPath = g(this.mPath, Uint8Array);
    this.mMsg = g(this.mMsg, Int32Array);
    this.mNote = g(this.mNote, Int32Array);
    this.mRingBytes = g(this.mRingBytes, Int32Array);
    this.mCb = g(this.mCb, Int32Array);
    this.mNext = g(this.mNext, Int32Array);
    this.cap = n;
    // Free list in ascending slot order for cache locality.
    for (let i = n - 1; i >= old; i--) {
      this.mNext[i] = this.freeHead;
      this.freeHead = i;
    }
  }

  private alloc(kind: number, route: number): number {
    if (this.freeHead < 0) this.growMovers(this.cap * 2);
    const s = this.freeHead;
    this.freeHead = this.mNext[s] as number;
    if (s >= this.hw) this.hw = s + 1;
    const r = this.routes[route] as Route;
    this.mAlive[s] = 1;
    this.mKind[s] = kind;
    this.mRoute[s] = route;
    this.mPc[s] = 0;
    this.mId[s] = kind === MK_TOKEN ? -1 : this.nextPacketId++;
    this.mCause[s] = -1;
    this.mFlow[s] = r.flow;
    this.mReply[s] = r.reply ? 1 : 0;
    this.mL4[s] = 0;
    this.mCreated[s] = this.nowNs;
    this.mOnHop[s] = 0;
    this.mFrom[s] = -1;
    this.mTo[s] = -1;
    this.mAt[s] = -1;
    this.mEnc[s] = 0;
    this.mPath[s] = r.path;
    this.mMsg[s] = -1;
    this.mNote[s] = -1;
    this.mRingBytes[s] = 0;
    this.mCb[s] = -1;
    this.mNext[s] = -1;
    return s;
  }

  private free(s: number): void {
    this.mAlive[s] = 0;
    this.mOnHop[s] = 0;
    this.mNext[s] = this.freeHead;
    this.freeHead = s;
  }

  /** Spawn an invisible token (signal, interrupt, completion batch) and run it. */
  private spawnToken(route: number, cause: number, path: number, ringBytes = 0, note = -1): void {
    const s = this.alloc(MK_TOKEN, route);
    this.mCause[s] = cause;
    this.mPath[s] = path;
    this.mRingBytes[s] = ringBytes;
    this.mNote[s] = note;
    this.runMover(s);
  }

  private eventPacket(s: number): number {
    return this.mKind[s] === MK_TOKEN ? (this.mCause[s] as number) : (this.mId[s] as number);
  }

  /**
   * Run a mover's program from its current step until it starts a hop, parks in a station or
   * ends. Returns the end time of the hop it started (or now).
   */
  private runMover(s: number): number {
    for (;;) {
      const route = this.routes[this.mRoute[s] as number] as Route;
      const code = route.code;
      const b = (this.mPc[s] as number) * STEP_;
      const op = code[b + F_OP] as number;
      switch (op) {
        case OP_HOP: {
          const now = this.nowNs;
          const res = code[b + F_RES] as number;
          let start = now;
          if (res >= 0 && !this.lg) {
            const free = this.resFree[res] as number;
            if (free > start) start = free;
            this.resFree[res] = start + (code[b + F_BUSY] as number);
          }
          let lat = code[b + F_LAT] as number;
          if ((code[b + F_KIND] as number) & FLAG_IOMMU_ && this.rng.next() < M.iotlbMissProbability) lat += H14_NS * this.scale;
          this.mStart[s] = start;
          this.mEnd[s] = start + lat;
          this.mFrom[s] = code[b + F_FROM] as number;
          this.mTo[s] = code[b + F_TO] as number;
          if (start > now) {
            this.mOnHop[s] = 0;
            this.mAt[s] = code[b + F_FROM] as number;
            this.sched.push(start, Q_HOP_START, s);
          } else {
            this.beginHop(s, code, b);
            this.sched.push(start + lat, Q_HOP_END, s);
          }
          return start + lat;
        }
        case OP_SEND: {
          this.mAt[s] = code[b + F_FROM] as number;
          this.mEnc[s] = code[b + F_ENC] as number;
          if (this.mKind[s] === MK_DATA) this.sent++;
          this.emit(EK_send, this.mId[s] as number, code[b + F_FROM] as number, code[b + F_TO] as number, route.path, -1, -1, -1, 0, code[b + F_DETAIL] as number, 0, code[b + F_VM] as number, -1, -1, false);
          this.mPc[s] = (this.mPc[s] as number) + 1;
          continue;
        }
        case OP_DELIVER:
          this.deliver(s, route, code, b);
          return this.nowNs;
        case OP_DROP:
          this.dropMover(s, code[b + F_DETAIL] as number, code[b + F_FROM] as number, code[b + F_VM] as number, code[b + F_NOTE] as number);
          return this.nowNs;
        case OP_LINK_CHECK:
          if (!this.linkUp) {
            this.dropMover(s, code[b + F_DETAIL] as number, code[b + F_FROM] as number, code[b + F_VM] as number, -1);
            return this.nowNs;
          }
          this.mPc[s] = (this.mPc[s] as number) + 1;
          continue;
        case OP_PUT: {
          if (!this.routeValid(route)) {
            this.dropMover(s, this.intern('vm-removed'), code[b + F_FROM] as number, code[b + F_VM] as number, -1);
            return this.nowNs;
          }
          if (this.lg) {
            this.mPc[s] = (this.mPc[s] as number) + 1;
            continue;
          }
          const r = this.stationPut(this.stations[code[b + F_ARG] as number] as Station, s, code, b);
          if (r === 1) {
            this.mPc[s] = (this.mPc[s] as number) + 1;
            continue;
          }
          return this.nowNs;
        }
        case OP_COMMIT: {
          if (this.lg) {
            this.mPc[s] = (this.mPc[s] as number) + 1;
            continue;
          }
          this.mAt[s] = code[b + F_FROM] as number;
          this.stationCommit(this.stations[code[b + F_ARG] as number] as Station, s, code, b);
          return this.nowNs;
        }
        case OP_FORK:
          this.spawnToken(code[b + F_ARG] as number, this.eventPacket(s), this.mPath[s] as number);
          this.mPc[s] = (this.mPc[s] as number) + 1;
          continue;
        case OP_ACTION:
          this.mPc[s] = (this.mPc[s] as number) + 1;
          this.action(code[b + F_ARG] as number, code[b + F_ARG2] as number, s);
          if (!this.mAlive[s]) return this.nowNs;
          continue;
        case OP_ADMIT:
          if (!this.admit(code[b + F_ARG] as number, code[b + F_ARG2] as number)) {
            this.dropMover(s, code[b + F_DETAIL] as number, code[b + F_FROM] as number, code[b + F_VM] as number, -1);
            return this.nowNs;
          }
          this.mPc[s] = (this.mPc[s] as number) + 1;
          continue;
        default:
          // OP_END
          this.free(s);
          return this.nowNs;
      }
    }
  }

  private routeValid(r: Route): boolean {
    if (r.vmA >= 0 && (this.vms[r.vmA] as VmRt).gen !== r.genA) return false;
    if (r.vmB >= 0 && (this.vms[r.vmB] as VmRt).gen !== r.genB) return false;
    return true;
  }

  private beginHop(s: number, code: Int32Array, b: number): void {
    this.mOnHop[s] = 1;
    this.mEnc[s] = code[b + F_ENC] as number;
    const note = this.mNote[s] as number;
    const kind = code[b + F_KIND] as number;
    this.emit(
      kind & KIND_MASK_,
      this.eventPacket(s),
      code[b + F_FROM] as number,
      code[b + F_TO] as number,
      this.mPath[s] as number,
      code[b + F_PART] as number,
      code[b + F_LP] as number,
      code[b + F_VP] as number,
      code[b + F_CYC] as number,
      code[b + F_DETAIL] as number,
      (this.mEnd[s] as number) - (this.mStart[s] as number),
      code[b + F_VM] as number,
      code[b + F_COST] as number,
      note >= 0 ? note : (code[b + F_NOTE] as number),
      (kind & FLAG_UNVERIFIED_) !== 0,
    );
  }

  private deliver(s: number, route: Route, code: Int32Array, b: number): void {
    const vi = code[b + F_VM] as number;
    if (!this.routeValid(route)) {
      this.dropMover(s, this.intern('vm-removed'), code[b + F_FROM] as number, vi, -1);
      return;
    }
    const id = this.mId[s] as number;
    this.emit(EK_deliver, id, code[b + F_FROM] as number, code[b + F_TO] as number, route.path, -1, -1, -1, 0, code[b + F_DETAIL] as number, 0, vi, -1, -1, false);
    if (this.mKind[s] === MK_DATA) {
      this.delivered++;
      const lat = this.nowNs - (this.mCreated[s] as number);
      const fi = this.mFlow[s] as number;
      const flow = this.cfg.flows[fi];
      const bytes = flow ? frameBytesOf(flow.packetBytes, null) : 0;
      const bi = this.bucket % WINDOW_BUCKETS;
      const pc = this.perPath[route.path] as PathCounters;
      pc.packets++;
      pc.bytes += bytes;
      pc.latency.add(lat);
      pc.windowBytes[bi] = (pc.windowBytes[bi] as number) + bytes;
      const vm = this.vms[vi];
      if (vm) {
        const c = vm.counters;
        c.packets++;
        c.bytes += bytes;
        c.latency.add(lat);
        c.windowBytes[bi] = (c.windowBytes[bi] as number) + bytes;
      }
      // TCP-like request/response and ICMP echo: the receiver answers each request once.
      if (flow && !this.mReply[s] && (flow.protocol === 'tcp' || flow.protocol === 'icmp') && this.flowActive(fi)) {
        this.createPacket(fi, true, this.mL4[s] as number);
      }
    }
    this.free(s);
  }

  private dropMover(s: number, reason: number, at: number, vi: number, note: number): void {
    const id = this.eventPacket(s);
    this.emit(EK_drop, id, at, at, this.mPath[s] as number, -1, -1, -1, 0, reason, 0, vi, -1, note, false);
    if (this.mKind[s] === MK_DATA) {
      this.dropped++;
      const name = this.names[reason] as string;
      this.dropsByReason.set(name, (this.dropsByReason.get(name) ?? 0) + 1);
      const vm = this.vms[vi];
      if (vm) vm.counters.drops++;
      const fi = this.mFlow[s] as number;
      const flow = this.cfg.flows[fi];
      // TCP-like flows recover: the sender retransmits the request after a (compressed) RTO.
      if (flow && flow.protocol === 'tcp') this.sched.push(this.nowNs + M.tcpRtoNs, Q_RETX, fi, this.mL4[s] as number);
    }
    this.free(s);
  }

  // ---------------------------------------------------------------------------------------------
  // Stations: VMBus rings, NIC queues, VF queues, the tulip RX ring
  // ---------------------------------------------------------------------------------------------

  private enqueue(st: Station, s: number): void {
    this.mNext[s] = -1;
    if (st.tail >= 0) this.mNext[st.tail] = s;
    else st.head = s;
    st.tail = s;
    st.count++;
  }

  private dequeue(st: Station): number {
    const s = st.head;
    st.head = this.mNext[s] as number;
    if (st.head < 0) st.tail = -1;
    st.count--;
    this.mNext[s] = -1;
    return s;
  }

  /** 1 = continue, 0 = parked or dropped. */
  private stationPut(st: Station, s: number, code: Int32Array, b: number): number {
    const at = code[b + F_FROM] as number;
    const vi = code[b + F_VM] as number;
    if (st.kind === ST_RING) {
      const bytes = (code[b + F_BUSY] as number) || (this.mRingBytes[s] as number);
      this.mRingBytes[s] = bytes;
      // facts §2.3: the writer refuses a packet when free space ≤ its size.
      if (st.size - st.used <= bytes || st.blockedCount > 0) {
        const data = this.mKind[s] === MK_DATA;
        if (!data || (st.guestWriter && st.blockedCount < M.guestTxBacklog)) {
          // Writer blocks and posts pending_send_sz (facts §2.3 rule 3).
          if (st.blockedTail >= 0) this.mNext[st.blockedTail] = s;
          else st.blockedHead = s;
          st.blockedTail = s;
          this.mNext[s] = -1;
          st.blockedCount++;
          this.mAt[s] = at;
          if (st.pendingSendSz === 0) {
            st.pendingSendSz = bytes;
            this.emit(EK_ring, this.eventPacket(s), this.intern(st.name), this.intern(st.name), this.mPath[s] as number, -1, -1, -1, 0, this.intern('pending_send_sz'), 0, vi, -1, this.intern(`ring full: writer blocks until ${bytes} B are free`), false);
          }
          return 0;
        }
        this.dropMover(s, this.intern('ring-full'), at, vi, -1);
        return 0;
      }
      st.used += bytes;
      return 1;
    }
    if (st.kind === ST_NICQ || st.kind === ST_VFQ) {
      if (st.count >= st.limit) {
        this.dropMover(s, this.intern(st.kind === ST_NICQ ? 'nic-queue-full' : 'vf-queue-full'), at, vi, -1);
        return 0;
      }
      return 1;
    }
    return 1;
  }

  private stationCommit(st: Station, s: number, code: Int32Array, b: number): void {
    const wasEmpty = st.count === 0;
    this.enqueue(st, s);
    if (st.kind === ST_RING) {
      const bytes = this.mRingBytes[s] as number;
      st.writeIndex = (st.writeIndex + bytes) % st.size;
      if (st.used > st.peakBytes) st.peakBytes = st.used;
      const vm = this.vms[st.vi];
      if (vm) {
        if (st.guestWriter) vm.counters.ringOutPeak = Math.max(vm.counters.ringOutPeak, st.used);
        else vm.counters.ringInPeak = Math.max(vm.counters.ringInPeak, st.used);
      }
      // facts §2.3 rule 1: signal only on empty → non-empty while the reader's mask is 0.
      if (wasEmpty && !st.mask && st.reader === RD_IDLE) {
        st.reader = RD_WAKING;
        const writerLp = code[b - STEP_ + F_LP] as number;
        this.spawnToken(this.signalRoute(st, writerLp), this.eventPacket(s), this.mPath[s] as number);
      }
      return;
    }
    if (st.kind === ST_NICQ || st.kind === ST_VFQ) {
      // H17 moderation: interrupt after 5 packets or 10 µs; none while the DPC/NAPI runs.
      if (st.reader !== RD_IDLE) return;
      st.modCount++;
      if (st.modCount >= M.moderationPackets) this.fireInterrupt(st, this.eventPacket(s), this.mPath[s] as number);
      else if (!st.timerArmed) {
        st.timerArmed = true;
        st.timerCause = this.eventPacket(s);
        st.timerPath = this.mPath[s] as number;
        this.sched.push(this.nowNs + M.moderationNs, Q_MOD_TIMER, st.id);
      }
      return;
    }
    // Tulip RX ring: raise the (virtual) interrupt unless the ISR runs (facts §9.7 step 3).
    st.timerCause = this.eventPacket(s);
    this.raiseLegacyIrq(st);
  }

  private fireInterrupt(st: Station, cause: number, path: number): void {
    st.reader = RD_WAKING;
    st.modCount = 0;
    this.spawnToken(this.signalRoute(st, -1), cause, path);
  }

  private onModTimer(st: Station): void {
    st.timerArmed = false;
    if (st.reader === RD_IDLE && st.count > 0) this.fireInterrupt(st, st.timerCause, st.timerPath);
  }

  private wake(st: Station): void {
    st.reader = RD_DRAINING;
    if (st.kind === ST_RING) {
      // facts §2.3 rule 2 / §3.5: the reader masks while draining.
      st.mask = true;
      const n = this.intern(st.name);
      this.emit(EK_ring, -1, n, n, PATH_INDEX.synthetic, -1, -1, -1, 0, this.idMask1, 0, st.vi, -1, this.idMask1Note, false);
    }
    this.drain(st);
  }

  private drain(st: Station): void {
    st.readerScheduled = false;
    if (st.reader !== RD_DRAINING) return;
    if (this.nowNs < st.pausedUntil) {
      st.readerScheduled = true;
      this.sched.push(st.pausedUntil, Q_READER, st.id);
      return;
    }
    if (st.count === 0) {
      if (st.kind === ST_RING) {
        // Unmask, barrier, re-check (facts §2.3 rule 2); nothing can arrive in between here.
        st.mask = false;
        const n = this.intern(st.name);
        this.emit(EK_ring, -1, n, n, PATH_INDEX.synthetic, -1, -1, -1, 0, this.idMask0, 0, st.vi, -1, this.idMask0Note, false);
      }
      st.reader = RD_IDLE;
      st.modCount = 0;
      if (st.kind === ST_RING && st.vi >= 0) {
        if (st.guestWriter) this.flushHostCompletions(st.vi);
        else this.flushGuestCompletions(st.vi);
      }
      return;
    }
    const s = this.dequeue(st);
    if (st.kind === ST_RING) {
      const bytes = this.mRingBytes[s] as number;
      st.used -= bytes;
      st.readIndex = (st.readIndex + bytes) % st.size;
      // facts §2.3 rule 3: signal a blocked writer once pending_send_sz fits.
      if (st.pendingSendSz > 0 && st.size - st.used > st.pendingSendSz) {
        st.pendingSendSz = 0;
        this.spawnToken(this.unblockRoute(st), this.eventPacket(s), this.mPath[s] as number);
      }
    }
    this.mPc[s] = (this.mPc[s] as number) + 1;
    const end = this.runMover(s);
    st.readerScheduled = true;
    this.sched.push(end > this.nowNs ? end : this.nowNs, Q_READER, st.id);
  }

  private unblock(st: Station): void {
    while (st.blockedHead >= 0) {
      const s = st.blockedHead;
      const bytes = this.mRingBytes[s] as number;
      if (st.size - st.used <= bytes) {
        if (st.pendingSendSz === 0) st.pendingSendSz = bytes;
        return;
      }
      st.blockedHead = this.mNext[s] as number;
      if (st.blockedHead < 0) st.blockedTail = -1;
      st.blockedCount--;
      st.used += bytes;
      this.mPc[s] = (this.mPc[s] as number) + 1;
      this.runMover(s);
    }
  }

  // --- The emulated NIC's interrupt service routine (facts §9.7 step 4; cost-model N2) -------

  private raiseLegacyIrq(st: Station): void {
    if (st.isrActive || st.irqPending) return;
    st.irqPending = true;
    this.spawnToken(this.signalRoute(st, -1), st.timerCause, PATH_INDEX.emulated);
  }

  private isrNext(st: Station): void {
    const vi = st.vi;
    switch (st.phase) {
      case 0:
        st.phase = 1;
        return this.register(st, vi, 'CSR5 read (interrupt status)');
      case 1:
        st.phase = 2;
        return this.register(st, vi, 'CSR7 write (mask interrupts)');
      case 2:
        st.phase = 3;
        st.txDonePending = false;
        return this.register(st, vi, 'CSR5 write (acknowledge)');
      case 3: {
        if (st.count > 0) {
          const s = this.dequeue(st);
          st.reserved--;
          this.mPc[s] = (this.mPc[s] as number) + 1;
          const end = this.runMover(s);
          this.sched.push(end > this.nowNs ? end : this.nowNs, Q_READER, st.id);
          return;
        }
        st.phase = 4;
        return this.register(st, vi, 'CSR5 read (re-check)');
      }
      case 4:
        if (st.count > 0) {
          st.phase = 3;
          return this.register(st, vi, 'CSR5 write (acknowledge)');
        }
        st.phase = 5;
        return this.register(st, vi, 'CSR8 read (missed-frame counter)');
      case 5:
        st.phase = 6;
        return this.register(st, vi, 'CSR7 write (unmask interrupts)');
      case 6: {
        st.phase = 7;
        this.spawnToken(this.eoiRoute(vi, st), st.timerCause, PATH_INDEX.emulated);
        return;
      }
      default:
        st.isrActive = false;
        if (st.count > 0 || st.txDonePending) this.raiseLegacyIrq(st);
    }
  }

  private register(st: Station, vi: number, reg: string): void {
    const vm = this.vms[vi] as VmRt;
    const key = `reg:${reg}`;
    let r = vm.tokenCache.get(key);
    if (r === undefined) {
      r = this.addRoute((id) => {
        const b = this.builder(false);
        registerAccess(b, vm, reg, { act: ACT.ISR_NEXT, arg: st.id });
        return b.build(id, 'emulated');
      });
      vm.tokenCache.set(key, r);
    }
    this.spawnToken(r, st.timerCause, PATH_INDEX.emulated);
  }

  // --- Token programs for signals and interrupts ---------------------------------------------

  /** Route of the signal/interrupt that wakes a station's reader, by writer LP. */
  private signalRoute(st: Station, writerLp: number): number {
    const key = st.kind === ST_RING ? writerLp : st.kind === ST_VFQ ? (this.vms[st.vi]?.vfAssigned ?? 0) : 0;
    let r = st.signalRoutes.get(key);
    if (r !== undefined) return r;
    r = this.addRoute((id) => {
      const b = this.builder(false);
      if (st.kind === ST_RING) {
        const vm = this.vms[st.vi] as VmRt;
        b.vm = vm.vi;
        if (st.guestWriter) {
          // Guest kicks the host (facts §9.3 step 4): HvCallSignalEvent → SynIC on a root VP (U).
          b.hop(`${vm.id}.netvsc`, 'hv', 'HvCallSignalEvent', { part: PART_HV, lp: vm.vpLp, res: -1 }, { kind: 'hypercall', cost: 'H4', note: 'ring was empty and the host reader is not masked' });
          b.hop('hv', 'root.vmbus', 'SynIC interrupt on a root VP (event flag of the channel)', { part: PART_HV, lp: vm.txLp, res: -1 }, { kind: 'interrupt', cost: 'H5', unverified: true, note: 'root-side delivery is unverified (facts §9.3 step 4 (U))' });
          b.hop('root.vmbus', `root.netvsp.${vm.id}`, 'channel callback: NetVSP starts draining', { part: PART_ROOT, lp: vm.txLp }, { cost: 'R1' });
        } else {
          const lp = writerLp >= 0 ? writerLp : vm.txLp;
          // Host kicks the guest (facts §9.4 step 4, §1.3).
          b.hop(`root.netvsp.${vm.id}`, 'hv', 'HvCallSignalEvent', { part: PART_HV, lp, res: -1 }, { kind: 'hypercall', cost: 'H4', note: 'ring was empty and the guest is not masked; which root component calls it is unverified', unverified: true });
          b.hop('hv', `${vm.id}.vmbus`, 'SIEF bit relid set; SINT2 interrupt on the channel target VP', { part: PART_HV, lp: vm.vpLp, res: -1 }, { kind: 'interrupt', cost: 'H5' });
          b.hop(`${vm.id}.vmbus`, `${vm.id}.netvsc`, 'VMBus ISR → NetVSC callback: mask, schedule NAPI', { part: partGuest(vm.vi), lp: vm.vpLp, vp: 0 }, { cost: 'G3' });
        }
      } else if (st.kind === ST_NICQ) {
        const lp = this.queueLp(st.q);
        b.hop(st.name, 'hv', `MSI-X (${st.q === 0 ? 'default queue' : `queue ${st.q}`})`, { part: -1, lp: -1 }, { kind: 'interrupt', cost: 'N2' });
        b.hop('hv', 'root.pf', `physical interrupt redirected to the root VP on LP ${lp}`, { part: PART_HV, lp, res: -1 }, { kind: 'interrupt', cost: 'H13', note: 'routing detail unverified (facts §9.4 step 1 (U))', unverified: true });
      } else if (st.kind === ST_VFQ) {
        const vm = this.vms[st.vi] as VmRt;
        b.vm = vm.vi;
        b.hop(`nic.vf.${key}`, 'hv', `MSI-X (VF ${key})`, { part: -1, lp: -1 }, { kind: 'interrupt', cost: 'N2', note: 'interrupt remapping by the IOMMU is unverified (facts §9.10 step 3 (U))', unverified: true });
        b.hop('hv', `${vm.id}.vf`, 'interrupt forwarded to the vCPU chosen by HvCallRetargetDeviceInterrupt', { part: PART_HV, lp: vm.vpLp, res: -1 }, { kind: 'interrupt', cost: 'H13' });
      } else {
        const vm = this.vms[st.vi] as VmRt;
        b.vm = vm.vi;
        b.hop(`root.vmwp.${vm.id}`, 'hv', 'HvCallAssertVirtualInterrupt', { part: PART_HV, lp: vm.txLp, res: -1 }, { kind: 'hypercall', cost: 'E2' });
        b.hop('hv', `${vm.id}.legacy`, 'virtual interrupt injected (tulip IRQ)', { part: PART_HV, lp: vm.vpLp, res: -1 }, { kind: 'interrupt', cost: 'H13' });
        b.action(ACT.ISR_START, st.id);
        b.end();
        return b.build(id, 'emulated');
      }
      b.action(ACT.WAKE, st.id);
      b.end();
      return b.build(id, st.kind === ST_VFQ ? 'sriov' : 'synthetic');
    });
    st.signalRoutes.set(key, r);
    return r;
  }

  private unblockRoute(st: Station): number {
    const key = -100;
    let r = st.signalRoutes.get(key);
    if (r !== undefined) return r;
    const vm = this.vms[st.vi] as VmRt;
    r = this.addRoute((id) => {
      const b = this.builder(false);
      b.vm = vm.vi;
      b.hop(`root.netvsp.${vm.id}`, 'hv', 'HvCallSignalEvent', { part: PART_HV, lp: vm.txLp, res: -1 }, { kind: 'hypercall', cost: 'H4', note: 'reader freed pending_send_sz: signal the blocked writer (facts §2.3 rule 3)' });
      b.hop('hv', `${vm.id}.vmbus`, 'SINT2 interrupt: ring space available', { part: PART_HV, lp: vm.vpLp, res: -1 }, { kind: 'interrupt', cost: 'H5' });
      b.hop(`${vm.id}.vmbus`, `${vm.id}.netvsc`, 'NetVSC send queue woken', { part: partGuest(vm.vi), lp: vm.vpLp, vp: 0 }, { cost: 'G3' });
      b.action(ACT.UNBLOCK, st.id);
      b.end();
      return b.build(id, 'synthetic');
    });
    st.signalRoutes.set(key, r);
    return r;
  }

  private eoiRoute(vi: number, st: Station): number {
    const vm = this.vms[vi] as VmRt;
    let r = vm.tokenCache.get('eoi');
    if (r !== undefined) return r;
    r = this.addRoute((id) => {
      const b = this.builder(false);
      b.vm = vi;
      b.hop(`${vm.id}.legacy`, 'hv', 'EOI (APIC write)', { part: PART_HV, lp: vm.vpLp }, { kind: 'vmexit', cost: 'H11', note: 'handled in the hypervisor; no AutoEOI for an emulated device (I4/I5)' });
      b.action(ACT.ISR_NEXT, st.id);
      b.end();
      return b.build(id, 'emulated');
    });
    vm.tokenCache.set('eoi', r);
    return r;
  }

  /** Completion batches (NVSP 108) written back through a ring; one ring entry per batch. */
  private compRoute(vm: VmRt, host: boolean): number {
    const key = host ? 'comp:host' : 'comp:guest';
    let r = vm.tokenCache.get(key);
    if (r !== undefined) return r;
    r = this.addRoute((id) => {
      const b = this.builder(false);
      b.vm = vm.vi;
      const g = { part: partGuest(vm.vi), lp: vm.vpLp, vp: 0 };
      const root = { part: PART_ROOT, lp: vm.txLp };
      if (host) {
        b.put(vm.in, `root.netvsp.${vm.id}`);
        b.hop(`root.netvsp.${vm.id}`, `${vm.id}.vmbus.in`, 'NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE (108)', root, { cost: 'H3', enc: ENC.NVSP });
        b.commit(vm.in, `${vm.id}.vmbus.in`);
        b.hop(`${vm.id}.vmbus.in`, `${vm.id}.netvsc`, 'NetVSC reads the completions and frees send sections', g, { cost: 'G1', enc: ENC.NVSP });
      } else {
        b.put(vm.out, `${vm.id}.netvsc`);
        b.hop(`${vm.id}.netvsc`, `${vm.id}.vmbus.out`, 'NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE (108)', g, { cost: 'H3', enc: ENC.NVSP });
        b.commit(vm.out, `${vm.id}.vmbus.out`);
        b.hop(`${vm.id}.vmbus.out`, `root.netvsp.${vm.id}`, 'NetVSP reads the completions and recycles receive sections', root, { cost: 'R2', enc: ENC.NVSP });
      }
      b.end();
      return b.build(id, 'synthetic');
    });
    vm.tokenCache.set(key, r);
    return r;
  }

  private flushHostCompletions(vi: number): void {
    const vm = this.vms[vi] as VmRt;
    const k = vm.hostCompPending;
    if (k === 0 || !vm.alive) return;
    vm.hostCompPending = 0;
    this.spawnToken(this.compRoute(vm, true), -1, PATH_INDEX.synthetic, k * RING_BYTES_COMP, this.intern(`${k} completion${k > 1 ? 's' : ''} (trans_id of each send)`));
  }

  private flushGuestCompletions(vi: number): void {
    const vm = this.vms[vi] as VmRt;
    const k = vm.guestCompPending;
    if (k === 0 || !vm.alive) return;
    vm.guestCompPending = 0;
    this.spawnToken(this.compRoute(vm, false), -1, PATH_INDEX.synthetic, k * RING_BYTES_COMP, this.intern(`${k} completion${k > 1 ? 's' : ''} (trans_id of each transfer-page packet)`));
  }

  private action(act: number, arg: number, _s: number): void {
    switch (act) {
      case ACT.WAKE:
        this.wake(this.stations[arg] as Station);
        return;
      case ACT.UNBLOCK:
        this.unblock(this.stations[arg] as Station);
        return;
      case ACT.HOST_SEND_DONE: {
        if (this.lg) return;
        const vm = this.vms[arg] as VmRt;
        vm.hostCompPending++;
        const out = this.stations[vm.out] as Station;
        if (vm.hostCompPending >= M.compFlushAt || out.reader === RD_IDLE) this.flushHostCompletions(arg);
        return;
      }
      case ACT.GUEST_RX_DONE: {
        if (this.lg) return;
        const vm = this.vms[arg] as VmRt;
        vm.guestCompPending++;
        if (vm.guestCompPending >= M.compFlushAt) this.flushGuestCompletions(arg);
        return;
      }
      case ACT.LEGACY_TX_DONE: {
        if (this.lg) return;
        const vm = this.vms[arg] as VmRt;
        vm.legacyTxOutstanding--;
        vm.legacyTxCount++;
        if (vm.legacyTxCount % M.tulipTxIrqEvery === 0) {
          const st = this.stations[vm.legacyRx] as Station;
          st.txDonePending = true;
          this.raiseLegacyIrq(st);
        }
        return;
      }
      case ACT.CALLBACK: {
        // Control routes are cached and shared: the callback id lives on the mover.
        const cb = this.mCb[_s] as number;
        this.mCb[_s] = -1;
        if (cb >= 0) this.runCallback(cb);
        else if (arg >= 0) this.runCallback(arg);
        return;
      }
      case ACT.ISR_START: {
        const st = this.stations[arg] as Station;
        st.irqPending = false;
        st.isrActive = true;
        st.phase = 0;
        this.isrNext(st);
        return;
      }
      case ACT.ISR_NEXT:
        this.isrNext(this.stations[arg] as Station);
        return;
    }
  }

  private admit(kind: number, vi: number): boolean {
    if (this.lg) return true;
    const vm = this.vms[vi] as VmRt;
    if (kind === ADMIT.LEGACY_TX) {
      if (vm.legacyTxOutstanding >= M.tulipTxRing + M.guestTxBacklog) return false;
      vm.legacyTxOutstanding++;
      return true;
    }
    const st = this.stations[vm.legacyRx] as Station;
    // No RX descriptor with OWN set: the frame is missed (CSR8 counter).
    if (st.reserved >= M.tulipRxRing) return false;
    st.reserved++;
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Trace
  // ---------------------------------------------------------------------------------------------

  private emit(kind: number, packet: number, from: number, to: number, path: number, part: number, lp: number, vp: number, cycles: number, detail: number, dur: number, vi: number, costI: number, note: number, unverified: boolean): void {
    const seq = this.eventCount++;
    const i = seq & this.ringMask;
    this.tT[i] = this.nowNs;
    this.tK[i] = kind;
    this.tP[i] = packet;
    this.tFrom[i] = from;
    this.tTo[i] = to;
    this.tPath[i] = path;
    this.tPart[i] = part;
    this.tLp[i] = lp;
    this.tVp[i] = vp;
    this.tCyc[i] = cycles;
    this.tDetail[i] = detail;
    this.tDur[i] = dur;
    this.tVm[i] = vi;
    this.tCost[i] = costI;
    this.tNote[i] = note;
    this.tUnv[i] = unverified ? 1 : 0;

    // Counters by kind and CPU charges (cost table rows → partition, LP, path, VM).
    const pc = this.perPath[path] as PathCounters;
    const vm = vi >= 0 ? this.vms[vi] : undefined;
    const vc = vm && path < 3 ? vm.counters : undefined;
    if (kind === EK_vmexit) {
      pc.vmExits++;
      if (vc) vc.vmExits++;
    } else if (kind === EK_hypercall) {
      pc.hypercalls++;
      if (vc) vc.hypercalls++;
    } else if (kind === EK_interrupt) {
      pc.interrupts++;
      if (vc) vc.interrupts++;
    } else if (kind === EK_copy) {
      pc.copies++;
      if (vc) vc.copies++;
    }
    if (part >= 0 && cycles > 0) {
      this.lpCycles[lp] = (this.lpCycles[lp] as number) + cycles;
      const k = lp * MAX_PARTS + part;
      this.lpPart[k] = (this.lpPart[k] as number) + cycles;
      const w = lp * WINDOW_BUCKETS + (this.bucket % WINDOW_BUCKETS);
      this.lpWin[w] = (this.lpWin[w] as number) + cycles;
      this.partCycles[part] = (this.partCycles[part] as number) + cycles;
      if (part === PART_ROOT) {
        pc.rootCycles += cycles;
        if (vc) vc.rootCycles += cycles;
      } else if (part === PART_HV) {
        pc.hvCycles += cycles;
        if (vc) vc.hvCycles += cycles;
      } else {
        pc.guestCycles += cycles;
        if (vc) vc.guestCycles += cycles;
      }
    }
    if (this.listeners.size > 0) {
      const e = this.eventAt(seq);
      for (const l of this.listeners) l(e);
    }
  }

  private partitionName(part: number): PartitionId {
    if (part === PART_ROOT) return 'root';
    if (part === PART_HV) return 'hv';
    return (this.vms[part - 2]?.id ?? `vm${part - 1}`) as VmId;
  }

  private eventAt(seq: number): TraceEvent {
    const i = seq & this.ringMask;
    const part = this.tPart[i] as number;
    const p = this.tP[i] as number;
    const vi = this.tVm[i] as number;
    const c = this.tCost[i] as number;
    const n = this.tNote[i] as number;
    const e: TraceEvent = {
      t: this.tT[i] as number,
      seq,
      kind: EVENT_KINDS[this.tK[i] as number] as TraceEvent['kind'],
      packet: p < 0 ? null : p,
      from: this.names[this.tFrom[i] as number] as string,
      to: this.names[this.tTo[i] as number] as string,
      path: PATH_KINDS[this.tPath[i] as number] as PathKind,
      cpu: part < 0 ? null : { partition: this.partitionName(part), lp: this.tLp[i] as number, vp: (this.tVp[i] as number) < 0 ? null : (this.tVp[i] as number), cycles: this.tCyc[i] as number },
      detail: this.names[this.tDetail[i] as number] as string,
      dur: this.tDur[i] as number,
      vm: vi < 0 ? null : ((this.vms[vi]?.id ?? null) as VmId | null),
      cost: c < 0 ? null : (COSTS_ROWS[c]?.id ?? null),
    };
    if (n >= 0) e.note = this.names[n] as string;
    if (this.tUnv[i]) e.unverified = true;
    return e;
  }

  /** Emit an instantaneous or timed event that moves no packet (config, fault, vmexit of a script). */
  private emitSimple(kind: keyof typeof EK, from: string, to: string, detail: string, o: { path?: PathKind; vi?: number; costId?: string; dur?: number; part?: number; lp?: number; vp?: number; cycles?: number; note?: string; unverified?: boolean; packet?: number } = {}): void {
    const row = o.costId ? cost(o.costId) : null;
    const cycles = o.cycles ?? row?.cycles ?? 0;
    this.emit(
      EK[kind],
      o.packet ?? -1,
      this.intern(from),
      this.intern(to),
      PATH_INDEX[o.path ?? 'control'],
      o.part ?? -1,
      o.part !== undefined && o.part >= 0 ? (o.lp ?? 0) : -1,
      o.vp ?? -1,
      o.part !== undefined && o.part >= 0 ? cycles : 0,
      this.intern(detail),
      o.dur ?? row?.latencyNs ?? 0,
      o.vi ?? -1,
      o.costId ? COSTS_ROWS.findIndex((r) => r.id === o.costId) : -1,
      o.note ? this.intern(o.note) : -1,
      o.unverified ?? row?.unverified ?? false,
    );
  }

  // ---------------------------------------------------------------------------------------------
  // VMs, placement, path context
  // ---------------------------------------------------------------------------------------------

  private addVm(v: VmConfig, _at: number): number {
    const vi = this.vms.length;
    const num = Number.parseInt(v.id.slice(2), 10);
    const place = placement(num, this.L);
    const mkRing = (dir: 'out' | 'in') => {
      const st = createStation(this.stations.length, ST_RING, `${v.id}.vmbus.${dir}`, vi);
      st.size = M.ringBytes;
      st.guestWriter = dir === 'out';
      this.stations.push(st);
      return st.id;
    };
    const out = mkRing('out');
    const inn = mkRing('in');
    const vfqSt = createStation(this.stations.length, ST_VFQ, `${v.id}.vf`, vi);
    vfqSt.limit = M.nicQueueDescriptors;
    this.stations.push(vfqSt);
    const legacySt = createStation(this.stations.length, ST_LEGACY, `${v.id}.legacy`, vi);
    this.stations.push(legacySt);
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
      vfq: vfqSt.id,
      legacyRx: legacySt.id,
      legacyTxRes: this.newResource(),
      legacyRxRes: this.newResource(),
      resumeToken: (reg: string): number => this.resumeTokenOf(vi, reg),
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
      hostCompPending: 0,
      guestCompPending: 0,
      ctlBusy: false,
      ctlQueue: [],
      tokenCache: new Map(),
      counters: new PathCounters(),
    };
    this.vms.push(vm);
    this.vmIndex.set(v.id, vi);
    this.bootVm(vi);
    return vi;
  }

  private resumeTokenOf(vi: number, reg: string): number {
    const vm = this.vms[vi] as VmRt;
    const key = `resume:${reg}`;
    let r = vm.tokenCache.get(key);
    if (r === undefined) {
      r = this.addRoute((id) => {
        const b = this.builder(false);
        b.vm = vi;
        resumeVp(b, vm, reg);
        b.end();
        return b.build(id, 'emulated');
      });
      vm.tokenCache.set(key, r);
    }
    return r;
  }

  private refreshPaths(vm: VmRt): void {
    const emulated = vm.cfg.adapter === 'emulated';
    vm.txPath = emulated ? 'emulated' : vm.vfDataPath ? 'sriov' : 'synthetic';
    vm.rxPath = emulated ? 'emulated' : vm.vfRx ? 'sriov' : 'synthetic';
    vm.vf = vm.vfAssigned;
    vm.rxQueue = this.cfg.vmq ? vm.vmqQueue : 0;
    // Only the routes of flows that touch this VM change.
    this.cfg.flows.forEach((f, fi) => {
      if (f.vm === vm.id || f.peerVm === vm.id) {
        this.routeCache.delete(fi * 2);
        this.routeCache.delete(fi * 2 + 1);
      }
    });
  }

  private pathCtx(): PathCtx {
    return {
      builder: () => this.builder(true),
      vm: (vi) => this.vms[vi] as VmRt,
      queueLp: (q) => this.queueLp(q),
      nicq: (q) => this.nicqs[q] as number,
      wireTxRes: this.wireTxRes,
      wireRxRes: this.wireRxRes,
      linkGbps: this.cfg.nic.linkGbps,
      chain: vswitchChain(this.cfg),
      lg: this.lg,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Flows
  // ---------------------------------------------------------------------------------------------

  private startFlows(): void {
    const epoch = ++this.flowEpoch;
    this.flowNextSeq = this.cfg.flows.map(() => 1);
    this.cfg.flows.forEach((f, i) => {
      this.sched.push(Math.max(this.nowNs, f.startNs ?? 0), Q_FLOW, i, epoch);
    });
  }

  private flowActive(fi: number): boolean {
    const f = this.cfg.flows[fi];
    if (!f) return false;
    const a = this.vmOf(f.vm);
    if (a < 0 || !(this.vms[a] as VmRt).dataReady) return false;
    if (f.direction === 'vm-to-vm') {
      const b = this.vmOf(f.peerVm);
      if (b < 0 || !(this.vms[b] as VmRt).dataReady) return false;
    }
    return true;
  }

  private flowTick(fi: number, epoch: number): void {
    if (epoch !== this.flowEpoch) return;
    const f = this.cfg.flows[fi];
    if (!f) return;
    if (f.stopNs !== undefined && this.nowNs >= f.stopNs) return;
    if (this.flowActive(fi)) {
      const seq = this.flowNextSeq[fi] as number;
      this.flowNextSeq[fi] = seq + 1;
      this.createPacket(fi, false, seq);
    }
    const base = 1e9 / f.ratePps;
    const dt = Math.max(1, Math.round(base * (1 - M.rateJitter / 2 + M.rateJitter * this.rng.next())));
    this.sched.push(this.nowNs + dt, Q_FLOW, fi, epoch);
  }

  private routeFor(fi: number, reply: boolean): number {
    const key = fi * 2 + (reply ? 1 : 0);
    const hit = this.routeCache.get(key);
    if (hit !== undefined) return hit;
    const f = this.cfg.flows[fi] as SimConfig['flows'][number];
    const a = this.vmOf(f.vm);
    const p = f.direction === 'vm-to-vm' ? this.vmOf(f.peerVm) : -1;
    let src: number;
    let dst: number;
    if (f.direction === 'vm-to-external') [src, dst] = reply ? [-1, a] : [a, -1];
    else if (f.direction === 'external-to-vm') [src, dst] = reply ? [a, -1] : [-1, a];
    else [src, dst] = reply ? [p, a] : [a, p];
    const vlan = (this.vms[a] as VmRt).vlan;
    const spec: RouteSpec = {
      src,
      dst,
      frameBytes: frameBytesOf(f.packetBytes, vlan),
      match: {
        protocol: f.protocol,
        dstPort: reply ? (f.protocol === 'icmp' ? null : 49152 + (fi % 16384)) : DST_PORT[f.protocol],
        srcVm: src >= 0 ? (this.vms[src] as VmRt).id : null,
        dstVm: dst >= 0 ? (this.vms[dst] as VmRt).id : null,
      },
      dropRules: this.cfg.extensions.filter.dropRules,
      filterEnabled: this.cfg.extensions.filter.enabled,
    };
    const ctx = this.pathCtx();
    const id = this.addRoute((rid) => composeRoute(ctx, spec, rid, { flow: fi, reply }));
    this.routeCache.set(key, id);
    return id;
  }

  private createPacket(fi: number, reply: boolean, l4: number): void {
    const s = this.alloc(MK_DATA, this.routeFor(fi, reply));
    this.mL4[s] = l4;
    this.runMover(s);
  }

  // ---------------------------------------------------------------------------------------------
  // Control path: scripts of channel messages, ring messages, OIDs (facts §9.1, §9.2, §9.8, §9.11)
  // ---------------------------------------------------------------------------------------------

  private script(vi: number, steps: Step[]): void {
    const vm = this.vms[vi] as VmRt;
    const run = () => {
      let i = 0;
      const gen = vm.gen;
      const next = () => {
        if (!vm.alive || vm.gen !== gen || i >= steps.length) {
          vm.ctlBusy = false;
          const q = vm.ctlQueue.shift();
          if (q) {
            vm.ctlBusy = true;
            q();
          }
          return;
        }
        const step = steps[i++] as Step;
        step(next);
      };
      next();
    };
    if (vm.ctlBusy) vm.ctlQueue.push(run);
    else {
      vm.ctlBusy = true;
      run();
    }
  }

  private readonly controlRoutes = new Map<string, number>();

  /**
   * Run one control message as a mover. `key` identifies the program (VM, direction, message,
   * note) so it is compiled once and shared; the continuation is stored on the mover.
   */
  private controlMover(key: string, build: (b: RouteBuilder) => void, message: string, vi: number, then: () => void): void {
    const vm = this.vms[vi] as VmRt;
    const k = `${vi}:${vm.gen}:${key}`;
    let r = this.controlRoutes.get(k);
    if (r === undefined) {
      r = this.addRoute((id) => {
        const b = this.builder(false);
        b.vm = vi;
        build(b);
        b.action(ACT.CALLBACK, -1);
        b.end();
        return b.build(id, 'control', { vmA: -1 });
      });
      this.controlRoutes.set(k, r);
    }
    const s = this.alloc(MK_CONTROL, r);
    this.mMsg[s] = this.intern(message);
    this.mCb[s] = this.callback(then);
    this.runMover(s);
  }

  /** VMBus channel message via HvCallPostMessage and the SynIC message page (facts §2.2, §9.1). */
  private chan(vi: number, dir: 'g2h' | 'h2g', name: string, note?: string): Step {
    return (next) => {
      const vm = this.vms[vi] as VmRt;
      this.controlMover(
        `chan:${dir}:${name}:${note ?? ''}`,
        (b) => {
          if (dir === 'g2h') {
            b.hop(`${vm.id}.vmbus`, 'hv', name, { part: PART_HV, lp: vm.vpLp, res: -1 }, { cost: 'C1', enc: ENC.CHANNEL_MSG, note: `HvCallPostMessage (0x005C)${note ? `; ${note}` : ''}` });
            b.hop('hv', 'root.vmbus', name, { part: PART_ROOT, lp: vm.txLp }, { cost: 'C2', enc: ENC.CHANNEL_MSG, note: 'SynIC message slot + interrupt on a root VP; root VMBus driver handles it' });
          } else {
            b.hop('root.vmbus', 'hv', name, { part: PART_HV, lp: vm.txLp, res: -1 }, { cost: 'C1', enc: ENC.CHANNEL_MSG, note: `HvCallPostMessage (0x005C)${note ? `; ${note}` : ''}` });
            b.hop('hv', `${vm.id}.vmbus`, name, { part: partGuest(vi), lp: vm.vpLp, vp: 0 }, { cost: 'C2', enc: ENC.CHANNEL_MSG, note: 'SIM[SINT2] + SynIC interrupt; guest writes EOM after reading' });
          }
        },
        name,
        vi,
        next,
      );
    };
  }

  /** NVSP or RNDIS message through the channel's rings (facts §9.2). */
  private ringMsg(vi: number, dir: 'g2h' | 'h2g', name: string, enc: number, note?: string): Step {
    return (next) => {
      const vm = this.vms[vi] as VmRt;
      const g = { part: partGuest(vi), lp: vm.vpLp, vp: 0 };
      const r = { part: PART_ROOT, lp: vm.txLp };
      const o = { enc, ...(note ? { note } : {}) };
      this.controlMover(
        `ring:${dir}:${name}:${note ?? ''}`,
        (b) => {
          if (dir === 'g2h') {
            b.put(vm.out, `${vm.id}.netvsc`, 64);
            b.hop(`${vm.id}.netvsc`, `${vm.id}.vmbus.out`, name, g, { cost: 'H3', ...o });
            b.commit(vm.out, `${vm.id}.vmbus.out`);
            b.hop(`${vm.id}.vmbus.out`, `root.netvsp.${vm.id}`, name, r, { cost: 'C3', ...o });
          } else {
            b.put(vm.in, `root.netvsp.${vm.id}`, 64);
            b.hop(`root.netvsp.${vm.id}`, `${vm.id}.vmbus.in`, name, r, { cost: 'H3', ...o });
            b.commit(vm.in, `${vm.id}.vmbus.in`);
            b.hop(`${vm.id}.vmbus.in`, `${vm.id}.netvsc`, name, g, { cost: 'C3', ...o });
          }
        },
        name,
        vi,
        next,
      );
    };
  }

  /** vPCI protocol message over the vPCI VMBus channel (facts §9.8 step 4–5, §9.11). */
  private vpci(vi: number, dir: 'g2h' | 'h2g', name: string, note?: string): Step {
    return (next) => {
      const vm = this.vms[vi] as VmRt;
      this.controlMover(
        `vpci:${dir}:${name}:${note ?? ''}`,
        (b) => {
          if (dir === 'g2h') b.hop(`${vm.id}.vpci`, `root.vpci.${vm.id}`, name, { part: PART_ROOT, lp: vm.txLp }, { cost: 'C3', enc: ENC.VPCI, note: note ?? 'over the vPCI VMBus channel (4-page ring)' });
          else b.hop(`root.vpci.${vm.id}`, `${vm.id}.vpci`, name, { part: partGuest(vi), lp: vm.vpLp, vp: 0 }, { cost: 'C3', enc: ENC.VPCI, note: note ?? 'over the vPCI VMBus channel (4-page ring)' });
        },
        name,
        vi,
        next,
      );
    };
  }

  /** A management step (OID, port create, IOMMU map) with its latency; no packet moves. */
  private cfgStep(from: string, to: string, detail: string, note?: string, vi = -1, costId = 'C4', kind: 'config' | 'hypercall' | 'vmexit' = 'config'): Step {
    return (next) => {
      const row = cost(costId);
      const vm = vi >= 0 ? (this.vms[vi] as VmRt) : undefined;
      const part = kind === 'config' ? PART_ROOT : PART_HV;
      const lp = kind === 'config' ? (vm?.txLp ?? 0) : (vm?.vpLp ?? 0);
      const dur = this.lg ? 1 : row.latencyNs;
      this.emitSimple(kind, from, to, detail, { vi, costId, part, lp, dur, ...(note ? { note } : {}) });
      this.later(dur, next);
    };
  }

  private fn(f: () => void): Step {
    return (next) => {
      f();
      next();
    };
  }

  /** Register access of the tulip driver during initialisation, through VMWP (control path). */
  private regStep(vi: number, reg: string): Step {
    return (next) => {
      const vm = this.vms[vi] as VmRt;
      this.controlMover(
        `reg:${reg}`,
        (b) => {
          b.hop(`${vm.id}.legacy`, 'hv', reg, { part: PART_HV, lp: vm.vpLp, res: vm.vpLp, busy: 10_000 }, { kind: 'vmexit', cost: 'H12a' });
          b.hop('hv', 'root.vid', 'X64IoPortIntercept message (SINT0)', { part: PART_HV, lp: vm.vpLp, res: -1 }, { cost: 'H12b' });
          b.hop('root.vid', `root.vmwp.${vm.id}`, `VMWP emulates: ${reg}`, { part: PART_ROOT, lp: vm.txLp }, { cost: 'H12c' });
          resumeVp(b, vm, reg);
        },
        reg,
        vi,
        next,
      );
    };
  }

  private hostStart(): void {
    if (this.cfg.sriov) {
      // facts §9.8 step 1: NDIS creates the NIC switch on the PF.
      this.emitSimple('config', 'root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_CREATE_SWITCH', { costId: 'C4', part: PART_ROOT, lp: 0 });
    }
  }

  /** VM start: vSwitch port, then the adapter's bring-up. */
  private bootVm(vi: number): void {
    const vm = this.vms[vi] as VmRt;
    const emulated = vm.cfg.adapter === 'emulated';
    const steps: Step[] = [
      // facts §5.1: port created before the NIC connection.
      this.cfgStep('root.vmms', 'root.vswitch', 'OID_SWITCH_PORT_CREATE', emulated ? 'port type Emulated (3)' : 'port type Synthetic (2)', vi),
      this.cfgStep('root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_CREATE', emulated ? 'NIC type Emulated (2)' : 'NIC type Synthetic (1)', vi),
    ];
    if (emulated) steps.push(...this.emulatedBringUp(vi));
    else steps.push(...this.syntheticBringUp(vi));
    this.script(vi, steps);
  }

  private vmbusConnect(vi: number): Step[] {
    const vm = this.vms[vi] as VmRt;
    if (vm.vmbusConnected) return [];
    const id = vm.id;
    const msr = (name: string, note: string) => this.cfgStep(`${id}.vmbus`, 'hv', name, note, vi, 'C5', 'vmexit');
    return [
      // facts §9.1 step 1: enable the SynIC.
      msr('WRMSR SIMP (0x40000083)', 'SynIC message page'),
      msr('WRMSR SIEFP (0x40000082)', 'SynIC event flags page'),
      msr('WRMSR SINT2 (0x40000092)', 'unmask SINT2 with the VMBus vector'),
      msr('WRMSR SCONTROL (0x40000080)', 'enable the SynIC'),
      this.chan(vi, 'g2h', 'INITIATE_CONTACT', `version ${VMBUS_VERSION}, connection 4, msg_sint 2, monitor pages`),
      this.chan(vi, 'h2g', 'VERSION_RESPONSE', 'version_supported = 1, msg_conn_id'),
      this.chan(vi, 'g2h', 'REQUESTOFFERS'),
      this.fn(() => {
        vm.vmbusConnected = true;
      }),
    ];
  }

  /** facts §9.1 steps 4–7 and §9.2 (Linux order), then VMQ and data. */
  private syntheticBringUp(vi: number): Step[] {
    const vm = this.vms[vi] as VmRt;
    const id = vm.id;
    const nvsp = (dir: 'g2h' | 'h2g', name: string, note?: string) => this.ringMsg(vi, dir, name, ENC.NVSP, note);
    const rndis = (name: string, reply: string, note?: string) => [this.ringMsg(vi, 'g2h', name, ENC.RNDIS_CTRL, note), this.ringMsg(vi, 'h2g', reply, ENC.RNDIS_CTRL_RX, 'reply arrives like a received frame (type-7 packet)')];
    return [
      ...this.vmbusConnect(vi),
      this.chan(vi, 'h2g', 'OFFERCHANNEL', 'synthetic NIC, class f8615163-df3e-46c5-913f-f2d2f965ed0e, child_relid 1'),
      this.chan(vi, 'h2g', 'ALLOFFERS_DELIVERED'),
      this.fn(() => {
        vm.channel = 'offered';
      }),
      this.chan(vi, 'g2h', 'GPADL_HEADER', 'ring buffers 2 × 128 pages; GPADL_BODY continuation messages folded into this step'),
      this.chan(vi, 'h2g', 'GPADL_CREATED'),
      this.chan(vi, 'g2h', 'OPENCHANNEL', 'relid 1, target_vp 0, downstream_ringbuffer_pageoffset 128'),
      this.chan(vi, 'h2g', 'OPENCHANNEL_RESULT', 'status 0'),
      this.fn(() => {
        vm.channel = 'open';
        vm.nvsp = 'initializing';
      }),
      nvsp('g2h', 'NVSP_INIT', 'min = max = 6.1 (0x60001)'),
      nvsp('h2g', 'NVSP_INIT_COMPLETE', 'negotiated 6.1, status 1 (success)'),
      nvsp('g2h', 'SEND_NDIS_CONFIG', 'MTU 1514, capabilities (no reply)'),
      nvsp('g2h', 'SEND_NDIS_VER', 'NDIS 6.30 (no reply)'),
      this.chan(vi, 'g2h', 'GPADL_HEADER', 'receive buffer 16 MiB'),
      this.chan(vi, 'h2g', 'GPADL_CREATED'),
      nvsp('g2h', 'SEND_RECV_BUF', 'id 0xCAFE'),
      nvsp('h2g', 'SEND_RECV_BUF_COMPLETE', '1 section, 1728-B sub-allocations'),
      this.chan(vi, 'g2h', 'GPADL_HEADER', 'send buffer 1 MiB'),
      this.chan(vi, 'h2g', 'GPADL_CREATED'),
      nvsp('g2h', 'SEND_SEND_BUF', 'id 0'),
      nvsp('h2g', 'SEND_SEND_BUF_COMPLETE', 'section_size 6144'),
      ...rndis('RNDIS_INITIALIZE', 'RNDIS_INITIALIZE_CMPLT', 'RNDIS 1.0, max_xfer 0x4000'),
      ...rndis('RNDIS_QUERY:OID_GEN_MAXIMUM_FRAME_SIZE', 'RNDIS_QUERY_CMPLT:OID_GEN_MAXIMUM_FRAME_SIZE'),
      ...rndis('RNDIS_QUERY:OID_802_3_PERMANENT_ADDRESS', 'RNDIS_QUERY_CMPLT:OID_802_3_PERMANENT_ADDRESS'),
      ...rndis('RNDIS_QUERY:OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES', 'RNDIS_QUERY_CMPLT:OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES'),
      ...rndis('RNDIS_SET:OID_TCP_OFFLOAD_PARAMETERS', 'RNDIS_SET_CMPLT:OID_TCP_OFFLOAD_PARAMETERS'),
      ...rndis('RNDIS_QUERY:OID_GEN_MEDIA_CONNECT_STATUS', 'RNDIS_QUERY_CMPLT:OID_GEN_MEDIA_CONNECT_STATUS'),
      ...rndis('RNDIS_QUERY:OID_GEN_LINK_SPEED', 'RNDIS_QUERY_CMPLT:OID_GEN_LINK_SPEED'),
      ...rndis('RNDIS_QUERY:OID_GEN_RECEIVE_SCALE_CAPABILITIES', 'RNDIS_QUERY_CMPLT:OID_GEN_RECEIVE_SCALE_CAPABILITIES'),
      ...rndis('RNDIS_SET:OID_GEN_CURRENT_PACKET_FILTER', 'RNDIS_SET_CMPLT:OID_GEN_CURRENT_PACKET_FILTER', 'directed | all-multicast | broadcast → DATAINITIALIZED'),
      this.fn(() => {
        vm.nvsp = 'ready';
      }),
      this.cfgStep('root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_CONNECT', `${id}: guest stack bound`, vi),
      (next) => this.assignVmq(vi, next),
      this.fn(() => {
        if (!this.connectOrder.includes(vi)) this.connectOrder.push(vi);
        vm.dataReady = true;
        this.refreshPaths(vm);
      }),
      (next) => {
        if (vm.cfg.adapter === 'sriov' && this.cfg.sriov) this.vfBringUp(vi);
        next();
      },
    ];
  }

  /** Tulip driver initialisation through trapped register writes (facts §4). */
  private emulatedBringUp(vi: number): Step[] {
    const vm = this.vms[vi] as VmRt;
    return [
      this.regStep(vi, 'CSR0 write (bus mode: software reset)'),
      this.regStep(vi, 'CSR3 write (RX descriptor ring base)'),
      this.regStep(vi, 'CSR4 write (TX descriptor ring base)'),
      this.regStep(vi, 'CSR7 write (interrupt enable)'),
      this.regStep(vi, 'CSR6 write (start RX and TX)'),
      this.cfgStep('root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_CONNECT', `${vm.id}: emulated NIC connected`, vi),
      this.fn(() => {
        if (!this.connectOrder.includes(vi)) this.connectOrder.push(vi);
        vm.dataReady = true;
        this.refreshPaths(vm);
      }),
    ];
  }

  /** VMQ: first come, first served; queue k's interrupts on its LP (facts §6, §9.5 step 1). */
  private assignVmq(vi: number, next: () => void): void {
    const vm = this.vms[vi] as VmRt;
    if (!this.cfg.vmq || vm.cfg.adapter === 'emulated' || vm.vmqQueue > 0 || !vm.alive) return next();
    const k = this.vmqOwner.findIndex((o, i) => i > 0 && o < 0);
    if (k < 0) {
      this.emitSimple('config', 'root.vswitch', 'root.pf', 'VMQ exhausted: default queue', { vi, note: `${vm.id} uses the default queue (queues are handed out first come, first served)` });
      return next();
    }
    this.vmqOwner[k] = vi;
    vm.vmqQueue = k;
    const lp = this.queueLp(k);
    this.script2(
      [
        this.cfgStep('root.vswitch', 'root.pf', 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', `queue ${k}, interrupt affinity LP ${lp}`, vi),
        this.cfgStep('root.pf', 'nic', 'OID_RECEIVE_FILTER_SET_FILTER', `NdisReceiveFilterTypeVMQueue: dest MAC ${vm.mac}${vm.vlan ? `, VLAN ${vm.vlan}` : ''} → queue ${k}`, vi),
        this.fn(() => this.refreshPaths(vm)),
      ],
      next,
    );
  }

  private releaseVmq(vi: number, next: () => void): void {
    const vm = this.vms[vi] as VmRt;
    const k = vm.vmqQueue;
    if (k === 0) return next();
    this.script2(
      [
        this.cfgStep('root.pf', 'nic', 'OID_RECEIVE_FILTER_CLEAR_FILTER', `queue ${k}`, vi),
        this.cfgStep('root.vswitch', 'root.pf', 'OID_RECEIVE_FILTER_FREE_QUEUE', `queue ${k}`, vi),
        this.fn(() => {
          this.vmqOwner[k] = -1;
          vm.vmqQueue = 0;
          this.refreshPaths(vm);
        }),
      ],
      next,
    );
  }

  /** Run steps in sequence outside a VM's script queue. */
  private script2(steps: Step[], done: () => void): void {
    let i = 0;
    const next = () => {
      if (i >= steps.length) return done();
      (steps[i++] as Step)(next);
    };
    next();
  }

  /** facts §9.8 (steps 2–7). */
  private vfBringUp(vi: number): void {
    const vm = this.vms[vi] as VmRt;
    const steps: Step[] = [
      (next) => {
        if (!vm.alive || vm.vfAssigned > 0 || vm.cfg.adapter !== 'sriov' || !this.cfg.sriov || vm.nvsp !== 'ready') return; // stop the script
        const k = this.vfOwner.findIndex((o, i) => i > 0 && o < 0);
        if (k < 0) {
          this.emitSimple('config', 'root.pf', 'nic.eswitch', 'no free VF: synthetic path', { vi, note: `${vm.id} stays on the synthetic path` });
          return;
        }
        this.vfOwner[k] = vi;
        vm.vfAssigned = k;
        next();
      },
      (next) => this.cfgStep('root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_ALLOCATE_VF', `VF ${vm.vfAssigned}`, vi)(next),
      (next) => this.cfgStep('root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_CREATE_VPORT', `VPort attached to VF ${vm.vfAssigned}`, vi)(next),
      (next) => this.cfgStep('root.pf', 'nic.eswitch', 'OID_RECEIVE_FILTER_MOVE_FILTER', `${vm.mac} → VF ${vm.vfAssigned} VPort (the model switches receive routing at SWITCH_DATA_PATH)`, vi)(next),
      (next) => this.cfgStep('hv', 'iommu', 'IOMMU map', `VM memory (pinned at creation) for the RID of VF ${vm.vfAssigned}`, vi)(next),
      (next) => this.ringMsg(vi, 'h2g', 'SEND_VF_ASSOCIATION', ENC.NVSP, `NVSP 128: allocated = 1, serial ${vm.vfAssigned}`)(next),
      this.chan(vi, 'h2g', 'OFFERCHANNEL', 'vPCI bus, class 44c4f61d-4444-4400-9d52-802e27ede19f, child_relid 2'),
      this.chan(vi, 'g2h', 'GPADL_HEADER', 'vPCI ring buffers 2 × 4 pages'),
      this.chan(vi, 'h2g', 'GPADL_CREATED'),
      this.chan(vi, 'g2h', 'OPENCHANNEL', 'relid 2'),
      this.chan(vi, 'h2g', 'OPENCHANNEL_RESULT', 'status 0'),
      this.vpci(vi, 'g2h', 'PCI_QUERY_PROTOCOL_VERSION', '0x42490013'),
      this.vpci(vi, 'h2g', 'PCI_QUERY_PROTOCOL_VERSION completion'),
      this.vpci(vi, 'g2h', 'PCI_QUERY_BUS_RELATIONS', '0x42490001'),
      (next) => this.vpci(vi, 'h2g', 'PCI_BUS_RELATIONS', `0x42490000: VF ${vm.vfAssigned}, serial ${vm.vfAssigned}`)(next),
      this.vpci(vi, 'g2h', 'PCI_BUS_D0ENTRY', '0x42490007: config MMIO window'),
      this.vpci(vi, 'h2g', 'PCI_BUS_D0ENTRY completion'),
      this.vpci(vi, 'g2h', 'PCI_RESOURCES_ASSIGNED', '0x42490010: BARs'),
      this.vpci(vi, 'h2g', 'PCI_RESOURCES_ASSIGNED completion'),
      this.cfgStep(`${vm.id}.vpci`, `${vm.id}.vf`, 'VF enumerated; VF miniport loads', 'guest PCI core (PnP)', vi, 'C3'),
      this.vpci(vi, 'g2h', 'PCI_CREATE_INTERRUPT_MESSAGE', '0x42490014: MSI for the VF'),
      this.vpci(vi, 'h2g', 'PCI_CREATE_INTERRUPT_MESSAGE completion', 'MSI address/data'),
      this.cfgStep(`${vm.id}.vf`, 'hv', 'HvCallRetargetDeviceInterrupt', 'vector + target vCPU 0 (0x007E)', vi, 'C1', 'hypercall'),
      this.cfgStep(`${vm.id}.vf`, `${vm.id}.netvsc`, 'NetVSC bound to the VF miniport', 'Windows: NDIS binds NetVSC; Linux: pairs by serial and opens the VF after 100 ms', vi, 'C3'),
      this.fn(() => {
        vm.vfDataPath = true; // the guest sends on the VF from here
        this.refreshPaths(vm);
      }),
      this.ringMsg(vi, 'g2h', 'SWITCH_DATA_PATH', ENC.NVSP, 'NVSP 129: active_datapath = 1 (VF); Windows behaviour unverified (facts §10)'),
      this.fn(() => {
        vm.vfRx = true;
        this.refreshPaths(vm);
      }),
    ];
    this.script(vi, steps);
  }

  /** facts §9.11: VF removal; traffic continues on the synthetic path. */
  private vfRemove(vi: number, reason: string): void {
    const vm = this.vms[vi] as VmRt;
    const steps: Step[] = [
      (next) => {
        if (!vm.alive || vm.vfAssigned === 0) return;
        next();
      },
      (next) => this.cfgStep('root.pf', 'nic.eswitch', 'OID_RECEIVE_FILTER_MOVE_FILTER', `${vm.mac} → PF default VPort (${reason}); synthetic path live`, vi)(next),
      this.fn(() => {
        vm.vfRx = false;
        this.refreshPaths(vm);
      }),
      this.vpci(vi, 'h2g', 'PCI_EJECT', '0x4249000B'),
      this.fn(() => {
        vm.vfDataPath = false; // VF going down: NetVSC sends on the synthetic path again
        this.refreshPaths(vm);
      }),
      this.ringMsg(vi, 'g2h', 'SWITCH_DATA_PATH', ENC.NVSP, 'NVSP 129: active_datapath = 0 (synthetic)'),
      this.cfgStep(`${vm.id}.vf`, `${vm.id}.netvsc`, 'VF unbound; VF miniport halted', 'Data path switched from VF → VF unregistering', vi, 'C3'),
      this.vpci(vi, 'g2h', 'PCI_EJECTION_COMPLETE', '0x4249000F'),
      this.chan(vi, 'h2g', 'RESCIND_CHANNELOFFER', 'vPCI channel, relid 2'),
      this.chan(vi, 'g2h', 'RELID_RELEASED', 'relid 2'),
      (next) => this.ringMsg(vi, 'h2g', 'SEND_VF_ASSOCIATION', ENC.NVSP, `NVSP 128: allocated = 0, serial ${vm.vfAssigned}`)(next),
      (next) => this.cfgStep('root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_DELETE_VPORT', `VF ${vm.vfAssigned}`, vi)(next),
      (next) => this.cfgStep('root.pf', 'nic.eswitch', 'OID_SRIOV_RESET_VF', `function-level reset of VF ${vm.vfAssigned}`, vi)(next),
      (next) => this.cfgStep('hv', 'iommu', 'IOMMU unmap', `RID of VF ${vm.vfAssigned}`, vi)(next),
      (next) => this.cfgStep('root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_FREE_VF', `VF ${vm.vfAssigned}`, vi)(next),
      this.fn(() => {
        this.vfOwner[vm.vfAssigned] = -1;
        vm.vfAssigned = 0;
        this.refreshPaths(vm);
      }),
    ];
    this.script(vi, steps);
  }

  /** The host removes the synthetic NIC's channel (adapter switched to emulated). */
  private syntheticTeardown(vi: number): Step[] {
    const vm = this.vms[vi] as VmRt;
    return [
      this.fn(() => {
        vm.dataReady = false;
      }),
      (next) => this.releaseVmq(vi, next),
      this.cfgStep('root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_DISCONNECT', undefined, vi),
      this.chan(vi, 'h2g', 'RESCIND_CHANNELOFFER', 'synthetic NIC, relid 1'),
      this.chan(vi, 'g2h', 'RELID_RELEASED', 'relid 1'),
      this.fn(() => {
        vm.channel = 'closed';
        vm.nvsp = 'none';
      }),
    ];
  }

  // ---------------------------------------------------------------------------------------------
  // Faults and runtime changes
  // ---------------------------------------------------------------------------------------------

  private fault(f: Omit<FaultEvent, 'atNs'>): void {
    const vi = this.vmOf(f.vm);
    const at = f.kind === 'link-down' || f.kind === 'link-up' ? 'nic' : f.kind === 'ring-exhaust' ? `${f.vm}.vmbus.in` : f.vm ? `${f.vm}.vf` : 'nic';
    this.emitSimple('fault', at, at, f.kind as FaultKind, { vi, ...(f.durationNs ? { note: `for ${f.durationNs} ns` } : {}) });
    switch (f.kind) {
      case 'link-down':
        this.linkUp = false;
        return;
      case 'link-up':
        this.linkUp = true;
        return;
      case 'vf-remove':
        if (vi >= 0) this.vfRemove(vi, 'vf-remove');
        return;
      case 'vf-add':
        if (vi >= 0) this.vfBringUp(vi);
        return;
      case 'ring-exhaust': {
        if (vi < 0) return;
        const st = this.stations[(this.vms[vi] as VmRt).in] as Station;
        st.pausedUntil = this.nowNs + (f.durationNs ?? 1_000_000);
        return;
      }
    }
  }

  apply(change: ConfigChange): void {
    switch (change.kind) {
      case 'set-vmq': {
        if (this.cfg.vmq === change.on) return;
        this.cfg = { ...this.cfg, vmq: change.on };
        const order = [...this.connectOrder];
        const steps: Step[] = order.map((vi) => (next: () => void) => (change.on ? this.assignVmq(vi, next) : this.releaseVmq(vi, next)));
        this.script2(steps, () => this.vms.forEach((v) => v.alive && this.refreshPaths(v)));
        return;
      }
      case 'set-sriov': {
        if (this.cfg.sriov === change.on) return;
        this.cfg = { ...this.cfg, sriov: change.on };
        if (change.on) {
          this.emitSimple('config', 'root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_CREATE_SWITCH', { costId: 'C4', part: PART_ROOT, lp: 0 });
          for (const vm of this.vms) if (vm.alive && vm.cfg.adapter === 'sriov' && vm.nvsp === 'ready') this.vfBringUp(vm.vi);
        } else {
          for (const vm of this.vms) if (vm.alive && vm.vfAssigned > 0) this.vfRemove(vm.vi, 'host SR-IOV off');
        }
        return;
      }
      case 'set-adapter': {
        const vi = this.vmOf(change.vm);
        if (vi < 0) return;
        const vm = this.vms[vi] as VmRt;
        const old = vm.cfg.adapter;
        if (old === change.adapter) return;
        this.cfg = { ...this.cfg, vms: this.cfg.vms.map((v) => (v.id === vm.id ? { ...v, adapter: change.adapter } : v)) };
        if (old === 'sriov' && vm.vfAssigned > 0) this.vfRemove(vi, 'adapter switched');
        const setAdapter = (a: AdapterKind) =>
          this.fn(() => {
            vm.cfg = { ...vm.cfg, adapter: a };
            this.refreshPaths(vm);
          });
        if (change.adapter === 'emulated') {
          this.script(vi, [...(old !== 'emulated' ? this.syntheticTeardown(vi) : []), setAdapter('emulated'), ...this.emulatedBringUp(vi)]);
        } else if (old === 'emulated') {
          this.script(vi, [
            this.fn(() => {
              vm.dataReady = false;
            }),
            this.cfgStep('root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_DISCONNECT', 'emulated NIC', vi),
            setAdapter(change.adapter),
            ...this.syntheticBringUp(vi),
          ]);
        } else {
          this.script(vi, [setAdapter(change.adapter)]);
          if (change.adapter === 'sriov' && this.cfg.sriov) this.vfBringUp(vi);
        }
        return;
      }
      case 'add-vm': {
        const alive = this.vms.filter((v) => v.alive).length;
        if (alive >= 64 || this.vms.length >= MAX_PARTS - 2) return;
        const num = Math.max(0, ...this.vms.map((v) => v.num)) + 1;
        const v: VmConfig = { id: `vm${num}` as VmId, adapter: change.adapter, vcpus: 2 };
        this.cfg = { ...this.cfg, vms: [...this.cfg.vms, v] };
        this.addVm(v, this.nowNs);
        this.topoChanged();
        return;
      }
      case 'remove-vm': {
        const vi = this.vmOf(change.vm);
        if (vi < 0) return;
        const vm = this.vms[vi] as VmRt;
        this.emitSimple('config', 'root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_DELETE', { vi, note: `${vm.id} stopped` });
        this.emitSimple('config', 'root.vmms', 'root.vswitch', 'OID_SWITCH_PORT_DELETE', { vi });
        vm.alive = false;
        vm.gen++;
        vm.dataReady = false;
        if (vm.vmqQueue > 0) this.vmqOwner[vm.vmqQueue] = -1;
        if (vm.vfAssigned > 0) this.vfOwner[vm.vfAssigned] = -1;
        vm.vmqQueue = 0;
        vm.vfAssigned = 0;
        this.connectOrder = this.connectOrder.filter((x) => x !== vi);
        this.cfg = {
          ...this.cfg,
          vms: this.cfg.vms.filter((v) => v.id !== vm.id),
          flows: this.cfg.flows.filter((f) => f.vm !== vm.id && f.peerVm !== vm.id),
        };
        this.invalidateRoutes();
        this.startFlows();
        this.topoChanged();
        return;
      }
      case 'set-flows':
        this.cfg = { ...this.cfg, flows: change.flows.map((f) => ({ ...f })) };
        this.invalidateRoutes();
        this.startFlows();
        return;
      case 'set-extensions':
        this.cfg = { ...this.cfg, extensions: JSON.parse(JSON.stringify(change.extensions)) as SimConfig['extensions'] };
        this.invalidateRoutes();
        this.topoChanged();
        return;
      case 'fault':
        this.fault(change.fault);
        return;
    }
  }

  private topoChanged(): void {
    this.topoVersion++;
    this.topo = null;
  }

  // ---------------------------------------------------------------------------------------------
  // The loop
  // ---------------------------------------------------------------------------------------------

  private advanceBucket(t: number): void {
    const nb = Math.floor(t / BUCKET_NS);
    while (this.bucket < nb) {
      this.bucket++;
      const bi = this.bucket % WINDOW_BUCKETS;
      for (const pc of this.perPath) pc.windowBytes[bi] = 0;
      for (const vm of this.vms) vm.counters.windowBytes[bi] = 0;
      for (let lp = 0; lp < this.L; lp++) this.lpWin[lp * WINDOW_BUCKETS + bi] = 0;
      if (nb - this.bucket > WINDOW_BUCKETS) this.bucket = nb - WINDOW_BUCKETS;
    }
  }

  private dispatch(op: number, a: number, b: number): void {
    switch (op) {
      case Q_HOP_END:
        this.mOnHop[a] = 0;
        this.mAt[a] = this.mTo[a] as number;
        this.mPc[a] = (this.mPc[a] as number) + 1;
        this.runMover(a);
        return;
      case Q_HOP_START: {
        const route = this.routes[this.mRoute[a] as number] as Route;
        this.beginHop(a, route.code, (this.mPc[a] as number) * STEP_);
        this.sched.push(this.mEnd[a] as number, Q_HOP_END, a);
        return;
      }
      case Q_FLOW:
        this.flowTick(a, b);
        return;
      case Q_READER: {
        const st = this.stations[a] as Station;
        if (st.kind === ST_LEGACY) this.isrNext(st);
        else this.drain(st);
        return;
      }
      case Q_MOD_TIMER:
        this.onModTimer(this.stations[a] as Station);
        return;
      case Q_CALLBACK:
        this.runCallback(a);
        return;
      case Q_FAULT: {
        const f = this.cfg.faults[a];
        if (f) this.fault(f);
        return;
      }
      case Q_RETX:
        if (this.flowActive(a)) this.createPacket(a, false, b);
        else this.sched.push(this.nowNs + M.tcpRtoNs, Q_RETX, a, b);
        return;
    }
  }

  now(): number {
    return this.nowNs;
  }

  step(): boolean {
    if (this.disposed) return false;
    const s = this.sched;
    if (!s.pop()) return false;
    if (s.popTime > this.nowNs) {
      this.nowNs = s.popTime;
      if (this.nowNs >= (this.bucket + 1) * BUCKET_NS) this.advanceBucket(this.nowNs);
    }
    this.dispatch(s.popOp, s.popArg, s.popArg2);
    return true;
  }

  runUntil(t: number): void {
    if (this.disposed) return;
    const s = this.sched;
    for (;;) {
      const nt = s.peekTime();
      if (nt === null || nt > t) break;
      s.pop();
      if (s.popTime > this.nowNs) {
        this.nowNs = s.popTime;
        if (this.nowNs >= (this.bucket + 1) * BUCKET_NS) this.advanceBucket(this.nowNs);
      }
      this.dispatch(s.popOp, s.popArg, s.popArg2);
    }
    if (t > this.nowNs) {
      this.nowNs = Math.floor(t);
      if (this.nowNs >= (this.bucket + 1) * BUCKET_NS) this.advanceBucket(this.nowNs);
    }
  }

  peekTime(): number | null {
    return this.sched.peekTime();
  }

  // ---------------------------------------------------------------------------------------------
  // Views
  // ---------------------------------------------------------------------------------------------

  topology(): Topology {
    if (!this.topo) this.topo = buildTopology(this.cfg);
    return this.topo;
  }

  topologyVersion(): number {
    return this.topoVersion;
  }

  private accounting() {
    return {
      sent: this.sent,
      delivered: this.delivered,
      dropped: this.dropped,
      inFlight: this.sent - this.delivered - this.dropped,
      dropsByReason: Object.fromEntries(this.dropsByReason),
    };
  }

  private ringState(st: Station): VmState['out'] {
    return {
      sizeBytes: st.size,
      usedBytes: st.used,
      writeIndex: st.writeIndex,
      readIndex: st.readIndex,
      interruptMask: st.mask,
      pendingSendSz: st.pendingSendSz,
      packets: st.count,
    };
  }

  private vmState(vm: VmRt): VmState {
    const vf = vm.vfAssigned;
    return {
      id: vm.id as VmId,
      adapter: vm.cfg.adapter,
      activePath: vm.txPath as DataPath,
      channel: vm.channel,
      nvsp: vm.nvsp,
      out: this.ringState(this.stations[vm.out] as Station),
      in: this.ringState(this.stations[vm.in] as Station),
      vmqQueue: vm.vmqQueue > 0 ? vm.vmqQueue : null,
      rxLp: vm.rxQueue > 0 ? this.queueLp(vm.rxQueue) : 0,
      vf: vf > 0 ? vf : null,
      iommuMappings:
        vf > 0
          ? [{ gpaStart: '0x0', gpaEnd: '0xffffffff', spaStart: `0x${(0x100000000 * (vm.num + 1)).toString(16)}`, rid: `0000:03:${(0x10 + vf).toString(16).padStart(2, '0')}.0` }]
          : [],
      mac: vm.mac,
      ip: vm.ip,
    };
  }

  snapshot(): Snapshot {
    const total = this.eventCount;
    const avail = Math.min(total - this.lastSnapshotSeq, this.ringCap);
    const n = Math.min(avail, this.maxEvents);
    const first = total - n;
    const events: TraceEvent[] = new Array<TraceEvent>(n);
    for (let i = 0; i < n; i++) events[i] = this.eventAt(first + i);
    const dropped = total - this.lastSnapshotSeq - n;
    this.lastSnapshotSeq = total;
    const vmqAssignments: Snapshot['vmqAssignments'] = [];
    this.vmqOwner.forEach((vi, q) => {
      if (q > 0 && vi >= 0) vmqAssignments.push({ queue: q, vm: (this.vms[vi] as VmRt).id as VmId, lp: this.queueLp(q) });
    });
    const vfAssignments: Snapshot['vfAssignments'] = [];
    this.vfOwner.forEach((vi, k) => {
      if (k > 0 && vi >= 0) vfAssignments.push({ vf: k, vm: (this.vms[vi] as VmRt).id as VmId });
    });
    return {
      timeNs: this.nowNs,
      accounting: this.accounting(),
      vms: this.vms.filter((v) => v.alive).map((v) => this.vmState(v)),
      vmqAssignments,
      vfAssignments,
      linkUp: this.linkUp,
      events,
      eventsDropped: dropped,
    };
  }

  private ensureLinkLookup(): Map<number, number> {
    if (this.linkLookup && this.linkLookupVersion === this.topoVersion) return this.linkLookup;
    const m = new Map<number, number>();
    const links = this.topology().links;
    for (const l of links) m.set(this.intern(l.from) * 1048576 + this.intern(l.to), l.index);
    // Work done inside one component (from = to) is drawn at that component: the end of a data
    // link that arrives there (or of any link, for components no data link reaches).
    for (const pass of ['data', null] as const) {
      for (const l of links) {
        if (pass && l.kind !== pass) continue;
        const self = this.intern(l.to) * 1048577;
        if (!m.has(self)) m.set(self, l.index);
      }
    }
    this.linkLookup = m;
    this.linkLookupVersion = this.topoVersion;
    return m;
  }

  fillInFlight(buf: InFlightBuffer): InFlightBuffer {
    const lookup = this.ensureLinkLookup();
    const now = this.nowNs;
    let n = 0;
    for (let s = 0; s < this.hw; s++) {
      if (!this.mAlive[s] || this.mKind[s] === MK_TOKEN) continue;
      const from = this.mFrom[s] as number;
      const to = this.mTo[s] as number;
      if (from < 0 || to < 0) continue;
      const link = lookup.get(from * 1048576 + to);
      if (link === undefined) continue;
      if (n >= buf.capacity) growInFlight(buf, buf.capacity * 2);
      const st = this.mStart[s] as number;
      const en = this.mEnd[s] as number;
      buf.packetId[n] = this.mId[s] as number;
      buf.link[n] = link;
      // A packet between hops is drawn where it waits: at the start of the hop it waits to begin
      // (a busy LP), or at the end of the hop it finished (parked in a ring, queue or moderation).
      buf.progress[n] = from === to
        ? 1
        : this.mOnHop[s]
        ? en > st ? Math.min(1, Math.max(0, (now - st) / (en - st))) : 1
        : this.mAt[s] === from ? 0 : 1;
      buf.path[n] = this.mPath[s] as number;
      n++;
    }
    buf.count = n;
    return buf;
  }

  private slotOf(id: number): number {
    for (let s = 0; s < this.hw; s++) if (this.mAlive[s] && this.mKind[s] !== MK_TOKEN && this.mId[s] === id) return s;
    return -1;
  }

  packet(id: number): PacketInfo | null {
    const s = this.slotOf(id);
    if (s < 0) return null;
    const route = this.routes[this.mRoute[s] as number] as Route;
    const code = route.code;
    const pc = this.mPc[s] as number;
    const vi = code[Math.min(pc, route.steps - 1) * STEP_ + F_VM] as number;
    const fi = this.mFlow[s] as number;
    const flow = this.cfg.flows[fi];
    let frame: PacketInfo['frame'] = null;
    if (this.mKind[s] === MK_DATA && flow) frame = this.frameOf(fi, this.mReply[s] === 1, this.mL4[s] as number);
    const planned: string[] = [];
    for (let i = this.mOnHop[s] ? pc + 1 : pc; i < route.steps; i++) if (code[i * STEP_ + F_OP] === OP_HOP) planned.push(this.names[code[i * STEP_ + F_TO] as number] as string);
    const vm = vi >= 0 ? this.vms[vi] : undefined;
    const msg = this.mMsg[s] as number;
    return {
      id,
      flowId: flow && this.mKind[s] === MK_DATA ? flow.id : null,
      path: PATH_KINDS[this.mPath[s] as number] as PathKind,
      vm: (vm?.id ?? null) as VmId | null,
      frame,
      message: msg >= 0 ? (this.names[msg] as string) : null,
      createdNs: this.mCreated[s] as number,
      hop: this.mOnHop[s]
        ? { from: this.names[this.mFrom[s] as number] as string, to: this.names[this.mTo[s] as number] as string, startNs: this.mStart[s] as number, endNs: this.mEnd[s] as number }
        : null,
      at: this.mAt[s] as number >= 0 ? (this.names[this.mAt[s] as number] as string) : 'unknown',
      encapsulation: encapsulation(this.mEnc[s] as number, frame, msg >= 0 ? (this.names[msg] as string) : null, { vf: vm?.vfAssigned ?? 0, relid: 1, transId: id, section: id % 170 }),
      plannedRoute: planned,
    };
  }

  private frameOf(fi: number, reply: boolean, l4: number): PacketInfo['frame'] {
    const f = this.cfg.flows[fi];
    if (!f) return null;
    const a = this.vmOf(f.vm);
    const vmA = this.vms[a];
    const ext = { mac: EXTERNAL_MAC, ip: EXTERNAL_IP };
    const A = vmA ? { mac: vmA.mac, ip: vmA.ip } : ext;
    const P = f.direction === 'vm-to-vm' ? (this.vms[this.vmOf(f.peerVm)] ?? null) : null;
    let src = A;
    let dst = P ? { mac: P.mac, ip: P.ip } : ext;
    if (f.direction === 'external-to-vm') [src, dst] = [ext, A];
    if (reply) [src, dst] = [dst, src];
    return buildFrame({ srcMac: src.mac, dstMac: dst.mac, srcIp: src.ip, dstIp: dst.ip, vlan: vmA?.vlan ?? null }, f.protocol, fi, f.packetBytes, l4, reply);
  }

  packetHistory(id: number): TraceEvent[] {
    const out: TraceEvent[] = [];
    const total = this.eventCount;
    const first = Math.max(0, total - this.ringCap);
    for (let seq = first; seq < total; seq++) if (this.tP[seq & this.ringMask] === id) out.push(this.eventAt(seq));
    return out;
  }

  metrics(): Metrics {
    const bucketIndex = this.bucket;
    const span = Math.min(WINDOW_BUCKETS, bucketIndex + 1);
    // The window covers the current (partial) bucket and the WINDOW_BUCKETS − 1 before it.
    const winNs = Math.max(1, this.nowNs - Math.max(0, (bucketIndex - span + 1) * BUCKET_NS));
    const perVm: Metrics['perVm'] = {};
    for (const vm of this.vms) {
      if (!vm.alive) continue;
      const c = vm.counters;
      perVm[vm.id as VmId] = { ...c.toPathMetrics(winNs, bucketIndex), drops: c.drops, ringOutPeak: c.ringOutPeak, ringInPeak: c.ringInPeak };
    }
    const perLp: Metrics['perLp'] = [];
    for (let lp = 0; lp < this.L; lp++) {
      let win = 0;
      for (let k = 0; k < span; k++) win += this.lpWin[lp * WINDOW_BUCKETS + ((bucketIndex - k + WINDOW_BUCKETS) % WINDOW_BUCKETS)] as number;
      const byPartition: Partial<Record<PartitionId, number>> = {};
      for (let p = 0; p < MAX_PARTS; p++) {
        const c = this.lpPart[lp * MAX_PARTS + p] as number;
        if (c > 0) byPartition[this.partitionName(p)] = c;
      }
      perLp.push({ lp, cycles: this.lpCycles[lp] as number, utilisation: Math.min(1, win / (winNs * 3)), byPartition });
    }
    const perPartition: Partial<Record<PartitionId, number>> = {};
    for (let p = 0; p < MAX_PARTS; p++) if ((this.partCycles[p] as number) > 0) perPartition[this.partitionName(p)] = this.partCycles[p] as number;
    return {
      simTimeNs: this.nowNs,
      accounting: this.accounting(),
      perPath: {
        synthetic: (this.perPath[0] as PathCounters).toPathMetrics(winNs, bucketIndex),
        emulated: (this.perPath[1] as PathCounters).toPathMetrics(winNs, bucketIndex),
        sriov: (this.perPath[2] as PathCounters).toPathMetrics(winNs, bucketIndex),
      },
      perVm,
      perLp,
      perPartition,
      events: this.eventCount,
    };
  }

  subscribe(listener: (e: TraceEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Introspection for scenarios and tests
  // ---------------------------------------------------------------------------------------------

  /** True once every VM can carry data and no control sequence is running. */
  settled(): boolean {
    return this.vms.every((v) => !v.alive || (v.dataReady && !v.ctlBusy));
  }

  /**
   * Sum of hop latencies of flow `fi`'s route (request direction) with no waiting: the time a
   * packet spends crossing links when nothing contends (exact in load-generator mode).
   */
  routeActiveNs(fi: number, reply = false): number {
    const r = this.routes[this.routeFor(fi, reply)] as Route;
    let t = 0;
    for (let i = 0; i < r.steps; i++) {
      const b = i * STEP_;
      if (r.code[b + F_OP] !== OP_HOP) continue;
      const from = r.code[b + F_FROM];
      if (from === r.code[b + F_TO]) continue;
      t += r.code[b + F_LAT] as number;
      if ((r.code[b + F_KIND] as number) & FLAG_IOMMU_) t += M.iotlbMissProbability * H14_NS * this.scale;
    }
    return t;
  }

  /** Sum of all hop latencies (including same-component steps such as copies). */
  routeTotalNs(fi: number, reply = false): number {
    const r = this.routes[this.routeFor(fi, reply)] as Route;
    let t = 0;
    for (let i = 0; i < r.steps; i++) if (r.code[i * STEP_ + F_OP] === OP_HOP) t += r.code[i * STEP_ + F_LAT] as number;
    return t;
  }

  /** Latency histogram of delivered data packets per path (tests). */
  pathLatency(path: Exclude<PathKind, 'control'>): LatencyHistogram {
    return (this.perPath[PATH_INDEX[path]] as PathCounters).latency;
  }
}

/** Allocate an InFlightBuffer for fillInFlight(); it grows when more packets are in flight. */
export function createInFlightBuffer(capacity = 1024): InFlightBuffer {
  const c = Math.max(1, capacity);
  return { count: 0, capacity: c, packetId: new Int32Array(c), link: new Int32Array(c), progress: new Float32Array(c), path: new Uint8Array(c) };
}

function growInFlight(buf: InFlightBuffer, capacity: number): void {
  const p = new Int32Array(capacity);
  p.set(buf.packetId);
  const l = new Int32Array(capacity);
  l.set(buf.link);
  const g = new Float32Array(capacity);
  g.set(buf.progress);
  const k = new Uint8Array(capacity);
  k.set(buf.path);
  buf.packetId = p;
  buf.link = l;
  buf.progress = g;
  buf.path = k;
  buf.capacity = capacity;
}
