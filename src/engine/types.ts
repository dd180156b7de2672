/**
 * Public types of the simulation engine: the contract between `src/engine` and the layers above.
 *
 * Everything here is plain, serializable data. Times are integer nanoseconds of simulated time;
 * CPU costs are cycles at the model's 3.0 GHz reference clock (1 ns = 3 cycles, cost-model §0).
 */

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

/** A child partition: `vm1` … `vm64`. */
export type VmId = `vm${number}`;

/**
 * A component's stable id, used in traces and by the diagram. Fixed ids:
 * `wire`, `nic`, `nic.queue.default`, `nic.queue.<k>`, `nic.eswitch`, `nic.vf.<k>`, `iommu`, `hv`,
 * `lp.<n>`, `root.os`, `root.vmms`, `root.vid`, `root.pf`, `root.vswitch`,
 * `root.vswitch.<capture|filter|forwarding>`, `root.vmbus`, `root.netvsp.<vm>`, `root.vmwp.<vm>`,
 * `root.vpci.<vm>`, `<vm>.stack`, `<vm>.vmbus`, `<vm>.netvsc`, `<vm>.vmbus.out`, `<vm>.vmbus.in`,
 * `<vm>.legacy`, `<vm>.vf`, `<vm>.vpci`, `<vm>.vp.<n>`.
 */
export type ComponentId = string;

/** Who a CPU cost is billed to. `hv` is hypervisor time on the LP that caused it. */
export type PartitionId = 'root' | 'hv' | VmId;

/** The adapter a VM's traffic uses. `sriov` = SR-IOV VF bonded to NetVSC (falls back to synthetic). */
export type AdapterKind = 'synthetic' | 'emulated' | 'sriov';
export const ADAPTER_KINDS = ['synthetic', 'emulated', 'sriov'] as const satisfies readonly AdapterKind[];

/** The route a hop belongs to. `control` = channel setup, NVSP/RNDIS/vPCI/OID messages. */
export type PathKind = 'synthetic' | 'emulated' | 'sriov' | 'control';
export const PATH_KINDS = ['synthetic', 'emulated', 'sriov', 'control'] as const satisfies readonly PathKind[];

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

export type Protocol = 'udp' | 'icmp' | 'tcp';
export type FlowDirection = 'vm-to-external' | 'external-to-vm' | 'vm-to-vm';

/** A stream of packets. `tcp` is a simple request/response: each request gets one reply. */
export interface FlowConfig {
  id: string;
  direction: FlowDirection;
  /** Source VM for vm-to-external and vm-to-vm; destination VM for external-to-vm. */
  vm: VmId;
  /** Destination VM of a vm-to-vm flow. */
  peerVm?: VmId;
  protocol: Protocol;
  /** IP packet size in bytes (64 … 9000). The Ethernet frame adds 14 (+4 with a VLAN tag). */
  packetBytes: number;
  /** Packets per second (constant rate with the PRNG's jitter). */
  ratePps: number;
  /** Default 0. */
  startNs?: number;
  /** Default: runs forever. */
  stopNs?: number;
}

/** Filter extension rule: a packet matching every given field is dropped. */
export interface DropRule {
  id: string;
  protocol?: Protocol;
  /** Destination L4 port (UDP/TCP). */
  dstPort?: number;
  srcVm?: VmId;
  dstVm?: VmId;
}

export interface ExtensionsConfig {
  capture: boolean;
  filter: { enabled: boolean; dropRules: DropRule[] };
  /** At most one forwarding extension per switch (WDK-FWD). */
  forwarding: boolean;
}

export type FaultKind = 'vf-remove' | 'vf-add' | 'link-down' | 'link-up' | 'ring-exhaust';

export interface FaultEvent {
  atNs: number;
  kind: FaultKind;
  /** Required for vf-remove, vf-add and ring-exhaust. */
  vm?: VmId;
  /** ring-exhaust: how long the guest stops draining its in ring. Default 1 ms. */
  durationNs?: number;
}

export interface NicConfig {
  /** VMQ receive queues besides the default queue (0 … 128). */
  vmqQueues: number;
  /** SR-IOV virtual functions (0 … 64). */
  vfCount: number;
  /** 0.1, 1, 10, 25, 40 or 100. */
  linkGbps: number;
}

export interface VmConfig {
  id: VmId;
  adapter: AdapterKind;
  /** Virtual processors (1 … 8). */
  vcpus: number;
  /** Optional 802.1Q VLAN id of the VM's port (1 … 4094), access mode unless `vlanMode` says trunk. */
  vlan?: number;
  /**
   * The port's settings beyond the adapter kind, as `Set-VMNetworkAdapter` and its siblings set
   * them. Every field is optional and absent means the model's default (stated where the field
   * is modelled), so configurations and scenario files written before these existed load as is.
   */
  nic?: VmNicSettings;
}

