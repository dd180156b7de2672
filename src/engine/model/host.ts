/**
 * The Hyper-V host: the kernel (core/) bound to the model's components. This class holds the
 * model's state as plain fields (bitECS style: data here, behaviour in the component modules
 * beside it, which take the host as their first argument) and binds the kernel's hooks to them
 * once: a station's PUT/COMMIT go to its component by kind, an ACTION to the component that owns
 * it. The per-event path stays in core/kernel.ts.
 *
 * Invariants (with the kernel's): accounting sent = delivered + dropped + inFlight for data
 * packets; the engine never reads the wall clock or Math.random, and uses only ES2022.
 */
import { Kernel } from '../core/kernel';
import { EK, F, FLAG_MISS, OP, RouteBuilder, STEP, type CostSource, type Route } from '../core/program';
import { COST_TABLE, CYCLES_PER_NS, MODEL, cost } from '../costs';
import { cloneConfig } from '../config';
import { BUCKET_NS, LatencyHistogram, PathCounters, WINDOW_BUCKETS } from '../metrics';
import { buildTopology, vswitchChain } from '../topology';
import { ACT, ADMIT, MAX_PARTS, PART_HV, PART_ROOT, PATH_INDEX, Q_FAULT, Q_FLOW, Q_MOD_TIMER, Q_READER, Q_RETX } from './codes';
import { emitSimple } from './control-path';
import { configureIotlb } from './iommu';
import { legacyAdmit, isrNext, isrStart, legacyCommit, legacyTxDone, legacyTxPut } from './worker-process';
import { guestRxDone, mtuChanged, sendCompletionsRead, takeSendSection } from './netvsc';
import { hostSendDone } from './netvsp';
import { createNicQueues, onModTimer, queueCommit, queuePut, setLink } from './nic';
import { addVm, removeVm, setAdapter, vmOf, type VmRt } from './partition';
import type { PathCtx } from './paths/context';
import { createNicSwitch } from './pf-miniport';
import { setSriov, vfBringUp, vfRemove } from './sriov-vf';
import { ST, drain, wake, type Station } from './station';
import { createTcpState, type TcpState } from './tcp';
import { flowTick, onDelivered, onDropped, retransmit, routeFor, startFlows } from './traffic';
import { queueLp, setVmq } from './vmq';
import { reconcileAll, reconcileRss } from './vrss';
import { ringCommit, ringPut, unblock } from './vmbus-ring';
import { setExtensions } from './vswitch';
import { countPolicyDrop, mirrorCopy, portLimitAdmit, portPolicyChanged, portPolicyOf, qosResource, type PortStats } from './port-policy';
import { H12_TOTAL_NS } from './intercepts';
import { MAX_VMS } from '../config';
import { eventAt } from '../views/trace-event';
import { fillInFlight, type LinkLookup } from '../views/inflight';
import { packetHistory, packetInfo } from '../views/packet';
import { metricsOf } from '../views/metrics';
import { snapshotOf } from '../views/snapshot';
import type { PartitionId, ConfigChange, FaultEvent, FaultKind, InFlightBuffer, Metrics, PacketInfo, PathKind, SimConfig, Simulation, SimulationOptions, Snapshot, Topology, TraceEvent, VmConfig, VmId } from '../types';
import { OFFLOAD_KEYS, type RouteOffloads } from './offloads';

const DEFAULT_MAX_EVENTS = 20_000;

const COST_INDEX = new Map<string, number>(COST_TABLE.map((r, i) => [r.id, i]));
const COSTS: CostSource = { row: cost, index: (id) => COST_INDEX.get(id) ?? -1, cyclesPerNs: CYCLES_PER_NS };

const EK_vmexit = EK.vmexit;
const EK_hypercall = EK.hypercall;
const EK_interrupt = EK.interrupt;
const EK_copy = EK.copy;
// count() relies on the four counted kinds being consecutive.
if (EK_hypercall !== EK_vmexit + 1 || EK_interrupt !== EK_vmexit + 2 || EK_copy !== EK_vmexit + 3) throw new Error('event kinds out of order');

export class Host extends Kernel implements Simulation {
  cfg: SimConfig;
  readonly scale: number;
  readonly L: number;

