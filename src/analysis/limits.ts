/**
 * What limits a run: the resources packets wait for (the wire, an LP, the emulated NIC's 100 Mb/s
 * device model) and the places they are dropped (a VMBus ring, a NIC or VF queue, a descriptor
 * ring), judged from engine figures only. Used by the comparison (one verdict per row) and by the
 * live overload note. Pure TypeScript (no React, DOM or store).
 *
 * Rule: a run is *limited* when it delivered clearly less than it sent, dropped packets, or let its
 * backlog grow. Then the limit is a saturated resource (utilisation ≥ SATURATED), the innermost
 * one first (the emulated NIC, then an LP, then the wire: when an inner resource is saturated too,
 * even the frames the wire let through could not get further); if none is saturated, the place
 * that dropped the most. A run that is not limited says "none" and
 * names its busiest resource, so "LP4 at 91 %" is never mistaken for a ceiling.
 */
import { PROPAGATION_NS, WIRE_OVERHEAD_BYTES } from '../engine/costs';
import { frameBytesOf } from '../engine/packets';
import type { FlowConfig, SimConfig } from '../engine/types';

/** Utilisation at or above which a resource counts as saturated. */
export const SATURATED = 0.9;
/** Delivered below this share of sent counts as a shortfall. */
export const SHORTFALL = 0.95;

export type ResourceKind = 'wire' | 'lp' | 'emulated-nic' | 'ring' | 'queue';
export type LimitKind = ResourceKind | 'none';

export interface ResourceLoad {
  kind: ResourceKind;
  /** Diagram component id (`wire`, `lp.0`, `vm1.legacy`, `nic.queue.0`, `vm2.vmbus.in`). */
  id: string;
  /** Busy share of the measured time, 0…1 (may exceed 1 for an offered load). */
  utilisation: number;
  direction?: 'rx' | 'tx';
  lp?: number;
  vm?: string;
}

export interface LimitInput {
  loads: readonly ResourceLoad[];
  /** Drops while measuring, by engine reason (`ring-full`, `nic-queue-full`, …). */
  drops: Readonly<Record<string, number>>;
  sent: number;
  delivered: number;
  /** In flight at the end minus in flight at the start. */
  backlogGrowth: number;
}

export interface Limit {
  kind: LimitKind;
  /** The limiting resource (null for `none`, or a drop place without a known component). */
  resource: ResourceLoad | null;
  /** The busiest resource, whatever the verdict. */
  busiest: ResourceLoad | null;
  /** Every saturated resource, busiest first (the limit among them). */
  saturated: ResourceLoad[];
  /** The drop reason with the most drops, if any. */
  dropReason: string | null;
  drops: number;
  /** Delivered ÷ sent while measuring (1 when nothing was sent). */
  deliveredShare: number;
}

/** Preference among saturated resources: the innermost first. */
const INNER: Record<ResourceKind, number> = { 'emulated-nic': 0, lp: 1, ring: 2, queue: 3, wire: 4 };

/** The resource kind where a drop reason happens; null for policy drops (filter, link down, removal). */
export function dropPlace(reason: string): ResourceKind | null {
  switch (reason) {
    case 'ring-full':
    case 'legacy-rx-overrun':
    case 'tx-queue-full':
      return 'ring';
    case 'nic-queue-full':
    case 'vf-queue-full':
      return 'queue';
    default:
      return null;
  }
}

/** The verdict for one run (see the module comment for the rule). */
export function limitOf(input: LimitInput): Limit {
  const busiest = input.loads.reduce<ResourceLoad | null>((a, b) => (!a || b.utilisation > a.utilisation ? b : a), null);
  const drops = Object.entries(input.drops).filter(([r, n]) => n > 0 && dropPlace(r) !== null);
  const dropCount = drops.reduce((a, [, n]) => a + n, 0);
  const top = drops.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const share = input.sent > 0 ? input.delivered / input.sent : 1;
  const growing = input.sent > 0 && input.backlogGrowth > Math.max(2, 0.05 * input.sent);
  const limited = dropCount > 0 || share < SHORTFALL || growing;
  const saturated = input.loads.filter((l) => l.utilisation >= SATURATED).sort((a, b) => b.utilisation - a.utilisation);
  const base = { busiest, saturated, dropReason: top?.[0] ?? null, drops: dropCount, deliveredShare: share };
  if (!limited) return { kind: 'none', resource: null, ...base };
  const inner = [...saturated].sort((a, b) => INNER[a.kind] - INNER[b.kind] || b.utilisation - a.utilisation)[0];
  if (inner) return { kind: inner.kind, resource: inner, ...base };
  if (top) return { kind: dropPlace(top[0]) as ResourceKind, resource: null, ...base };
  return { kind: 'none', resource: null, ...base };
}

/** Bits of Ethernet frame (header + payload + FCS) of one packet of `flow`. */
export function flowFrameBits(flow: Pick<FlowConfig, 'packetBytes'>): number {
  return frameBytesOf(flow.packetBytes, null) * 8;
}

/** Offered frame rate of a flow in bits per second (request direction). */
export function flowOfferedBps(flow: Pick<FlowConfig, 'packetBytes' | 'ratePps'>): number {
  return flow.ratePps * flowFrameBits(flow);
}

export interface WireOffer {
  /** Offered frame bits per second arriving from the wire (into the host). */
  rxBps: number;
  /** Offered frame bits per second leaving on the wire. */
  txBps: number;
  /** Share of the link's time those frames need (preamble and gap included), 0…∞. */
  rxUtilisation: number;
  txUtilisation: number;
  /** Link speed, bits per second. */
  linkBps: number;
}

/**
 * The load the configured flows offer the physical port, per direction. Replies of request/response
 * flows (TCP, ICMP) travel back at the request rate and size. Flows between VMs never cross the
 * wire (the vSwitch or the NIC switch turns them around).
 */
export function wireOffer(config: Pick<SimConfig, 'flows' | 'nic'>): WireOffer {
  const linkBps = config.nic.linkGbps * 1e9;
  let rx = 0;
  let tx = 0;
  let rxT = 0;
  let txT = 0;
  for (const f of config.flows) {
    if (f.direction === 'vm-to-vm') continue;
    const bps = flowOfferedBps(f);
    // On-wire time: frame + preamble/SFD (8) + inter-frame gap (12) = WIRE_OVERHEAD (cost W1).
    const wireBps = f.ratePps * (frameBytesOf(f.packetBytes, null) + WIRE_OVERHEAD_BYTES) * 8; // preamble + gap (W1)
    const replies = f.protocol === 'tcp' || f.protocol === 'icmp';
    const inbound = f.direction === 'external-to-vm';
    if (inbound || replies) {
      rx += bps;
      rxT += wireBps;
    }
    if (!inbound || replies) {
      tx += bps;
      txT += wireBps;
    }
  }
  return { rxBps: rx, txBps: tx, rxUtilisation: rxT / linkBps, txUtilisation: txT / linkBps, linkBps };
}

/** Busy time of a wire hop without its propagation delay (the link is busy only while serialising). */
export function wireBusyNs(hopNs: number): number {
  return Math.max(0, hopNs - PROPAGATION_NS);
}