import type { VmNicSettings } from './portSettings';
export type { PortAclRule, VmNicSettings } from './portSettings';

export interface SimConfig {
  /** 1 … 64 child partitions, ids vm1…vmN in order. */
  vms: VmConfig[];
  /** Host-level VMQ switch. */
  vmq: boolean;
  /** Host-level SR-IOV switch (the vSwitch was created with IOV enabled). */
  sriov: boolean;
  /** Host-level vRSS switch (issue 11); absent means off, so older configurations replay unchanged. */
  vrss?: boolean;
  /** Host-level VMMQ switch (needs VMQ); absent means off. */
  vmmq?: boolean;
  nic: NicConfig;
  /** Logical processors of the host (2 … 64). */
  logicalProcessors: number;
  flows: FlowConfig[];
  extensions: ExtensionsConfig;
  faults: FaultEvent[];
  /**
   * Renderer load generator (the `stress` scenario only): NOT a physical model. When set, CPU,
   * links, rings and queues never make a packet wait or drop, ring readers poll instead of waiting
   * for a signal, interrupt moderation is off, and every data-path hop lasts `hopTimeScale` times its
   * cost-table value so that many packets are visible at once. Added (optional) by the engine; see
   * src/engine/README.md "Contract changes".
   */
  loadGenerator?: { hopTimeScale: number };
}

/** A change applied to a running simulation at its current time. */
export type ConfigChange =
  | { kind: 'set-vmq'; on: boolean }
  | { kind: 'set-sriov'; on: boolean }
  | { kind: 'set-vrss'; on: boolean }
  | { kind: 'set-vmmq'; on: boolean }
  /** Merge `settings` into a VM's port settings (a field set to its default clears it). */
  | { kind: 'set-vm-nic'; vm: VmId; settings: VmNicSettings }
  | { kind: 'set-adapter'; vm: VmId; adapter: AdapterKind }
  | { kind: 'add-vm'; adapter: AdapterKind }
  | { kind: 'remove-vm'; vm: VmId }
  | { kind: 'set-flows'; flows: FlowConfig[] }
  | { kind: 'set-extensions'; extensions: ExtensionsConfig }
  | { kind: 'fault'; fault: Omit<FaultEvent, 'atNs'> };

// ---------------------------------------------------------------------------------------------
// Topology: what the diagram draws
// ---------------------------------------------------------------------------------------------

export type ComponentKind =
  | 'wire'
  | 'nic'
  | 'nic-queue'
  | 'nic-eswitch'
  | 'nic-vf'
  | 'iommu'
  | 'hypervisor'
  | 'lp'
  | 'root-os'
  | 'vmms'
  | 'vid'
  | 'pf-miniport'
  | 'vswitch'
  | 'vswitch-extension'
  | 'vmbus-root'
  | 'netvsp'
  | 'vmwp'
  | 'vpci-vsp'
  | 'guest-stack'
  | 'vmbus-guest'
  | 'netvsc'
  | 'ring-out'
  | 'ring-in'
  | 'legacy-nic'
  | 'vf-miniport'
  | 'vpci-vsc'
  | 'vp';

/** Where a component lives. The diagram's group nodes follow this. */
export type Place = 'hardware' | 'hypervisor' | 'root' | VmId | 'external';

export interface ComponentInfo {
  id: ComponentId;
  /** Dense index, stable for a given topology; used by typed-array snapshots. */
  index: number;
  kind: ComponentKind;
  place: Place;
  /** Kernel or user mode inside a partition; null outside partitions. */
  mode: 'kernel' | 'user' | null;
  /** Owning VM for per-VM components, else null. */
  vm: VmId | null;
  /** Queue/VF/LP/VP number where the id has one. */
  n: number | null;
}

export type LinkKind = 'data' | 'signal' | 'control';

/** A pair of components that a hop can cross, in that direction. */
export interface LinkInfo {
  /** `${from}>${to}` */
  id: string;
  index: number;
  from: ComponentId;
  to: ComponentId;
  kind: LinkKind;
}