  // Components' state.
  readonly vms: VmRt[] = [];
  readonly vmIndex = new Map<string, number>();
  readonly stations: Station[] = [];
  readonly nicqs: number[] = [];
  readonly wireTxRes: number;
  readonly wireRxRes: number;
  vmqOwner: number[];
  vfOwner: number[];
  connectOrder: number[] = [];
  flowEpoch = 0;
  flowNextSeq: number[] = [];
  /** Per flow (request direction): sent, delivered, dropped, delivered frame bytes (views/metrics.ts). */
  flowSent: number[] = [];
  flowDelivered: number[] = [];
  flowDropped: number[] = [];
  flowBytes: number[] = [];
  /** Per flow: packets gathered towards the next LSO/RSC group (model/offloads.ts). */
  flowPending: number[] = [];
  /** Offloads of the flow routes that carry any, by route id (routes are never reused). */
  readonly routeOff = new Map<number, RouteOffloads>();
  /** TCP connections (one per TCP flow) and IPv4 identification per sender. */
  readonly tcp: TcpState;
  /** Flow routes by flow index × ROUTES_PER_FLOW + segment size class × 2 + reply (traffic.ts routeFor). */
  readonly flowRoutes = new Map<number, number>();
  /** Port policy (port-policy.ts): counters and bandwidth pacers per VM index, made on first use. */
  readonly portStats = new Map<number, PortStats>();
  readonly qosRes = new Map<number, number>();
  /** Control-message routes by VM, generation and message. */
  readonly controlRoutes = new Map<string, number>();
  private topo: Topology | null = null;
  topoVersion = 0;

  // Counters (views/metrics.ts reads them).
  readonly dropsByReason = new Map<string, number>();
  readonly perPath = [new PathCounters(), new PathCounters(), new PathCounters(), new PathCounters()];
  readonly lpCycles: Float64Array;
  readonly lpPart: Float64Array;
  readonly lpWin: Float64Array;
  readonly partCycles = new Float64Array(MAX_PARTS);
  bucket = 0;

  // Snapshot state.
  readonly maxEvents: number;
  lastSnapshotSeq = 0;
  linkLookup: LinkLookup | null = null;
  linkLookupVersion = -1;

  // Interned ids of details used on hot paths.
  readonly idMask1: number;
  readonly idMask1Note: number;
  readonly idMask0: number;
  readonly idMask0Note: number;

  constructor(config: SimConfig, options: SimulationOptions) {
    const maxEvents = Math.max(1, options.maxEventsPerSnapshot ?? DEFAULT_MAX_EVENTS);
    super(options.seed, config.logicalProcessors, config.loadGenerator !== undefined, maxEvents);
    this.maxEvents = maxEvents;
    this.cfg = cloneConfig(config);
    this.scale = config.loadGenerator?.hopTimeScale ?? 1;
    this.L = config.logicalProcessors;
    this.lpCycles = new Float64Array(this.L);
    this.lpPart = new Float64Array(this.L * MAX_PARTS);
    this.lpWin = new Float64Array(this.L * WINDOW_BUCKETS);
    this.nextTickNs = BUCKET_NS;
    configureIotlb(this, this.scale);
    this.tcp = createTcpState(this.seed);
    this.idMask1 = this.intern('interrupt_mask=1');
    this.idMask1Note = this.intern('reader draining: writer does not signal');
    this.idMask0 = this.intern('interrupt_mask=0');
    this.idMask0Note = this.intern('ring empty: reader unmasks and re-checks');

    // Resources: LPs (the kernel's first L), then the physical link's two directions, then per-VM serialisers.
    this.wireTxRes = this.res.add();
    this.wireRxRes = this.res.add();
    this.vmqOwner = new Array<number>(this.cfg.nic.vmqQueues + 1).fill(-1);
    this.vfOwner = new Array<number>(this.cfg.nic.vfCount + 1).fill(-1);
    createNicQueues(this, this.cfg.nic.vmqQueues);
    if (this.cfg.sriov) createNicSwitch(this);
    for (const v of this.cfg.vms) addVm(this, v);
    startFlows(this);
    this.cfg.faults.forEach((f, i) => this.sched.push(f.atNs, Q_FAULT, i));
  }

  get config(): Readonly<SimConfig> {
    return this.cfg;
  }

