/**
 * What a path compiler needs to know about the host at compile time: placement of work on LPs,
 * station ids, resources. Implemented by the simulation; kept small so paths stay testable.
 */
import type { AdapterKind } from '../../types';
import type { Route, RouteBuilder } from '../../core/program';
import type { PortPolicy } from '../port-policy';

export type DataPath = Exclude<AdapterKind, never>;

export interface VmPlace {
  vi: number;
  id: string;
  gen: number;
  vlan: number | null;
  /** LP of the guest's VP 0 (guest data-path work runs there). */
  vpLp: number;
  /** Root LP for this VM's send processing and for its VMWP (spread over LPs, facts §2.2). */
  txLp: number;
  /** VMQ queue number (0 = default queue). */
  rxQueue: number;
  /** VF number in use for data (0 = none). */
  vf: number;
  /** Data path the guest sends on / the host receive classification delivers to. */
  txPath: DataPath;
  rxPath: DataPath;
  /** Station ids. */
  out: number;
  in: number;
  vfq: number;
  legacyRx: number;
  /** The tulip TX descriptor ring (ST.LEGACY_TX): frames beyond it wait in the guest. */
  legacyTx: number;
  /** Serialising resources of the emulated 100 Mb/s NIC. */
  legacyTxRes: number;
  legacyRxRes: number;
  /** Token routes (register access resume) keyed by register operation. */
  resumeToken(reg: string): number;
  /** vRSS/VMMQ receive channels (vrss.ts); null with the primary channel only. */
  rss: RssPlace | null;
}

/** A VM's receive channels under vRSS/VMMQ (vrss.ts rssPlace), indexed by channel (0 = primary). */
export interface RssPlace {
  channels: number;
  /** In-ring station of each channel. */
  ins: number[];
  /** Target VP of each channel and the LP it runs on. */
  vps: number[];
  vpLps: number[];
  /** VMMQ: the NIC queue of each channel (empty without VMMQ). */
  queues: number[];
  /** Software vRSS: the root LP that switches and copies each channel's frames (empty: no host spreading). */
  hostLps: number[];
}

export interface PathCtx {
  /** A fresh builder for one program. */
  builder(): RouteBuilder;
  /** Compile and store another route (a twin), returning its id. */
  addRoute(build: (id: number) => Route): number;
  vm(vi: number): VmPlace;
  queueLp(q: number): number;
  nicq(q: number): number;
  wireTxRes: number;
  wireRxRes: number;
  linkGbps: number;
  /** Protocol edge then enabled extensions, e.g. ['root.vswitch', 'root.vswitch.capture']. */
  chain: readonly string[];
  /** Load generator: data hops scaled, no contention. */
  lg: boolean;
  /** The port policy of VM `vi` (port-policy.ts), null without one. Absent: no policy at all. */
  policy?(vi: number): PortPolicy | null;
  /** The bandwidth pacer resource of VM `vi`'s port. */
  qosRes?(vi: number): number;
  /** VMs whose ports are mirror destinations. */
  mirrorDestinations?(): number[];
}

/** Fields the filter extension's drop rules match on (facts §5.2: filtering extensions may drop). */
export interface FlowMatch {
  protocol: 'udp' | 'icmp' | 'tcp';
  dstPort: number | null;
  srcVm: string | null;
  dstVm: string | null;
  /** L4 source port (the remote port of a frame a VM receives; port ACLs). */
  srcPort?: number | null;
}
