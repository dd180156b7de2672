/**
 * pcapng writer: turns the simulation's Ethernet frames into a capture file that Wireshark and
 * tshark open, i.e. what a capturing extension on the vSwitch (or a tap on the wire) would record.
 *
 * Pure: no DOM, no Node APIs; returns bytes. Little-endian blocks (the byte-order magic says so).
 * Layout (pcapng spec, draft-ietf-opsawg-pcapng): one Section Header Block, one Interface
 * Description Block per capture point (LINKTYPE_ETHERNET = 1, if_tsresol = 9 → timestamps are
 * nanoseconds), then one Enhanced Packet Block per frame, in the order given.
 *
 * Frame bytes are synthesised from `EthernetFrame`: Ethernet II (+ 802.1Q tag when `vlan` is set),
 * IPv4 with a correct header checksum, then UDP or TCP (checksums over the IPv4 pseudo-header) or
 * an ICMP echo request/reply, and a deterministic payload filler so the IP total length equals
 * `ipBytes`. The FCS is not captured (as on most capture points), so a record is
 * 14 (+4) + ipBytes bytes long.
 */
import type { EthernetFrame } from '../engine/types';

/** One capture point, written as one Interface Description Block. */
export interface CaptureInterface {
  /** Component id of the capture point, e.g. `root.netvsp.vm1`, `root.pf`, `wire` (if_name). */
  name: string;
  /** Human text (if_description), e.g. `vSwitch port of vm1`. */
  description?: string;
}

/** One frame as seen at one capture point. */
export interface CaptureRecord {
  /** Index into the interfaces passed to `buildPcapng`. */
  interfaceId: number;
  /** Simulated time, integer ns since the start of the simulation. */
  tNs: number;
  frame: EthernetFrame;
  /** Optional packet comment (opt_comment), e.g. `packet 42 root.vswitch>root.netvsp.vm1`. */
  comment?: string;
}

export interface PcapngOptions {
  /** Added to every timestamp, ns (default 0: simulated time 0 is 1970-01-01T00:00:00Z). */
  epochNs?: bigint;
  /** shb_userappl: the application that wrote the file. */
  application?: string;
}

export const LINKTYPE_ETHERNET = 1;
const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const IPPROTO = { icmp: 1, tcp: 6, udp: 17 } as const;
const IPV4_HEADER = 20;
const L4_HEADER = { icmp: 8, tcp: 20, udp: 8 } as const;
/** Ethernet payload minimum (frames shorter than 60 bytes without FCS are padded). */
const MIN_ETH_PAYLOAD = 46;

const textEncoder = new TextEncoder();
const pad4 = (n: number) => (n + 3) & ~3;

// ---------------------------------------------------------------------------------------------
// Addresses and checksums
// ---------------------------------------------------------------------------------------------

/** `00:15:5d:01:02:03` (or with dashes) → 6 bytes. Throws on anything else. */
export function parseMac(mac: string): Uint8Array {
  const parts = mac.split(/[:-]/);
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) throw new Error(`pcapng: bad MAC address '${mac}'`);
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

/** Dotted IPv4 → 4 bytes. Throws on anything else. */
export function parseIpv4(ip: string): Uint8Array {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new Error(`pcapng: bad IPv4 address '${ip}'`);
  return Uint8Array.from(parts.map(Number));
}

/** Ones'-complement sum of 16-bit big-endian words (odd byte padded with zero), not yet inverted. */
function onesSum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
  if (i < end) sum += (bytes[i] as number) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The Internet checksum (RFC 1071) of bytes[start, end) plus an initial partial sum. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  return ~onesSum(bytes, start, end, initial) & 0xffff;
}

// ---------------------------------------------------------------------------------------------
// Frame synthesis
// ---------------------------------------------------------------------------------------------

/** Payload filler: depends only on the offset, so a request and its reply carry the same bytes. */
const FILLER = textEncoder.encode('Hyper-V Visualizer simulated payload. ');

/** Smallest IP packet that holds the headers of `protocol`. */
export const minIpBytes = (protocol: EthernetFrame['protocol']) => IPV4_HEADER + L4_HEADER[protocol];

/** TCP header bytes of a frame: 20, or 28 with the SYN options (MSS, NOP, window scale). */
const tcpHeaderBytes = (f: EthernetFrame) => (f.tcp && f.tcp.mss !== null ? 28 : 20);

