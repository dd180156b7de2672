import { beforeAll, describe, expect, it } from 'vitest';
import type { EthernetFrame } from '../engine/types';
import { requireTshark, tsharkFields, writeTemp } from '../../e2e/export-tshark';
import { buildPcapng, encodeFrame, internetChecksum, parseIpv4, parseMac, type CaptureRecord } from './pcapng';

const base: EthernetFrame = {
  srcMac: '00:15:5d:00:00:01',
  dstMac: '00:15:5d:ff:00:01',
  vlan: null,
  etherType: 0x0800,
  srcIp: '10.0.0.1',
  dstIp: '192.0.2.10',
  protocol: 'udp',
  srcPort: 50001,
  dstPort: 5001,
  l4Seq: 7,
  ipBytes: 1500,
  frameBytes: 1518,
  isReply: false,
};

const frames: EthernetFrame[] = [
  base,
  { ...base, protocol: 'tcp', srcPort: 49200, dstPort: 80, ipBytes: 512, l4Seq: 1000 },
  { ...base, protocol: 'tcp', srcMac: base.dstMac, dstMac: base.srcMac, srcIp: base.dstIp, dstIp: base.srcIp, srcPort: 80, dstPort: 49200, ipBytes: 64, l4Seq: 1000, isReply: true },
  { ...base, protocol: 'icmp', srcPort: null, dstPort: null, ipBytes: 84, l4Seq: 0x00010005 },
  { ...base, protocol: 'icmp', srcPort: null, dstPort: null, ipBytes: 84, l4Seq: 0x00010005, isReply: true, srcIp: base.dstIp, dstIp: base.srcIp },
  { ...base, vlan: 42, ipBytes: 9000 },
  { ...base, ipBytes: 65, srcPort: 1, dstPort: 65535 }, // odd length: checksum pads a zero byte
];

describe('frame encoding', () => {
  it('parses addresses and rejects bad ones', () => {
    expect([...parseMac('00-15-5D-0a-0B-ff')]).toEqual([0, 0x15, 0x5d, 10, 11, 255]);
    expect([...parseIpv4('10.0.255.1')]).toEqual([10, 0, 255, 1]);
    expect(() => parseMac('00:15:5d')).toThrow(/bad MAC/);
    expect(() => parseIpv4('10.0.0.256')).toThrow(/bad IPv4/);
  });

  it('computes the RFC 1071 example checksum', () => {
    // RFC 1071 §3: words 0001 f203 f4f5 f6f7 sum to ddf2 → checksum 220d.
    expect(internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7))).toBe(0x220d);
  });

  it('lays out Ethernet, 802.1Q and IPv4 with a valid header checksum', () => {
    const b = encodeFrame({ ...base, vlan: 42 });
    expect(b.length).toBe(18 + 1500);
    expect((b[12]! << 8) | b[13]!).toBe(0x8100);
    expect(((b[14]! << 8) | b[15]!) & 0xfff).toBe(42);
    expect((b[16]! << 8) | b[17]!).toBe(0x0800);
    expect(internetChecksum(b, 18, 38)).toBe(0); // header including its checksum sums to 0xffff
    expect(b[18 + 9]).toBe(17);
  });

  it('pads to the Ethernet minimum and never goes below the headers', () => {
    expect(encodeFrame({ ...base, ipBytes: 20 }).length).toBe(14 + 46);
    const tcp = encodeFrame({ ...base, protocol: 'tcp', ipBytes: 10 });
    expect((tcp[16]! << 8) | tcp[17]!).toBe(40); // IP total length raised to 20 + 20
  });

  it('is deterministic', () => {
    expect(encodeFrame(base)).toEqual(encodeFrame({ ...base }));
  });
});