  /**
   * A route builder. Data routes are scaled by the load generator's hopTimeScale; in load-generator
   * mode control and token routes take 1 ns per hop so that every VM is up at once.
   */
  builder(scaled: boolean): RouteBuilder {
    return new RouteBuilder((s) => this.intern(s), COSTS, scaled ? this.scale : 1, !scaled && this.uncontended ? 1 : null);
  }

  pathCtx(): PathCtx {
    return {
      builder: () => this.builder(true),
      addRoute: (build) => this.routes.add(build),
      vm: (vi) => this.vms[vi] as VmRt,
      queueLp: (q) => queueLp(q, this.L),
      nicq: (q) => this.nicqs[q] as number,
      wireTxRes: this.wireTxRes,
      wireRxRes: this.wireRxRes,
      linkGbps: this.cfg.nic.linkGbps,
      chain: vswitchChain(this.cfg),
      lg: this.uncontended,
      // Port policy (issue 11): read from the configuration the routes are compiled against.
      policy: (vi) => portPolicyOf(this.cfg.vms.find((v) => v.id === this.vms[vi]?.id)),
      qosRes: (vi) => qosResource(this, vi),
      mirrorDestinations: () => this.vms.filter((v) => v.alive && this.cfg.vms.find((c) => c.id === v.id)?.nic?.mirror === 'destination').map((v) => v.vi),
    };
  }

  topoChanged(): void {
    this.topoVersion++;
    this.topo = null;
  }

  /** The partition a trace charge names: root, hv or a VM id. */
  partitionName(part: number): PartitionId {
    if (part === PART_ROOT) return 'root';
    if (part === PART_HV) return 'hv';
    return (this.vms[part - 2]?.id ?? `vm${part - 1}`) as VmId;
  }

  // --- Kernel hooks, bound to the components -------------------------------------------------

  protected stationPut(sti: number, s: number, code: Int32Array, b: number): number {
    const st = this.stations[sti] as Station;
    if (st.kind === ST.RING) return ringPut(this, st, s, code, b);
    if (st.kind === ST.NICQ || st.kind === ST.VFQ) return queuePut(this, st, s, code, b);
    if (st.kind === ST.LEGACY_TX) return legacyTxPut(this, st, s, code, b);
    return 1;
  }

  protected stationCommit(sti: number, s: number, code: Int32Array, b: number): void {
    const st = this.stations[sti] as Station;
    if (st.kind === ST.RING) ringCommit(this, st, s, code, b);
    else if (st.kind === ST.NICQ || st.kind === ST.VFQ) queueCommit(this, st, s);
    else legacyCommit(this, st, s);
  }

  protected action(act: number, arg: number, s: number): void {
    switch (act) {
      case ACT.WAKE:
        return wake(this, this.stations[arg] as Station);
      case ACT.UNBLOCK:
        return unblock(this, this.stations[arg] as Station);
      case ACT.HOST_SEND_DONE:
        return hostSendDone(this, arg);
      case ACT.GUEST_RX_DONE:
        return guestRxDone(this, arg);
      case ACT.LEGACY_TX_DONE:
        return legacyTxDone(this, arg);
      case ACT.CALLBACK: {
        // Control routes are cached and shared: the callback id lives on the mover.
        const cb = this.mv.cb[s] as number;
        this.mv.cb[s] = -1;
        if (cb >= 0) this.runCallback(cb);
        else if (arg >= 0) this.runCallback(arg);
        return;
      }
      case ACT.ISR_START:
        return isrStart(this, this.stations[arg] as Station);
      case ACT.ISR_NEXT:
        return isrNext(this, this.stations[arg] as Station);
      case ACT.TX_WAKE:
        return sendCompletionsRead(this, arg);
      case ACT.SEND_SECTION:
        return takeSendSection(this, s, arg);
      case ACT.PORT_MIRROR:
        return mirrorCopy(this, arg, s);
      case ACT.PORT_POLICY_DROP:
        return countPolicyDrop(this, arg);
      case ACT.VP_STALL: {
        const vm = this.vms[arg];
        if (vm) vm.vpStallNs += H12_TOTAL_NS;
        return;
      }
    }
  }

  protected admit(kind: number, arg: number): boolean {
    if (kind === ADMIT.PORT_LIMIT) return portLimitAdmit(this, arg);
    return legacyAdmit(this, kind, arg);
  }