/**
 * The bytes of one frame as captured (no preamble, no FCS). Length: 14 (+4 with VLAN) + ipBytes,
 * padded to the 60-byte Ethernet minimum. `ipBytes` below the header sizes is raised to them.
 */
export function encodeFrame(f: EthernetFrame): Uint8Array {
  const l4Header = f.protocol === 'tcp' ? tcpHeaderBytes(f) : L4_HEADER[f.protocol];
  const ipBytes = Math.max(IPV4_HEADER + l4Header, Math.min(65535, Math.floor(f.ipBytes)));
  const l2 = f.vlan === null || f.vlan === undefined ? 14 : 18;
  const len = l2 + Math.max(ipBytes, MIN_ETH_PAYLOAD);
  const b = new Uint8Array(len);
  const v = new DataView(b.buffer);

  // Ethernet II, optional 802.1Q tag (PCP 0, DEI 0).
  b.set(parseMac(f.dstMac), 0);
  b.set(parseMac(f.srcMac), 6);
  let o = 12;
  if (l2 === 18) {
    v.setUint16(o, 0x8100);
    v.setUint16(o + 2, (f.vlan as number) & 0x0fff);
    o += 4;
  }
  v.setUint16(o, 0x0800);
  o += 2;

  // IPv4 header, no options.
  const ip = o;
  const src = parseIpv4(f.srcIp);
  const dst = parseIpv4(f.dstIp);
  b[ip] = 0x45;
  b[ip + 1] = 0;
  v.setUint16(ip + 2, ipBytes);
  v.setUint16(ip + 4, (f.ipId ?? f.l4Seq * 2 + (f.isReply ? 1 : 0)) & 0xffff); // identification
  v.setUint16(ip + 6, 0x4000); // DF
  b[ip + 8] = f.isReply ? 128 : 64; // TTL: Windows (128) answers, the sender starts at 64
  b[ip + 9] = IPPROTO[f.protocol];
  b.set(src, ip + 12);
  b.set(dst, ip + 16);
  v.setUint16(ip + 10, internetChecksum(b, ip, ip + IPV4_HEADER));

  const l4 = ip + IPV4_HEADER;
  const l4Len = ipBytes - IPV4_HEADER;
  const payload = l4 + l4Header;
  for (let i = payload, k = 0; i < ip + ipBytes; i++, k++) b[i] = FILLER[k % FILLER.length] as number;

  // Pseudo-header: src, dst, zero, protocol, L4 length.
  const pseudo = onesSum(src, 0, 4, onesSum(dst, 0, 4, IPPROTO[f.protocol] + l4Len));
  const port = (p: number | null, fallback: number) => (p === null || p === undefined ? fallback : p & 0xffff);

  if (f.protocol === 'udp') {
    v.setUint16(l4, port(f.srcPort, 49152));
    v.setUint16(l4 + 2, port(f.dstPort, 9));
    v.setUint16(l4 + 4, l4Len);
    const c = internetChecksum(b, l4, l4 + l4Len, pseudo);
    v.setUint16(l4 + 6, c === 0 ? 0xffff : c); // 0 means "no checksum" in UDP
  } else if (f.protocol === 'tcp') {
    // The engine's header (model/tcp.ts) when there is one; a frame without it (tests, older
    // callers) gets a plain PSH/ACK segment numbered from its l4Seq.
    const t = f.tcp;
    v.setUint16(l4, port(f.srcPort, 49152));
    v.setUint16(l4 + 2, port(f.dstPort, 80));
    v.setUint32(l4 + 4, t ? t.seq >>> 0 : f.l4Seq >>> 0);
    v.setUint32(l4 + 8, t ? t.ack >>> 0 : 1);
    b[l4 + 12] = (l4Header / 4) << 4; // data offset in 32-bit words
    b[l4 + 13] = t ? t.flags & 0xff : 0x18;
    v.setUint16(l4 + 14, t ? t.window & 0xffff : 65535);
    if (t && t.mss !== null) {
      // Options: MSS (kind 2, len 4), NOP, window scale (kind 3, len 3).
      b[l4 + 20] = 2;
      b[l4 + 21] = 4;
      v.setUint16(l4 + 22, t.mss & 0xffff);
      b[l4 + 24] = 1;
      b[l4 + 25] = 3;
      b[l4 + 26] = 3;
      b[l4 + 27] = (t.windowShift ?? 0) & 0xff;
    }
    v.setUint16(l4 + 16, internetChecksum(b, l4, l4 + l4Len, pseudo));
  } else {
    b[l4] = f.isReply ? 0 : 8; // echo reply / echo request
    b[l4 + 1] = 0;
    v.setUint16(l4 + 4, f.icmp ? f.icmp.id & 0xffff : (f.l4Seq >>> 16) & 0xffff); // identifier
    v.setUint16(l4 + 6, f.icmp ? f.icmp.seq & 0xffff : f.l4Seq & 0xffff); // sequence number
    v.setUint16(l4 + 2, internetChecksum(b, l4, l4 + l4Len));
  }
  return b;
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

/** A growable little-endian byte writer. */
class Writer {
  buf = new Uint8Array(1 << 16);
  view = new DataView(this.buf.buffer);
  len = 0;

  private ensure(extra: number) {
    if (this.len + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u16(x: number) {
    this.ensure(2);
    this.view.setUint16(this.len, x, true);
    this.len += 2;
  }
  u32(x: number) {
    this.ensure(4);
    this.view.setUint32(this.len, x >>> 0, true);
    this.len += 4;
  }
  bytes(b: Uint8Array) {
    this.ensure(b.length + 3);
    this.buf.set(b, this.len);
    this.len += b.length;
    while (this.len & 3) this.buf[this.len++] = 0; // pad to 32 bits
  }
  /** An option: code, length, value padded to 32 bits. */
  option(code: number, value: Uint8Array) {
    this.u16(code);
    this.u16(value.length);
    this.bytes(value);
  }
  endOfOptions() {
    this.u16(0);
    this.u16(0);
  }
  /** Write a block: type, total length, body written by `body`, total length again. */
  block(type: number, body: () => void) {
    const start = this.len;
    this.u32(type);
    this.u32(0); // patched below
    body();
    const total = this.len - start + 4;
    this.u32(total);
    this.view.setUint32(start + 4, total, true);
  }
  result() {
    return this.buf.slice(0, this.len);
  }
}

/**
 * A whole pcapng file. Records are written in the order given (sort by time first if needed);
 * a record naming an interface that does not exist throws.
 */
export function buildPcapng(interfaces: readonly CaptureInterface[], records: Iterable<CaptureRecord>, options: PcapngOptions = {}): Uint8Array {
  const w = new Writer();
  const epoch = options.epochNs ?? 0n;

  w.block(BLOCK_SHB, () => {
    w.u32(BYTE_ORDER_MAGIC);
    w.u16(1); // major
    w.u16(0); // minor
    w.u32(0xffffffff); // section length: unknown (-1 as int64)
    w.u32(0xffffffff);
    w.option(4, textEncoder.encode(options.application ?? 'Hyper-V Visualizer')); // shb_userappl
    w.endOfOptions();
  });

  for (const itf of interfaces) {
    w.block(BLOCK_IDB, () => {
      w.u16(LINKTYPE_ETHERNET);
      w.u16(0);
      w.u32(0); // snaplen: no limit
      w.option(2, textEncoder.encode(itf.name)); // if_name
      if (itf.description) w.option(3, textEncoder.encode(itf.description)); // if_description
      w.option(9, Uint8Array.of(9)); // if_tsresol: 10^-9 s
      w.endOfOptions();
    });
  }

  for (const r of records) {
    if (!Number.isInteger(r.interfaceId) || r.interfaceId < 0 || r.interfaceId >= interfaces.length) {
      throw new Error(`pcapng: record names interface ${r.interfaceId}, but there are ${interfaces.length}`);
    }
    const data = encodeFrame(r.frame);
    const ts = epoch + BigInt(Math.max(0, Math.round(r.tNs)));
    w.block(BLOCK_EPB, () => {
      w.u32(r.interfaceId);
      w.u32(Number(ts >> 32n));
      w.u32(Number(ts & 0xffffffffn));
      w.u32(data.length); // captured length
      w.u32(data.length); // original length (FCS not captured)
      w.bytes(data);
      if (r.comment) {
        w.option(1, textEncoder.encode(r.comment)); // opt_comment
        w.endOfOptions();
      }
    });
  }
  return w.result();
}

/** Bytes a capture of these frames will take, roughly (for progress and size warnings). */
export function estimatePcapngBytes(frames: number, meanIpBytes: number): number {
  return 128 + frames * (32 + pad4(18 + meanIpBytes) + 48);
}
