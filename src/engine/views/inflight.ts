/**
 * Packets in flight for the overlay: each visible mover's link (an index into topology().links)
 * and its progress along it, written into a caller-owned buffer of typed arrays (no objects).
 */
import { MK } from '../core/program';
import type { Host } from '../model/host';
import type { InFlightBuffer } from '../types';

/** Key of a (from, to) pair of interned names in the link lookup. */
const PAIR = 1048576;

/** Allocate an InFlightBuffer for fillInFlight(); it grows when more packets are in flight. */
export function createInFlightBuffer(capacity = 1024): InFlightBuffer {
  const c = Math.max(1, capacity);
  return { count: 0, capacity: c, packetId: new Int32Array(c), link: new Int32Array(c), progress: new Float32Array(c), path: new Uint8Array(c), frames: new Uint16Array(c) };
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
  if (buf.frames) {
    const f = new Uint16Array(capacity);
    f.set(buf.frames);
    buf.frames = f;
  }
  buf.capacity = capacity;
}

function linkLookup(h: Host): Map<number, number> {
  if (h.linkLookup && h.linkLookupVersion === h.topoVersion) return h.linkLookup;
  const m = new Map<number, number>();
  const links = h.topology().links;
  for (const l of links) m.set(h.intern(l.from) * PAIR + h.intern(l.to), l.index);
  // Work done inside one component (from = to) is drawn at that component: the end of a data
  // link that arrives there (or of any link, for components no data link reaches).
  for (const pass of ['data', null] as const) {
    for (const l of links) {
      if (pass && l.kind !== pass) continue;
      const self = h.intern(l.to) * (PAIR + 1);
      if (!m.has(self)) m.set(self, l.index);
    }
  }
  h.linkLookup = m;
  h.linkLookupVersion = h.topoVersion;
  return m;
}

export function fillInFlight(h: Host, buf: InFlightBuffer): InFlightBuffer {
  const lookup = linkLookup(h);
  const mv = h.mv;
  const now = h.nowNs;
  // Offloads (model/offloads.ts): how many frames a grouped packet stands for; the lookup is skipped while no route groups.
  const grouped = h.routeOff.size > 0 ? h.routeOff : null;
  let n = 0;
  for (let s = 0; s < mv.hw; s++) {
    if (!mv.alive[s] || mv.kind[s] === MK.TOKEN) continue;
    const from = mv.from[s] as number;
    const to = mv.to[s] as number;
    if (from < 0 || to < 0) continue;
    const link = lookup.get(from * PAIR + to);
    if (link === undefined) continue;
    if (n >= buf.capacity) growInFlight(buf, buf.capacity * 2);
    const st = mv.start[s] as number;
    const en = mv.end[s] as number;
    buf.packetId[n] = mv.id[s] as number;
    buf.link[n] = link;
    // A packet between hops is drawn where it waits: at the start of the hop it waits to begin
    // (a busy LP), or at the end of the hop it finished (parked in a ring, queue or moderation).
    buf.progress[n] = from === to
      ? 1
      : mv.onHop[s]
      ? en > st ? Math.min(1, Math.max(0, (now - st) / (en - st))) : 1
      : mv.at[s] === from ? 0 : 1;
    buf.path[n] = mv.path[s] as number;
    if (buf.frames) buf.frames[n] = grouped ? Math.min(65535, grouped.get(mv.route[s] as number)?.segs ?? 1) : 1;
    n++;
  }
  buf.count = n;
  return buf;
}