  protected routeValid(r: Route): boolean {
    if (r.vmA >= 0 && (this.vms[r.vmA] as VmRt).gen !== r.genA) return false;
    if (r.vmB >= 0 && (this.vms[r.vmB] as VmRt).gen !== r.genB) return false;
    return true;
  }

  protected onDeliver(s: number, route: Route, vi: number): void {
    onDelivered(this, s, route, vi);
  }

  protected onDrop(s: number, reason: number, vi: number): void {
    onDropped(this, s, reason, vi);
  }

  protected onEvent(op: number, a: number, b: number): void {
    switch (op) {
      case Q_FLOW:
        return flowTick(this, a, b);
      case Q_READER: {
        const st = this.stations[a] as Station;
        if (st.kind === ST.LEGACY) isrNext(this, st);
        else drain(this, st);
        return;
      }
      case Q_MOD_TIMER:
        return onModTimer(this, this.stations[a] as Station);
      case Q_FAULT: {
        const f = this.cfg.faults[a];
        if (f) this.fault(f);
        return;
      }
      case Q_RETX:
        return retransmit(this, a, b);
    }
  }

  /** Counters by kind and CPU charges (cost table rows → partition, LP, path, VM). */
  protected count(kind: number, path: number, part: number, lp: number, cycles: number, vi: number): void {
    // Most events (sends, deliveries, DMA, uncharged hops) touch no counter: leave before loading
    // the path's and the VM's counters (issue 13: this runs once per event).
    const charged = part >= 0 && cycles > 0;
    if (!charged && (kind < EK_vmexit || kind > EK_copy)) return;
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
    if (charged) {
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
  }

  /** Advance the sliding-window buckets of the throughput and utilisation figures. */
  protected onTick(t: number): void {
    const nb = Math.floor(t / BUCKET_NS);
    while (this.bucket < nb) {
      this.bucket++;
      const bi = this.bucket % WINDOW_BUCKETS;
      for (const pc of this.perPath) pc.windowBytes[bi] = 0;
      for (const vm of this.vms) vm.counters.windowBytes[bi] = 0;
      for (let lp = 0; lp < this.L; lp++) this.lpWin[lp * WINDOW_BUCKETS + bi] = 0;
      if (nb - this.bucket > WINDOW_BUCKETS) this.bucket = nb - WINDOW_BUCKETS;
    }
    this.nextTickNs = (this.bucket + 1) * BUCKET_NS;
  }

  eventAt(seq: number): TraceEvent {
    return eventAt(this, seq);
  }

  // --- Faults and runtime changes ------------------------------------------------------------

  private fault(f: Omit<FaultEvent, 'atNs'>): void {
    const vi = vmOf(this, f.vm);
    const at = f.kind === 'link-down' || f.kind === 'link-up' ? 'nic' : f.kind === 'ring-exhaust' ? `${f.vm}.vmbus.in` : f.vm ? `${f.vm}.vf` : 'nic';
    emitSimple(this, 'fault', at, at, f.kind as FaultKind, { vi, ...(f.durationNs ? { note: `for ${f.durationNs} ns` } : {}) });
    switch (f.kind) {
      case 'link-down':
        return setLink(this, false);
      case 'link-up':
        return setLink(this, true);
      case 'vf-remove':
        if (vi >= 0) vfRemove(this, vi, 'vf-remove');
        return;
      case 'vf-add':
        if (vi >= 0) vfBringUp(this, vi);
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
      case 'set-vmq':
        // VMMQ needs VMQ (vrss.ts): its queues follow once VMQ's are assigned or released.
        setVmq(this, change.on, () => {
          if (this.cfg.vmmq) reconcileAll(this);
        });
        return;
      case 'set-sriov':
        return setSriov(this, change.on, () => createNicSwitch(this));
      case 'set-vrss':
        // vrss.ts: subchannels opened (or rescinded) on every synthetic VM it applies to.
        this.cfg = { ...this.cfg, vrss: change.on };
        reconcileAll(this);
        return;
      case 'set-vmmq':
        this.cfg = { ...this.cfg, vmmq: change.on };
        reconcileAll(this);
        return;
      case 'set-vm-nic': {
        const vi = vmOf(this, change.vm);
        if (vi < 0) return;
        this.cfg = { ...this.cfg, vms: this.cfg.vms.map((v) => (v.id === change.vm ? { ...v, nic: { ...v.nic, ...change.settings } } : v)) };
        const vm = this.vms[vi] as VmRt;
        vm.cfg = { ...vm.cfg, nic: { ...vm.cfg.nic, ...change.settings } };
        if (change.settings.vrss !== undefined || change.settings.vmmq !== undefined || change.settings.queues !== undefined) reconcileRss(this, vi);
        portPolicyChanged(this, vi, change.settings);
        // Offloads (model/offloads.ts): new packets take routes compiled with the new settings.
        if (OFFLOAD_KEYS.some((k) => k in change.settings)) this.flowRoutes.clear();
        if ('mtu' in change.settings) mtuChanged(this, vi);
        return;
      }
      case 'set-adapter':
        return setAdapter(this, change.vm, change.adapter);
      case 'add-vm': {
        const alive = this.vms.filter((v) => v.alive).length;
        if (alive >= MAX_VMS || this.vms.length >= MAX_PARTS - 2) return;
        const num = Math.max(0, ...this.vms.map((v) => v.num)) + 1;
        const v: VmConfig = { id: `vm${num}` as VmId, adapter: change.adapter, vcpus: 2 };
        this.cfg = { ...this.cfg, vms: [...this.cfg.vms, v] };
        addVm(this, v);
        this.topoChanged();
        return;
      }
      case 'remove-vm':
        if (vmOf(this, change.vm) < 0) return;
        removeVm(this, change.vm);
        this.flowRoutes.clear();
        startFlows(this);
        this.topoChanged();
        return;
      case 'set-flows':
        this.cfg = { ...this.cfg, flows: change.flows.map((f) => ({ ...f })) };
        this.flowRoutes.clear();
        startFlows(this);
        return;
      case 'set-extensions':
        return setExtensions(this, change.extensions);
      case 'fault':
        return this.fault(change.fault);
    }
  }

  // --- Views ---------------------------------------------------------------------------------

  topology(): Topology {
    if (!this.topo) this.topo = buildTopology(this.cfg);
    return this.topo;
  }

  topologyVersion(): number {
    return this.topoVersion;
  }

  snapshot(): Snapshot {
    return snapshotOf(this);
  }

  fillInFlight(buf: InFlightBuffer): InFlightBuffer {
    return fillInFlight(this, buf);
  }

  packet(id: number): PacketInfo | null {
    return packetInfo(this, id);
  }

  packetHistory(id: number): TraceEvent[] {
    return packetHistory(this, id);
  }

  metrics(): Metrics {
    return metricsOf(this);
  }

  // --- Introspection for scenarios and tests -------------------------------------------------

  /** True once every VM can carry data and no control sequence is running. */
  settled(): boolean {
    return this.vms.every((v) => !v.alive || (v.dataReady && !v.ctlBusy));
  }

  /** The compiled route of flow `fi` (request direction unless `reply`). */
  flowRoute(fi: number, reply = false): Route {
    return this.routes.get(routeFor(this, fi, reply));
  }

  /**
   * Sum of hop latencies of flow `fi`'s route with no waiting: the time a packet spends crossing
   * links when nothing contends (exact in load-generator mode).
   */
  routeActiveNs(fi: number, reply = false): number {
    return routeNs(this.flowRoute(fi, reply), true, MODEL.iotlbMissProbability * cost('H14').latencyNs * this.scale);
  }

  /** Sum of all hop latencies (including same-component steps such as copies). */
  routeTotalNs(fi: number, reply = false): number {
    return routeNs(this.flowRoute(fi, reply), false, 0);
  }

  /** Latency histogram of delivered data packets per path (tests). */
  pathLatency(path: Exclude<PathKind, 'control'>): LatencyHistogram {
    return (this.perPath[PATH_INDEX[path]] as PathCounters).latency;
  }
}

/** Sum of a route's hop latencies; `linksOnly` skips same-component steps and adds the expected miss time. */
function routeNs(r: Route, linksOnly: boolean, expectedMissNs: number): number {
  let t = 0;
  for (let i = 0; i < r.steps; i++) {
    const b = i * STEP;
    if (r.code[b + F.OP] !== OP.HOP) continue;
    if (linksOnly && r.code[b + F.FROM] === r.code[b + F.TO]) continue;
    t += r.code[b + F.LAT] as number;
    if (linksOnly && (r.code[b + F.KIND] as number) & FLAG_MISS) t += expectedMissNs;
  }
  return t;
}