describe('pcapng file', () => {
  // Installs tshark on first use where it can (Debian, root); otherwise fails with what to run.
  beforeAll(() => void requireTshark(), 300_000);
  const records: CaptureRecord[] = frames.map((frame, i) => ({ interfaceId: i % 2, tNs: 1_000 * i + 123_456_789_012, frame, comment: `packet ${i}` }));
  const bytes = buildPcapng([{ name: 'root.vswitch:vm1', description: 'port of vm1' }, { name: 'wire' }], records);

  it('starts with a little-endian Section Header Block and blocks are 32-bit aligned', () => {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(v.getUint32(0, true)).toBe(0x0a0d0d0a);
    expect(v.getUint32(8, true)).toBe(0x1a2b3c4d);
    let o = 0;
    let blocks = 0;
    while (o < bytes.length) {
      const len = v.getUint32(o + 4, true);
      expect(len % 4).toBe(0);
      expect(v.getUint32(o + len - 4, true)).toBe(len);
      o += len;
      blocks++;
    }
    expect(o).toBe(bytes.length);
    expect(blocks).toBe(1 + 2 + frames.length);
  });

  it('rejects a record for an interface that does not exist', () => {
    expect(() => buildPcapng([{ name: 'wire' }], [{ interfaceId: 1, tNs: 0, frame: base }])).toThrow(/interface 1/);
  });

  it('reads back in tshark with addresses, protocols, ns timestamps and no bad checksums', () => {
    const file = writeTemp(bytes);
    const rows = tsharkFields(file, ['frame.number', 'frame.interface_name', 'frame.time_epoch', 'eth.src', 'eth.dst', 'vlan.id', 'ip.src', 'ip.dst', 'ip.len', '_ws.col.Protocol', 'ip.checksum.status', 'udp.checksum.status', 'tcp.checksum.status', 'icmp.checksum.status', 'icmp.type', '_ws.expert.severity', 'frame.comment']);
    expect(rows).toHaveLength(frames.length);
    rows.forEach((r, i) => {
      const f = frames[i]!;
      expect(r[0]).toBe(String(i + 1));
      expect(r[1]).toBe(i % 2 === 0 ? 'root.vswitch:vm1' : 'wire');
      expect(r[2]).toBe(`123.${String(456_789_012 + 1000 * i).padStart(9, '0')}`);
      expect(r[3]).toBe(f.srcMac);
      expect(r[4]).toBe(f.dstMac);
      expect(r[5]).toBe(f.vlan === null ? '' : String(f.vlan));
      expect(r[6]).toBe(f.srcIp);
      expect(r[7]).toBe(f.dstIp);
      expect(r[8]).toBe(String(Math.max(f.ipBytes, 20)));
      expect(r[9]).toBe(f.protocol === 'icmp' ? 'ICMP' : f.protocol.toUpperCase());
      // Wireshark's checksum status: 0 Bad, 1 Good, 2 Unverified. Every checksum must be Good.
      expect(r[10]).toBe('1');
      const l4 = f.protocol === 'udp' ? r[11] : f.protocol === 'tcp' ? r[12] : r[13];
      expect(l4).toBe('1');
      if (f.protocol === 'icmp') expect(r[14]).toBe(f.isReply ? '0' : '8');
      expect(r[16]).toBe(`packet ${i}`);
    });
    // No expert message at error level (bad checksum, malformed packet) on any frame.
    const severities = rows.flatMap((r) => (r[15] ?? '').split(',').filter(Boolean).map(Number));
    expect(severities.filter((s) => s >= 0x00800000)).toEqual([]);
  });

  it('the read-back would notice a wrong checksum (the check is not vacuous)', () => {
    const good = buildPcapng([{ name: 'wire' }], [{ interfaceId: 0, tNs: 0, frame: base }]);
    const bad = good.slice();
    // The last payload byte of the only frame sits just before the EPB trailer (4 bytes) and
    // any padding; the 1500-byte IP packet + 14 = 1514 → 2 padding bytes.
    const at = bad.length - 4 - 2 - 1;
    bad[at] = (bad[at] as number) ^ 0xff;
    const rows = tsharkFields(writeTemp(bad), ['ip.checksum.status', 'udp.checksum.status']);
    expect(rows[0]).toEqual(['1', '0']);
  });
});
