/**
 * Packets are data: the Ethernet frame a flow sends and the encapsulation it is in at each hop.
 *
 * Addresses are deterministic. VM MACs use 00:15:5D, the OUI of Hyper-V's dynamic MAC pool; VM IPs
 * are 10.0.0.(10+n); the external peer is 192.0.2.1 (TEST-NET-1, RFC 5737) behind a locally
 * administered MAC.
 */
import type { EncapLayer, EthernetFrame, Protocol, VmId } from './types';

export const EXTERNAL_MAC = '02:00:00:00:00:fe';
export const EXTERNAL_IP = '192.0.2.1';

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

export function vmNumber(vm: VmId | string): number {
  return Number.parseInt(vm.slice(2), 10);
}

/** 00:15:5d:00:<hi>:<lo>: Hyper-V OUI + the VM number. */
export function vmMac(vm: VmId | string): string {
  const n = vmNumber(vm);
  return `00:15:5d:00:${hex2((n >> 8) & 0xff)}:${hex2(n & 0xff)}`;
}

export function vmIp(vm: VmId | string): string {
  const n = vmNumber(vm);
  return `10.0.${(10 + n) >> 8}.${(10 + n) & 0xff}`;
}

/** Well-known destination ports by protocol: iperf for UDP, HTTP for the TCP-like exchange. */
export const DST_PORT: Record<Protocol, number | null> = { udp: 5001, tcp: 80, icmp: null };

/** Ethernet header 14 B + FCS 4 B (+ 4 B 802.1Q tag). */
export function frameBytesOf(ipBytes: number, vlan: number | null): number {
  return ipBytes + 18 + (vlan === null ? 0 : 4);
}

export interface FrameEnds {
  srcMac: string;
  dstMac: string;
  srcIp: string;
  dstIp: string;
  vlan: number | null;
}

export function buildFrame(ends: FrameEnds, protocol: Protocol, flowIndex: number, ipBytes: number, l4Seq: number, isReply: boolean): EthernetFrame {
  const ephemeral = 49152 + (flowIndex % 16384);
  const service = DST_PORT[protocol];
  const srcPort = service === null ? null : isReply ? service : ephemeral;
  const dstPort = service === null ? null : isReply ? ephemeral : service;
  return {
    srcMac: ends.srcMac,
    dstMac: ends.dstMac,
    vlan: ends.vlan,
    etherType: 0x0800,
    srcIp: ends.srcIp,
    dstIp: ends.dstIp,
    protocol,
    srcPort,
    dstPort,
    l4Seq,
    ipBytes,
    frameBytes: frameBytesOf(ipBytes, ends.vlan),
    isReply,
  };
}

/** Encapsulation codes stored per route step (Uint8). */
export const ENC = {
  NONE: 0,
  ETH: 1,
  NBL: 2,
  VMBUS_TX: 3,
  VMBUS_RX: 4,
  TULIP_TX: 5,
  TULIP_RX: 6,
  PF_DMA: 7,
  VF_DMA: 8,
  NVSP: 9,
  CHANNEL_MSG: 10,
  RNDIS_CTRL: 11,
  RNDIS_CTRL_RX: 12,
  VPCI: 13,
  /** A guest send as a GPA-direct page-buffer packet (VMBus type 9), no send section. */
  VMBUS_TX_GPA: 14,
  /** An NVSP reply or completion sent as a VMBus completion packet (VM_PKT_COMP, type 11). */
  NVSP_COMP: 15,
} as const;
export type EncCode = (typeof ENC)[keyof typeof ENC];

const ethLayer = (f: EthernetFrame): EncapLayer => ({
  layer: 'ethernet',
  name: f.vlan === null ? 'Ethernet II' : 'Ethernet II + 802.1Q',
  fields: {
    dst: f.dstMac,
    src: f.srcMac,
    ...(f.vlan === null ? {} : { vlan: f.vlan }),
    etherType: '0x0800 (IPv4)',
    ip: `${f.srcIp} → ${f.dstIp}`,
    protocol: f.protocol,
    ...(f.srcPort === null ? {} : { ports: `${f.srcPort} → ${f.dstPort}` }),
    ...(f.tcp
      ? { tcpFlags: f.tcp.flagNames, seq: f.tcp.relSeq, ack: f.tcp.relAck, rawSeq: f.tcp.seq, rawAck: f.tcp.ack, window: f.tcp.window }
      : f.icmp
        ? { echoId: f.icmp.id, echoSeq: f.icmp.seq }
        : { [f.protocol === 'icmp' ? 'echoSeq' : 'seq']: f.l4Seq }),
    ...(f.ipId === undefined ? {} : { ipId: f.ipId }),
    ipBytes: f.ipBytes,
    frameBytes: f.frameBytes,
  },
});

