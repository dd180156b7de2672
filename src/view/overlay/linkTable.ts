/**
 * Point tables for every link's polyline, built once per layout so that placing a packet in a
 * frame is a few array reads: find the segment by cumulative length (links have ≤ 6 points) and
 * interpolate. Struct-of-arrays, no objects per link.
 */
export interface LinkGeometryLike {
  points: readonly number[];
  inside: { x: number; y: number; w: number; h: number } | null;
  /** Packets on this link are not drawn (summarised by the node's own figures). */
  summarized?: boolean;
}

export interface LinkTable {
  links: number;
  /** First point of link i in xs/ys/cum. */
  start: Int32Array;
  /** Points of link i. */
  count: Int32Array;
  xs: Float32Array;
  ys: Float32Array;
  /** Cumulative length at each point (0 at the link's first point). */
  cum: Float32Array;
  total: Float32Array;
  /** x, y, w, h per link for links drawn inside one node (collapsed VMs), else NaN. */
  inside: Float32Array;
}

export function buildLinkTable(geometry: readonly LinkGeometryLike[]): LinkTable {
  const links = geometry.length;
  let pts = 0;
  for (const g of geometry) pts += g.points.length / 2;
  const t: LinkTable = {
    links,
    start: new Int32Array(links),
    count: new Int32Array(links),
    xs: new Float32Array(pts),
    ys: new Float32Array(pts),
    cum: new Float32Array(pts),
    total: new Float32Array(links),
    inside: new Float32Array(links * 4).fill(NaN),
  };
  let o = 0;
  geometry.forEach((g, i) => {
    const n = g.points.length / 2;
    t.start[i] = o;
    // A summarised link keeps its points but no count: positionAt draws none of its packets.
    t.count[i] = g.summarized ? 0 : n;
    let acc = 0;
    for (let k = 0; k < n; k++) {
      const x = g.points[2 * k] as number;
      const y = g.points[2 * k + 1] as number;
      if (k > 0) acc += Math.hypot(x - (t.xs[o + k - 1] as number), y - (t.ys[o + k - 1] as number));
      t.xs[o + k] = x;
      t.ys[o + k] = y;
      t.cum[o + k] = acc;
    }
    t.total[i] = acc;
    if (g.inside) {
      t.inside[4 * i] = g.inside.x;
      t.inside[4 * i + 1] = g.inside.y;
      t.inside[4 * i + 2] = g.inside.w;
      t.inside[4 * i + 3] = g.inside.h;
    }
    o += n;
  });
  return t;
}

/** Golden-ratio hash of a packet id into 0…1, so packets inside a collapsed group spread out stably. */
export function spread(id: number): number {
  const v = (id * 0.6180339887) % 1;
  return v < 0 ? v + 1 : v;
}

/**
 * Position of a packet on link `link` at `progress` (0…1), written to out[o], out[o+1] in flow
 * coordinates. Returns false for an unknown link and for a summarised one (not drawn).
 */
export function positionAt(t: LinkTable, link: number, progress: number, packetId: number, out: Float32Array, o: number): boolean {
  if (link < 0 || link >= t.links || t.count[link] === 0) return false;
  const p = progress < 0 ? 0 : progress > 1 ? 1 : progress;
  const ix = t.inside[4 * link] as number;
  if (ix === ix) {
    // Inside a collapsed group: each packet gets its own column and rises or falls through it.
    const w = t.inside[4 * link + 2] as number;
    const h = t.inside[4 * link + 3] as number;
    out[o] = ix + w * (0.1 + 0.8 * spread(packetId));
    out[o + 1] = (t.inside[4 * link + 1] as number) + h * (0.25 + 0.65 * p);
    return true;
  }
  const s = t.start[link] as number;
  const n = t.count[link] as number;
  const d = p * (t.total[link] as number);
  let k = 1;
  while (k < n - 1 && (t.cum[s + k] as number) < d) k++;
  const c0 = t.cum[s + k - 1] as number;
  const seg = (t.cum[s + k] as number) - c0;
  const f = seg > 0 ? (d - c0) / seg : 0;
  const x0 = t.xs[s + k - 1] as number;
  const y0 = t.ys[s + k - 1] as number;
  out[o] = x0 + ((t.xs[s + k] as number) - x0) * f;
  out[o + 1] = y0 + ((t.ys[s + k] as number) - y0) * f;
  return true;
}
