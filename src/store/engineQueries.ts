/**
 * The view's one door to the running engine: every read the view makes of the simulation goes
 * through these functions, never through `host.sim` directly (so the engine's API can change in
 * one place, and a disposed simulation between two runs reads as "nothing").
 *
 * Metrics are computed at most once per refresh: `metrics()` caches the engine's figures for the
 * simulation instance and its simulated time, so the charts, the diagram's load strip, the
 * inspector's live numbers and the lesson readouts that poll in the same moment share one
 * `sim.metrics()` call.
 */
import type { Metrics, PacketInfo, Topology, TraceEvent, VmId } from '../engine/types';
import { host } from './engineHost';

let cached: { sim: unknown; t: number; m: Metrics } | null = null;

/** The engine's metrics now (one computation per simulated instant), or null between runs. */
export function metrics(): Metrics | null {
  const sim = host.sim;
  if (!sim || typeof sim.metrics !== 'function') return null;
  try {
    const t = sim.now();
    if (cached && cached.sim === sim && cached.t === t) return cached.m;
    const m = sim.metrics();
    cached = { sim, t, m };
    return m;
  } catch {
    return null; // a disposed simulation between two runs
  }
}

/** Packet `id` in flight (frame, encapsulation, hop, route ahead), or null. */
export function packetInfo(id: number): PacketInfo | null {
  try {
    return host.sim ? host.sim.packet(id) : null;
  } catch {
    return null;
  }
}

/** The events of packet `id` still in the engine's trace ring. */
export function packetHistory(id: number): TraceEvent[] {
  try {
    return host.sim ? host.sim.packetHistory(id) : [];
  } catch {
    return [];
  }
}

/** The running host's components and links, or null between runs. */
export function topology(): Topology | null {
  try {
    return host.sim ? host.sim.topology() : null;
  } catch {
    return null;
  }
}

/** Per topology: the VM each link belongs to (a per-VM component at either end), or null. */
const linkVmCache = new WeakMap<Topology, (VmId | null)[]>();

/**
 * Packets in flight now, per VM: the engine's in-flight buffer (filled every frame) counted by the
 * VM whose components the packet's current link touches (a VM's guest components or its NetVSP,
 * VMWP and vPCI VSP in the root). Packets on shared links (the vSwitch to the NIC, the wire) are
 * not attributed. Cost O(packets in flight); call it at a few hertz, not per frame.
 */
export function inFlightByVm(): Map<VmId, number> {
  const out = new Map<VmId, number>();
  const topo = topology();
  if (!topo) return out;
  let linkVm = linkVmCache.get(topo);
  if (!linkVm) {
    const vmOf = (id: string) => topo.components[topo.componentIndex.get(id) ?? -1]?.vm ?? null;
    linkVm = topo.links.map((l) => vmOf(l.from) ?? vmOf(l.to));
    linkVmCache.set(topo, linkVm);
  }
  const buf = host.inFlight;
  for (let i = 0; i < buf.count; i++) {
    const vm = linkVm[buf.link[i] as number];
    if (vm) out.set(vm, (out.get(vm) ?? 0) + 1);
  }
  return out;
}