/**
 * In access mode the guest does not tag, so NetVSC sends no 802.1Q PPI (fidelity audit D9). On a
 * trunk port the guest tags, and NetVSC carries the tag out of band in the 802.1Q PPI (type 4),
 * not in the frame (netvsc_drv.c: skb_vlan_tag_present → IEEE_8021Q_INFO; issue 11 port policy).
 */
const rndisPacket = (f: EthernetFrame, ppiVlan: number | null = null, o?: PacketOffload): EncapLayer => ({
  layer: 'rndis',
  name: 'RNDIS PACKET_MSG (0x1)',
  fields: { dataOffset: 36, dataLength: (f.frameBytes - 4) * (o?.frames ?? 1), ppi: ppiVlan === null ? ppiOf(o) : `${ppiOf(o)}, 802.1Q (4): VLAN ${ppiVlan}` },
});

/**
 * The offloads of one packet as the inspector shows them (model/offloads.ts): an LSO large send or
 * an RSC-coalesced receive of `frames` frames, MSS, and whether checksums are offloaded.
 */
export interface PacketOffload {
  kind: 'lso' | 'rsc' | 'none';
  frames: number;
  mss: number;
  checksum: boolean;
}

/** Per-packet info of the RNDIS PACKET_MSG (facts §3.4: checksum 0, LSO 2). */
function ppiOf(o?: PacketOffload): string {
  if (!o) return 'checksum (0)';
  const csum = o.checksum ? 'checksum (0)' : 'none (software checksum)';
  if (o.kind === 'lso') return `${csum}, LSO v2 (2): MSS ${o.mss}, ${o.frames} frames`;
  // One range per segment (fragment flags in RNDIS_PKTINFO_ID as Linux netvsc reads them; Windows unverified).
  if (o.kind === 'rsc') return `${csum}, RSC: ${o.frames} segments`;
  return csum;
}

/**
 * The layers of a packet at a hop, outermost first. `extra` carries per-packet numbers such as
 * the send-buffer section or the VF number.
 */
