/**
 * Movers, struct-of-arrays: every packet, control message and signal token is a slot index into
 * these typed arrays (bitECS style: data here, behaviour in the interpreter and the model). Slots
 * are recycled through a free list kept in ascending order for cache locality; `hw` is one past
 * the highest slot ever used (views scan 0 … hw − 1).
 *
 * Invariant: an array may be replaced when the store grows, so code that allocates must re-read
 * `mv.<field>` after the allocation rather than keep a reference to the old array.
 */
export class Movers {
  cap = 0;
  hw = 0;
  freeHead = -1;
  alive = new Uint8Array(0);
  kind = new Uint8Array(0);
  route = new Int32Array(0);
  pc = new Int32Array(0);
  id = new Float64Array(0);
  /** Token: the packet it acts for (its events carry that packet id), or -1. */
  cause = new Float64Array(0);
  flow = new Int32Array(0);
  reply = new Uint8Array(0);
  l4 = new Int32Array(0);
  /** TCP segments: flags (FIN 1, SYN 2, PSH 8, ACK 16), raw seq and ack (uint32), connection generation. */
  tcpFlags = new Uint8Array(0);
  tcpSeq = new Float64Array(0);
  tcpAck = new Float64Array(0);
  tcpGen = new Int32Array(0);
  /** IPv4 identification (per sender, advancing), 0 … 65535. */
  ipId = new Int32Array(0);
  created = new Float64Array(0);
  start = new Float64Array(0);
  end = new Float64Array(0);
  onHop = new Uint8Array(0);
  from = new Int32Array(0);
  to = new Int32Array(0);
  at = new Int32Array(0);
  enc = new Uint8Array(0);
  path = new Uint8Array(0);
  msg = new Int32Array(0);
  note = new Int32Array(0);
  ringBytes = new Int32Array(0);
  cb = new Int32Array(0);
  /** Intrusive FIFO link (free list, station queues). */
  next = new Int32Array(0);

  constructor(initial = 1024) {
    this.grow(initial);
  }

  grow(n: number): void {
    const old = this.cap;
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T, C: new (k: number) => T): T => {
      const x = new C(n);
      x.set(a);
      return x;
    };
    this.alive = g(this.alive, Uint8Array);
    this.kind = g(this.kind, Uint8Array);
    this.route = g(this.route, Int32Array);
    this.pc = g(this.pc, Int32Array);
    this.id = g(this.id, Float64Array);
    this.cause = g(this.cause, Float64Array);
    this.flow = g(this.flow, Int32Array);
    this.reply = g(this.reply, Uint8Array);
    this.l4 = g(this.l4, Int32Array);
    this.tcpFlags = g(this.tcpFlags, Uint8Array);
    this.tcpSeq = g(this.tcpSeq, Float64Array);
    this.tcpAck = g(this.tcpAck, Float64Array);
    this.tcpGen = g(this.tcpGen, Int32Array);
    this.ipId = g(this.ipId, Int32Array);
    this.created = g(this.created, Float64Array);
    this.start = g(this.start, Float64Array);
    this.end = g(this.end, Float64Array);
    this.onHop = g(this.onHop, Uint8Array);
    this.from = g(this.from, Int32Array);
    this.to = g(this.to, Int32Array);
    this.at = g(this.at, Int32Array);
    this.enc = g(this.enc, Uint8Array);
    this.path = g(this.path, Uint8Array);
    this.msg = g(this.msg, Int32Array);
    this.note = g(this.note, Int32Array);
    this.ringBytes = g(this.ringBytes, Int32Array);
    this.cb = g(this.cb, Int32Array);
    this.next = g(this.next, Int32Array);
    this.cap = n;
    for (let i = n - 1; i >= old; i--) {
      this.next[i] = this.freeHead;
      this.freeHead = i;
    }
  }

  /** Take a free slot (growing the store when none is free); the caller initialises it. */
  take(): number {
    if (this.freeHead < 0) this.grow(this.cap * 2);
    const s = this.freeHead;
    this.freeHead = this.next[s] as number;
    if (s >= this.hw) this.hw = s + 1;
    return s;
  }

  release(s: number): void {
    this.alive[s] = 0;
    this.onHop[s] = 0;
    this.next[s] = this.freeHead;
    this.freeHead = s;
  }
}
