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

/**
 * The components packet `id` uses: those of the hops it took (the engine's history, else what the
 * event log still holds) and those still ahead on its planned route. Empty when nothing is known.
 */
export function packetRoute(id: number): string[] {
  const out = new Set<string>();
  const add = (e: TraceEvent) => {
    out.add(e.from);
    out.add(e.to);
  };
  const hist = packetHistory(id);
  if (hist.length) hist.forEach(add);
  else {
    const log = host.log;
    for (let i = log.length - 1, k = 0; i >= 0 && k < 50_000; i--, k++) {
      const e = log.at(i);
      if (e && e.packet === id) add(e);
    }
  }
  const info = packetInfo(id);
  if (info) {
    out.add(info.at);
    if (info.hop) {
      out.add(info.hop.from);
      out.add(info.hop.to);
    }
    for (const c of info.plannedRoute) out.add(c);
  }
  return [...out].filter(Boolean);
}

/**
 * The components VM `vm` uses: those its recent data events touch (the event log's last 50,000;
 * control messages only when it sent no data yet), and its guest stack. Empty when the VM does
 * not exist.
 */
export function vmRoute(vm: string): string[] {
  const topo = topology();
  const stack = topo?.components.find((c) => c.vm === vm && c.kind === 'guest-stack');
  if (!stack) return [];
  const data = new Set<string>([stack.id]);
  const any = new Set<string>([stack.id]);
  const log = host.log;
  for (let i = log.length - 1, k = 0; i >= 0 && k < 50_000; i--, k++) {
    const e = log.at(i);
    if (!e || e.vm !== vm) continue;
    const into = e.path === 'control' ? any : data;
    into.add(e.from);
    into.add(e.to);
  }
  return [...(data.size > 1 ? data : new Set([...data, ...any]))].filter(Boolean);
}

/**
 * The components at either end of a link a packet is crossing (or waiting on) right now: the
 * routes carrying packets at this moment. Read from the in-flight buffer the clock fills each
 * frame; `links` is the topology's link list.
 */
export function componentsCarrying(links: readonly { from: string; to: string }[]): Set<string> {
  const out = new Set<string>();
  const buf = host.inFlight;
  for (let i = 0; i < buf.count; i++) {
    const l = links[buf.link[i] as number];
    if (!l) continue;
    out.add(l.from);
    out.add(l.to);
  }
  return out;
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
