/**
 * Processors and links: serialising resources. A resource is free from `free[r]` (ns) on; a hop
 * that names it starts when it is free and occupies it for its `busy` ns. Ids 0 … processors − 1
 * are the logical processors; links and serialisers are added after them.
 */
export class Resources {
  free: Float64Array;
  count: number;

  constructor(readonly processors: number) {
    this.count = processors;
    this.free = new Float64Array(Math.max(64, processors * 2));
  }

  /** A new resource (a link direction, a device's serialiser); returns its id. */
  add(): number {
    const id = this.count++;
    if (id >= this.free.length) {
      const n = new Float64Array(Math.max(64, this.free.length * 2));
      n.set(this.free);
      this.free = n;
    }
    return id;
  }
}