export interface Topology {
  components: ComponentInfo[];
  links: LinkInfo[];
  componentIndex: ReadonlyMap<ComponentId, number>;
  linkIndex: ReadonlyMap<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Packets and encapsulation
// ---------------------------------------------------------------------------------------------

export interface EthernetFrame {
  srcMac: string;
  dstMac: string;
  /** 802.1Q VLAN id, or null when untagged. */
  vlan: number | null;
  etherType: 0x0800;
  srcIp: string;
  dstIp: string;
  protocol: Protocol;
  srcPort: number | null;
  dstPort: number | null;
  /** ICMP echo id/seq or TCP seq number, for captures and explanations. */
  l4Seq: number;
  /** IP packet length in bytes. */
  ipBytes: number;
  /** Ethernet frame length (header + payload + FCS), bytes. */
  frameBytes: number;
  /** True for the TCP-like reply or ICMP echo reply. */
  isReply: boolean;
  /** IPv4 identification: a counter per sender that advances with every packet it sends. */
  ipId?: number;
  /** The TCP header of a TCP segment (model/tcp.ts); `ipBytes` includes its header and options. */
  tcp?: TcpHeader;
  /** ICMP echo identifier (one per flow) and sequence number (the request number, 16 bits). */
  icmp?: { id: number; seq: number };
}

/** A TCP header as sent: raw numbers as on the wire, relative ones as Wireshark shows them. */
export interface TcpHeader {
  seq: number;
  ack: number;
  /** Seq and ack relative to the ISNs (the SYN is seq 0). */
  relSeq: number;
  relAck: number;
  /** FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10. */
  flags: number;
  /** e.g. `SYN, ACK` or `PSH, ACK`. */
  flagNames: string;
  /** The window field (scaled by 2^windowShift once the handshake is done; SYNs are unscaled). */
  window: number;
  /** The receive window in bytes (window << scale once the handshake is done), as Wireshark shows it. */
  windowBytes: number;
  /** SYN and SYN-ACK options: MSS and window scale shift; null on other segments. */
  mss: number | null;
  windowShift: number | null;
  /** Payload bytes. */
  payloadBytes: number;
}

/**
 * One layer of encapsulation, outermost first in `Packet.encapsulation`.
 * `name` is the protocol's own spelling (e.g. `VMBus DATA_USING_XFER_PAGES (7)`), `fields` its key values.
 */
export interface EncapLayer {
  layer:
    | 'vmbus-packet'
    | 'nvsp'
    | 'rndis'
    | 'transfer-page'
    | 'tulip-descriptor'
    | 'dma-descriptor'
    | 'nbl'
    | 'ethernet';
  name: string;
  fields: Record<string, string | number | boolean>;
}

export interface PacketInfo {
  id: number;
  flowId: string | null;
  path: PathKind;
  /** VM whose adapter carries the packet at this moment (source or destination side). */
  vm: VmId | null;
  frame: EthernetFrame | null;
  /** Control messages carry a message name instead of a frame, e.g. `NVSP_INIT`. */
  message: string | null;
  createdNs: number;
  /** The hop currently being crossed, or null between hops (queued in a ring or waiting). */
  hop: { from: ComponentId; to: ComponentId; startNs: number; endNs: number } | null;
  /** Where it waits when `hop` is null. */
  at: ComponentId;
  /** Current encapsulation, outermost first. */
  encapsulation: EncapLayer[];
  /** Components still ahead on the route chosen when the packet entered its path. */
  plannedRoute: ComponentId[];
  /** An LSO large send cut into `frames` frames by the NIC, or an RSC receive of `frames` segments (model/offloads.ts). */
  offload?: { kind: 'lso' | 'rsc'; frames: number; mss: number };
}

// ---------------------------------------------------------------------------------------------
// Trace events
// ---------------------------------------------------------------------------------------------

export type EventKind =
  /** A packet (data or control message) crosses from → to over [t, t + dur]. */
  | 'hop'
  /** A guest VP exits to the hypervisor (register access, EOI, ...); `detail` says why. */
  | 'vmexit'
  /** A hypercall; `detail` is its name (HvCallSignalEvent, HvCallPostMessage, ...). */
  | 'hypercall'
  /** An interrupt is delivered (physical MSI-X to an LP, SynIC, virtual interrupt to a VP). */
  | 'interrupt'
  /** A frame is copied between buffers (NetVSP into the receive buffer, VMWP into guest RAM, ...). */
  | 'copy'
  /** A device DMA, translated by the IOMMU when `from`/`to` is `iommu`. */
  | 'dma'
  /** A packet enters the simulation at its source. */
  | 'send'
  /** A packet reaches its destination stack or the wire. */
  | 'deliver'
  /** A packet is dropped; `detail` is the reason. */
  | 'drop'
  /** Ring state change: mask set/cleared, ring full, pending_send_sz. */
  | 'ring'
  /** A management step: OID, VMQ filter set, VF allocation, IOMMU mapping, data path switch. */
  | 'config'
  /** A fault injected by the configuration or the user. */
  | 'fault';

export interface CpuCharge {
  partition: PartitionId;
  /** Logical processor the cycles run on. */
  lp: number;
  /** Virtual processor index for guest charges, else null. */
  vp: number | null;
  cycles: number;
}

export interface TraceEvent {
  /** Start time, ns. */
  t: number;
  /** Global sequence number: total order of events, tie-break for equal `t`. */
  seq: number;
  kind: EventKind;
  packet: number | null;
  from: ComponentId;
  to: ComponentId;
  path: PathKind;
  cpu: CpuCharge | null;
  /** Message or reason name, e.g. `OPENCHANNEL`, `NVSP_INIT`, `SWITCH_DATA_PATH`, `ring-full`. */
  detail: string;
  /** Duration, ns (0 for instantaneous events). */
  dur: number;
  /** Owning VM of the event when there is one. */
  vm: VmId | null;
  /** Id of the cost-table row (`H6`, `H12`, ...) that set `dur` and `cpu`, or null. */
  cost: string | null;
  /**
   * Optional explanation (mechanism, message fields), e.g. `HvCallPostMessage (0x005C)`.
   * Added by the engine (optional).
   */
  note?: string;
  /**
   * True when the step is an inference marked "(U)" / unverified in hyperv-facts.md.
   * Added by the engine (optional); absent means verified or not applicable.
   */
  unverified?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Live state and metrics
// ---------------------------------------------------------------------------------------------

export interface RingState {
  /** Bytes of the data area (512 KiB minus the 4 KiB header for netvsc). */
  sizeBytes: number;
  usedBytes: number;
  writeIndex: number;
  readIndex: number;
  /** Reader's interrupt_mask (1 = reader is draining; writer does not signal). */
  interruptMask: boolean;
  pendingSendSz: number;
  packets: number;
}

export interface VmState {
  id: VmId;
  adapter: AdapterKind;
  /** The data path the VM's traffic uses right now (sriov falls back to synthetic). */
  activePath: Exclude<PathKind, 'control'>;
  /** VMBus channel state of the synthetic NIC. */
  channel: 'offered' | 'open' | 'closed' | 'none';
  nvsp: 'none' | 'initializing' | 'ready';
  out: RingState;
  in: RingState;
  vmqQueue: number | null;
  /** LP that processes this VM's receive work in the root (the queue's LP, or the default queue's). */
  rxLp: number;
  vf: number | null;
  /** GPA ranges the IOMMU maps for this VM's VF (empty without a VF). */
  iommuMappings: { gpaStart: string; gpaEnd: string; spaStart: string; rid: string }[];
  mac: string;
  ip: string;
  /**
   * NetVSC's send buffer (fidelity audit D5): sections free of `sections`, each `sectionBytes`.
   * A frame that does not fit, or finds none free, is sent GPA-direct. Added by issue 11.
   */
  sendBuffer?: { sections: number; free: number; sectionBytes: number };
  /** NetVSC has stopped its send queue (netif_tx_stop_queue, audit D4). Added by issue 11. */
  txQueueStopped?: boolean;
  /**
   * vRSS/VMMQ (issue 11, model/vrss.ts): the vNIC's open channels (primary + subchannels), each
   * channel's target VP and the LP that VP runs on, the NIC queue of each channel under VMMQ, and
   * the root LP that processes each channel's receive work. `mode`: `vmmq` (the NIC spreads),
   * `vrss` (the host spreads in software), `guest-only` (no VMQ queue: only the guest spreads).
   * Absent with one channel.
   */
  rss?: { channels: number; targetVps: number[]; vpLps: number[]; queues: number[]; hostLps: number[]; mode: 'vmmq' | 'vrss' | 'guest-only' };
}

export interface LatencyStats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PathMetrics {
  packets: number;
  bytes: number;
  /** Goodput over the window, bits per second of simulated time. */
  throughputBps: number;
  latencyNs: LatencyStats;
  vmExits: number;
  hypercalls: number;
  interrupts: number;
  copies: number;
  /** Root partition cycles spent on this path's packets. */
  rootCycles: number;
  guestCycles: number;
  hvCycles: number;
}

export interface Accounting {
  sent: number;
  delivered: number;
  dropped: number;
  inFlight: number;
  dropsByReason: Record<string, number>;
}

/**
 * A VM port's policy at work (issue 11; engine/model/port-policy.ts), present only for a port
 * with policy: frames its ACL/VLAN policy dropped, frames its bandwidth pacer held back (and for
 * how long in all) or dropped, mirrored copies it received as a mirror destination, and whether
 * its traffic bypasses the vSwitch right now (data on its SR-IOV VF: the policy does not apply).
 */
export interface PortPolicyMetrics {
  policyDrops: number;
  limitDrops: number;
  limitHeld: number;
  limitWaitNs: number;
  mirrored: number;
  bypassed: boolean;
}

export interface Metrics {
  simTimeNs: number;
  accounting: Accounting;
  perPath: Record<Exclude<PathKind, 'control'>, PathMetrics>;
  /** `vpStallNs`: time the VM's vCPU has stalled in emulated-device register intercepts (issue 11, D8). */
  perVm: Record<VmId, PathMetrics & { drops: number; ringOutPeak: number; ringInPeak: number; vpStallNs?: number; portPolicy?: PortPolicyMetrics }>;
  /** Cycles per LP since start, and utilisation over the last window (busy share; never clipped, fidelity audit D1). */
  perLp: { lp: number; cycles: number; utilisation: number; byPartition: Partial<Record<PartitionId, number>> }[];
  perPartition: Partial<Record<PartitionId, number>>;
  /**
   * Per configured flow (same order as `config.flows`), request direction only (replies of TCP/ICMP
   * flows are not counted here): packets sent, delivered and dropped since the flows last started,
   * and delivered Ethernet-frame bytes (header + payload + FCS). Rates come from differencing two
   * calls. Optional for older producers.
   */
  perFlow?: { id: string; sent: number; delivered: number; dropped: number; deliveredBytes: number }[];
  events: number;
}

// ---------------------------------------------------------------------------------------------
// Snapshots for the view
// ---------------------------------------------------------------------------------------------

/**
 * Packets in flight as struct-of-arrays, filled in place each animation frame (no allocation
 * per packet). Entry i crosses link `link[i]` with progress `progress[i]` in 0…1; a packet that
 * waits between hops (busy LP, parked in a ring or queue) is listed on its link at progress 0
 * (waiting to start it) or 1 (waiting after it), so it stays visible where it is.
 */
export interface InFlightBuffer {
  count: number;
  capacity: number;
  packetId: Int32Array;
  link: Int32Array;
  progress: Float32Array;
  /** Index into PATH_KINDS. */
  path: Uint8Array;
  /** Frames each entry stands for (> 1: LSO large send or RSC-coalesced receive, model/offloads.ts). */
  frames?: Uint16Array;
}

export interface Snapshot {
  timeNs: number;
  accounting: Accounting;
  vms: VmState[];
  /** VMQ queue number → VM, for queues in use. */
  vmqAssignments: { queue: number; vm: VmId; lp: number }[];
  vfAssignments: { vf: number; vm: VmId }[];
  /** Link state of the physical port. */
  linkUp: boolean;
  /** Events recorded since the previous snapshot() call (bounded; oldest dropped first). */
  events: TraceEvent[];
  /** How many events were not returned because the bound was reached. */
  eventsDropped: number;
}

// ---------------------------------------------------------------------------------------------
// The simulation object
// ---------------------------------------------------------------------------------------------

export interface SimulationOptions {
  seed: number;
  /** Keep at most this many events between two snapshot() calls (default 20 000). */
  maxEventsPerSnapshot?: number;
}

export type Unsubscribe = () => void;

export interface Simulation {
  readonly config: Readonly<SimConfig>;
  readonly seed: number;
  /** Current simulated time, ns. */
  now(): number;
  /** Process exactly one event; returns false when the queue is empty. */
  step(): boolean;
  /** Process every event with time ≤ t, then set now() to t. */
  runUntil(t: number): void;
  /** Time of the next queued event, or null. */
  peekTime(): number | null;
  /** Apply a change at now(). Packets already in flight finish on the path they started on. */
  apply(change: ConfigChange): void;
  topology(): Topology;
  /** Changes when topology() changes (VM added/removed, extensions toggled). */
  topologyVersion(): number;
  snapshot(): Snapshot;
  /** Fill `buf` with the packets currently crossing a link; grows arrays when needed. */
  fillInFlight(buf: InFlightBuffer): InFlightBuffer;
  packet(id: number): PacketInfo | null;
  /** Hops taken so far by a packet still tracked (in flight or recently finished). */
  packetHistory(id: number): TraceEvent[];
  metrics(): Metrics;
  subscribe(listener: (e: TraceEvent) => void): Unsubscribe;
  dispose(): void;
}
