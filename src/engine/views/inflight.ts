/**
 * Packets in flight for the overlay: each visible mover's link (an index into topology().links)
 * and its progress along it, written into a caller-owned buffer of typed arrays (no objects).
 */
import { MK } from '../core/program';
import type { Host } from '../model/host';
import type { InFlightBuffer } from '../types';

/**
 * (from, to) pairs of interned names → link index, open addressing in typed arrays. A Map keyed by
 * from × 2^20 + to (mostly beyond the small-integer range, so hashed as doubles) was half of
 * fillInFlight's time at 10,000 packets in flight (issue 13); this look-up is a hash and a probe
 * or two.
 */
export class LinkLookup {
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly link: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  /** A table for up to `n` pairs (at most half full). */
  constructor(n: number) {
    let bits = 4;
    while (1 << bits < 2 * n) bits++;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.from = new Int32Array(1 << bits).fill(-1);
    this.to = new Int32Array(1 << bits);
    this.link = new Int32Array(1 << bits);
  }

  private slot(from: number, to: number): number {
    let i = Math.imul(from ^ Math.imul(to, 0x27d4eb2d), 0x9e3779b1) >>> this.shift;
    for (;;) {
      const f = this.from[i] as number;
      if (f < 0 || (f === from && this.to[i] === to)) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The link of (from, to), or -1. */
  get(from: number, to: number): number {
    const i = this.slot(from, to);
    return (this.from[i] as number) < 0 ? -1 : (this.link[i] as number);
  }

  has(from: number, to: number): boolean {
    return (this.from[this.slot(from, to)] as number) >= 0;
  }

  set(from: number, to: number, link: number): void {
    const i = this.slot(from, to);
    this.from[i] = from;
    this.to[i] = to;
    this.link[i] = link;
  }
}

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

function linkLookup(h: Host): LinkLookup {
  if (h.linkLookup && h.linkLookupVersion === h.topoVersion) return h.linkLookup;
  const links = h.topology().links;
  const m = new LinkLookup(links.length * 2);
  for (const l of links) m.set(h.intern(l.from), h.intern(l.to), l.index);
  // Work done inside one component (from = to) is drawn at that component: the end of a data
  // link that arrives there (or of any link, for components no data link reaches).
  for (const pass of ['data', null] as const) {
    for (const l of links) {
      if (pass && l.kind !== pass) continue;
      const self = h.intern(l.to);
      if (!m.has(self, self)) m.set(self, self, l.index);
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
    const link = lookup.get(from, to);
    if (link < 0) continue;
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