export function encapsulation(code: number, frame: EthernetFrame | null, message: string | null, extra: { section?: number; vf?: number; relid?: number; transId?: number; onWire?: boolean; trunk?: boolean; offload?: PacketOffload } = {}): EncapLayer[] {
  const o = extra.offload;
  const k = o?.frames ?? 1;
  // A VM's VLAN in the default access mode (fidelity audit D9; facts §5.3): the guest sends and
  // receives untagged frames; the vSwitch carries the VLAN in the NBL's out-of-band 802.1Q info
  // and adds the tag towards the physical port (strips it inbound). Only the wire side is tagged.
  const vlan = frame?.vlan ?? null;
  const inner = frame && vlan !== null && !extra.onWire ? { ...frame, vlan: null, frameBytes: frame.frameBytes - 4 } : frame;
  const eth = inner ? [ethLayer(inner)] : [];
  const ppiVlan = extra.trunk ? vlan : null;
  switch (code) {
    case ENC.ETH:
      return eth;
    case ENC.NBL:
      return [
        { layer: 'nbl', name: 'NET_BUFFER_LIST + switch forwarding context (OOB)', fields: { sourcePortId: extra.relid ?? 0, sourceNicIndex: 0, isPacketDataSafe: false, ...(vlan !== null ? { ieee8021qInfo: `VLAN ${vlan}, ${extra.trunk ? 'trunk mode (tagged by the guest)' : 'access mode'}` } : {}) } },
        ...eth,
      ];
    case ENC.VMBUS_TX:
      return [
        { layer: 'vmbus-packet', name: 'VMBus DATA_INBAND (6)', fields: { flags: 'completion requested (1)', transId: extra.transId ?? 0, relid: extra.relid ?? 1 } },
        { layer: 'nvsp', name: 'NVSP MSG1_SEND_RNDIS_PKT (107)', fields: { channelType: '0 (data)', sendBufSectionIndex: extra.section ?? 0 } },
        ...(inner ? [rndisPacket(inner, ppiVlan, o)] : []),
        ...eth,
      ];
    case ENC.VMBUS_TX_GPA:
      return [
        { layer: 'vmbus-packet', name: 'VMBus DATA_USING_GPA_DIRECT (9)', fields: { flags: 'completion requested (1)', transId: extra.transId ?? 0, relid: extra.relid ?? 1, rangeCount: frame ? gpaRanges(frame.frameBytes * k) : 2 } },
        { layer: 'nvsp', name: 'NVSP MSG1_SEND_RNDIS_PKT (107)', fields: { channelType: '0 (data)', sendBufSectionIndex: '0xFFFFFFFF (none: GPA-direct)' } },
        ...(inner ? [rndisPacket(inner, ppiVlan, o)] : []),
        ...eth,
      ];
    case ENC.VMBUS_RX:
      return [
        { layer: 'vmbus-packet', name: 'VMBus DATA_USING_XFER_PAGES (7)', fields: { transId: extra.transId ?? 0, relid: extra.relid ?? 1 } },
        { layer: 'transfer-page', name: 'Transfer-page range', fields: { xferPagesetId: '0xCAFE', rangeCount: k, byteOffset: (extra.section ?? 0) * 1728, byteCount: frame ? (frame.frameBytes - 4 + 36) * k : 0 } },
        ...(inner ? [rndisPacket(inner, ppiVlan, o)] : []),
        ...eth,
      ];
    case ENC.TULIP_TX:
    case ENC.TULIP_RX:
      return [
        {
          layer: 'tulip-descriptor',
          name: code === ENC.TULIP_TX ? 'Tulip (21140) TX descriptor' : 'Tulip (21140) RX descriptor',
          fields: { own: code === ENC.TULIP_TX ? '1 (device)' : '0 (host)', status: code === ENC.TULIP_TX ? 'FS|LS' : 'FS|LS, frame length', bufferBytes: frame?.frameBytes ?? 0 },
        },
        ...eth,
      ];
    case ENC.PF_DMA:
      return [{ layer: 'dma-descriptor', name: 'PF DMA descriptor (host memory)', fields: { function: 'PF', addressSpace: 'SPA' } }, ...eth];
    case ENC.VF_DMA:
      return [{ layer: 'dma-descriptor', name: `VF DMA descriptor (guest memory, via IOMMU)`, fields: { function: `VF ${extra.vf ?? '?'}`, addressSpace: 'GPA → SPA' } }, ...eth];
    case ENC.NVSP:
      return [
        { layer: 'vmbus-packet', name: 'VMBus DATA_INBAND (6)', fields: { relid: extra.relid ?? 1 } },
        { layer: 'nvsp', name: `NVSP ${message ?? ''}`, fields: {} },
      ];
    case ENC.NVSP_COMP:
      // Replies to requests sent with COMPLETION_REQUESTED, and send/receive completions, are
      // completion packets carrying the request's transaction id (netvsc.c netvsc_send_completion;
      // fidelity audit D10).
      return [
        { layer: 'vmbus-packet', name: 'VMBus COMP (11)', fields: { relid: extra.relid ?? 1, transId: extra.transId ?? 0 } },
        { layer: 'nvsp', name: `NVSP ${message ?? ''}`, fields: {} },
      ];
    case ENC.RNDIS_CTRL:
      return [
        { layer: 'vmbus-packet', name: 'VMBus DATA_INBAND (6)', fields: { relid: extra.relid ?? 1 } },
        { layer: 'nvsp', name: 'NVSP MSG1_SEND_RNDIS_PKT (107)', fields: { channelType: '1 (control)' } },
        { layer: 'rndis', name: message ?? 'RNDIS', fields: {} },
      ];
    case ENC.RNDIS_CTRL_RX:
      return [
        { layer: 'vmbus-packet', name: 'VMBus DATA_USING_XFER_PAGES (7)', fields: { relid: extra.relid ?? 1 } },
        { layer: 'transfer-page', name: 'Transfer-page range', fields: { xferPagesetId: '0xCAFE', rangeCount: 1 } },
        { layer: 'rndis', name: message ?? 'RNDIS', fields: {} },
      ];
    case ENC.CHANNEL_MSG:
      return [{ layer: 'vmbus-packet', name: `VMBus channel message ${message ?? ''} (HvCallPostMessage, ≤ 240 B)`, fields: { sint: 2 } }];
    case ENC.VPCI:
      return [{ layer: 'vmbus-packet', name: `vPCI message ${message ?? ''} (vPCI VMBus channel)`, fields: {} }];
    default:
      return eth;
  }
}

/** Bytes a VMBus packet takes in a ring: descriptor 16 + payload, 8-aligned, + 8-byte trailer (facts §2.3). */
export function ringPacketBytes(payload: number): number {
  return 16 + ((payload + 7) & ~7) + 8;
}
/** NVSP 107 with a send-section index (inband, type 6). */
export const RING_BYTES_TX = ringPacketBytes(40);
/** Page ranges of a GPA-direct send: one for the RNDIS header, then the frame's pages (model estimate). */
export const gpaRanges = (frameBytes: number): number => 1 + Math.ceil(frameBytes / 4096);
/** A GPA-direct send (type 9): NVSP 107 inline, range count, 16 B per page range (vmbus_sendpacket_pagebuffer). */
export const ringBytesGpa = (frameBytes: number): number => ringPacketBytes(40 + 8 + 16 * gpaRanges(frameBytes));
/** Transfer-page packet (type 7) with one range. */
export const RING_BYTES_RX = ringPacketBytes(16);
/** One completion (type 0xB, NVSP 108). */
export const RING_BYTES_COMP = ringPacketBytes(8);
