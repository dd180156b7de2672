/**
 * THE parameter table: every latency and CPU figure the engine uses, with its source.
 *
 * Rows H1…H17 are cost-model.md §8 (per packet, 1,500-B frame, 3.0 GHz reference clock, so
 * 1 ns = 3 cycles). Extra rows (Hxx letters, C*, E*, G*, N*) are splits or additions the model
 * needs; each says what it derives from or that it is a "model estimate". `source` is meant to be
 * shown next to a figure in the UI word for word.
 *
 * Where the fact sheet marks a step unverified, the row says so in `note` and `unverified: true`.
 */

/** Who the cycles are billed to (cost-model §8): G guest vCPU, R root LP, HV hypervisor, — none. */
export type ChargedTo = 'G' | 'R' | 'HV' | 'R+HV' | '—';

export interface CostRow {
  id: string;
  hop: string;
  /** Latency of the hop, ns (1,500-B frame where size matters). */
  latencyNs: number;
  /** CPU cycles at 3.0 GHz. */
  cycles: number;
  chargedTo: ChargedTo;
  /** Cost-model row ids it derives from, or "model estimate". */
  source: string;
  note?: string;
  unverified?: boolean;
}

/** Reference clock: cycles per ns (cost-model §0). */
export const CYCLES_PER_NS = 3;

const rows: CostRow[] = [
  { id: 'H1', hop: 'Guest stack processing (TCP/IP, one direction)', latencyNs: 1000, cycles: 3000, chargedTo: 'G', source: 'H1: S1 (netmap, Rizzo 2012: stock OS 10–20 × 67.2 ns per packet)' },
  { id: 'H2', hop: 'NetVSC: RNDIS PACKET_MSG + PPIs + copy into a send-buffer section', latencyNs: 150, cycles: 450, chargedTo: 'G', source: 'H2: model estimate; copy from M1 (cache-hot 2 KiB copy 17–21 ns)' },
  { id: 'H2G', hop: 'NetVSC: RNDIS PACKET_MSG + PPIs in front of the frame, page ranges listed (GPA-direct, no copy)', latencyNs: 50, cycles: 150, chargedTo: 'G', source: 'H2 without the copy (model estimate)' },
  { id: 'H3', hop: 'VMBus ring write (descriptor, index update, barrier, mask check) + cross-core visibility', latencyNs: 130, cycles: 240, chargedTo: 'G', source: 'H3: model estimate; visibility from M5 (core-to-core 45–51 ns)', note: '80 ns write + 50 ns until the other core sees it; charged to the writer (G on TX, R on RX)' },
  { id: 'H4', hop: 'HvCallSignalEvent (fast hypercall), empty → non-empty transition with mask 0', latencyNs: 500, cycles: 1500, chargedTo: 'HV', source: 'H4: X2 (KVM VMCALL ≈1,530 cycles), X8 (Hyper-V intercept ≈0.46 µs); no Hyper-V signal figure (I9)' },
  { id: 'H5', hop: 'SynIC interrupt delivery to a VP on another LP', latencyNs: 1200, cycles: 3300, chargedTo: 'HV', source: 'H5: I1 (KVM single-target IPI 3,200–4,200 cycles)', note: 'cost model splits ≈1,300 cycles sender / 2,000 target; the engine bills all 3,300 to the target LP' },
  { id: 'H6', hop: 'NetVSP RX: copy into the guest receive-buffer section, RNDIS message, transfer-page descriptor', latencyNs: 1500, cycles: 4500, chargedTo: 'R', source: 'H6: model estimate calibrated to Q1/Q2/N12 (3–5 Gbps per host core); copy part M2/M3', note: 'which root thread copies is unverified (facts §9.4 step 3 (U), §10)', unverified: true },
  { id: 'H6T', hop: 'NetVSP TX: read from send buffer / map guest pages, start NBL', latencyNs: 1000, cycles: 3000, chargedTo: 'R', source: 'H6 (TX direction): model estimate' },
  { id: 'H7a', hop: 'vSwitch ingress (port lookup, NBL handling, ACL/VLAN policy)', latencyNs: 150, cycles: 450, chargedTo: 'R', source: 'H7a: model estimate; anchors S2 (XDP parse+lookup ≈140 ns), S3; no Hyper-V figure (S5)' },
  { id: 'H7b', hop: 'vSwitch forwarding (MAC/VLAN table lookup, destination selection)', latencyNs: 250, cycles: 750, chargedTo: 'R', source: 'H7b: model estimate; anchors S2, S3' },
  { id: 'H7c', hop: 'vSwitch egress (port policy, hand-off to NetVSP or the PF)', latencyNs: 150, cycles: 450, chargedTo: 'R', source: 'H7c: model estimate' },
  { id: 'H7bc', hop: 'vSwitch forwarding + egress to the destination port', latencyNs: 400, cycles: 1200, chargedTo: 'R', source: 'H7b + H7c (model estimates), billed on the hop to the destination port' },
  { id: 'H7d', hop: 'One switch extension (capture, filter or forwarding), per traversal', latencyNs: 150, cycles: 450, chargedTo: 'R', source: 'H7d: model estimate (range 100–300 ns)' },
  { id: 'H8', hop: 'PF miniport per packet (RX indication or TX post + doorbell)', latencyNs: 350, cycles: 1050, chargedTo: 'R', source: 'H8: model estimate; lower bound S1 (pktgen ≈250 ns/packet)' },
  { id: 'H9T', hop: 'NIC DMA, TX: descriptor fetch + payload read', latencyNs: 1550, cycles: 0, chargedTo: '—', source: 'H9: P1 (descriptor read ≈550 ns + 1,520-B read ≈986 ns)' },
  { id: 'H9R', hop: 'NIC DMA, RX: payload + descriptor write-back', latencyNs: 700, cycles: 0, chargedTo: '—', source: 'H9: P2 (1,520-B write ≈+575 ns) + ≈100 ns descriptor (model estimate)' },
  { id: 'H10', hop: 'Wire serialization of the frame (+ propagation)', latencyNs: 1230, cycles: 0, chargedTo: '—', source: 'H10: W1 (IEEE 802.3 framing, computed) + W4 (5 ns/m, 10 m cable assumed)', note: 'latency computed per frame: (frame + 20 B preamble/IFG) × 8 / link speed' },
  { id: 'H11', hop: 'VM exit handled in the hypervisor (EOI, MSR write)', latencyNs: 400, cycles: 1200, chargedTo: 'HV', source: 'H11: X1 (KVM ≈1,020–1,100 cycles), X8 (Hyper-V ≈0.46 µs), X6' },
  { id: 'H12', hop: 'VMWP emulation of one register access (exit → hypervisor → VID → VMWP → resume)', latencyNs: 10000, cycles: 30000, chargedTo: 'R+HV', source: 'H12: X9, X10 (Hyper-V WHv user-mode exit, 2018); VMWP use is an inference', note: 'the vCPU stalls throughout; ≈2/3 billed to R, ≈1/3 to HV; WHv as a stand-in for VMWP is an inference', unverified: true },
  { id: 'H12a', hop: 'Register access traps: VM exit', latencyNs: 500, cycles: 1500, chargedTo: 'HV', source: 'H12 split (split is a model estimate); X9, X10', unverified: true },
  { id: 'H12b', hop: 'Intercept message on SINT0 to the root (VID)', latencyNs: 1500, cycles: 4500, chargedTo: 'HV', source: 'H12 split (model estimate); facts §1.4 (dispatch chain unverified)', unverified: true },
  { id: 'H12c', hop: 'VID → VMWP device model (kernel → user switch + emulation)', latencyNs: 5000, cycles: 20000, chargedTo: 'R', source: 'H12 split (model estimate); facts §1.4 (dispatch chain unverified)', unverified: true },
  { id: 'H12d', hop: 'VMWP completes the access: VP registers updated (HvCallSetVpRegisters)', latencyNs: 2000, cycles: 3000, chargedTo: 'HV', source: 'H12 split (model estimate); facts §1.2 (exact completion mechanism unverified)', unverified: true },
  { id: 'H12e', hop: 'VM entry: the VP resumes', latencyNs: 1000, cycles: 1000, chargedTo: 'HV', source: 'H12 split (model estimate)', unverified: true },
  { id: 'H13', hop: 'Interrupt injection into a running guest (or a physical MSI-X redirected to the root)', latencyNs: 1000, cycles: 3000, chargedTo: 'HV', source: 'H13: I2 (KVM timer path 2,500–3,000 cycles), I1' },
  { id: 'H14', hop: 'IOMMU translation per device DMA: IOTLB miss penalty', latencyNs: 300, cycles: 0, chargedTo: '—', source: 'H14: U1 (IOTLB miss +290–350 ns); U5 (Hyper-V maps guest memory statically: no map/unmap CPU)', note: 'miss probability 10 % per DMA is a model estimate' },
  { id: 'H15', hop: 'VF doorbell: guest MMIO write to the VF BAR (no exit)', latencyNs: 280, cycles: 150, chargedTo: 'G', source: 'H15: model estimate; P1 (half a PCIe read round trip)', note: 'no VM exit because the BAR is mapped into the guest: inference (facts §9.9 step 2 (U))', unverified: true },
  { id: 'H16T', hop: 'VF DMA, TX: descriptor + payload read through the IOMMU', latencyNs: 1550, cycles: 0, chargedTo: '—', source: 'H16: as H9 (P1)' },
  { id: 'H16R', hop: 'VF DMA, RX: payload + descriptor write through the IOMMU', latencyNs: 700, cycles: 0, chargedTo: '—', source: 'H16: as H9 (P2)' },
  { id: 'H17', hop: 'Interrupt moderation (PF or VF): fire after 5 packets or 10 µs', latencyNs: 10000, cycles: 0, chargedTo: '—', source: 'H17: Q7 (WinOF default *InterruptModeration: 5 packets or 10 µs)' },
  // Additions the model needs beyond §8. Each is a model estimate unless it names a row.
  { id: 'N1', hop: 'NIC receive classification (MAC/VLAN filter → queue) or NIC switch lookup', latencyNs: 100, cycles: 0, chargedTo: '—', source: 'model estimate (hardware lookup; facts §6, §7.1)' },
  { id: 'N2', hop: 'MSI-X message from a device to the hypervisor', latencyNs: 200, cycles: 0, chargedTo: '—', source: 'model estimate (posted PCIe write, cf. P1)' },
  { id: 'G1', hop: 'NetVSC RX: parse the RNDIS message, copy the frame into an skb/NBL, ring read', latencyNs: 200, cycles: 690, chargedTo: 'G', source: 'cost-model §8.1 guest side: H2-equivalent parsing (450 cycles) + H3 (240 cycles)' },
  { id: 'G2', hop: 'NetVSC ↔ VF miniport hand-off (bonded adapter)', latencyNs: 100, cycles: 300, chargedTo: 'G', source: 'model estimate' },
  { id: 'G3', hop: 'VMBus ISR: scan SIEF bits, run the channel callback', latencyNs: 200, cycles: 600, chargedTo: 'G', source: 'model estimate (facts §1.3: ISR scans bits, finds channel by relid)' },
  { id: 'G4', hop: 'Guest tulip driver: write TX descriptor, set OWN', latencyNs: 100, cycles: 300, chargedTo: 'G', source: 'model estimate (facts §4: descriptors in guest RAM, OWN bit 0x80000000)' },
  { id: 'R1', hop: 'Root VMBus driver: dispatch the channel callback to NetVSP', latencyNs: 200, cycles: 600, chargedTo: 'R', source: 'model estimate (root-side delivery is unverified, facts §9.3 step 4 (U))', unverified: true },
  { id: 'R2', hop: 'NetVSP: read a completion (NVSP 108) batch and recycle sections', latencyNs: 100, cycles: 300, chargedTo: 'R', source: 'model estimate' },
  { id: 'E1', hop: 'VMWP copies a frame into or out of guest RAM (emulated NIC)', latencyNs: 250, cycles: 750, chargedTo: 'R', source: 'M2/M3 (DRAM-bound 1,500-B copy ≈115–250 ns)', note: 'that VMWP does the copy itself is unverified (facts §9.7 step 2 (U))', unverified: true },
  { id: 'E2', hop: 'VMWP asserts a virtual interrupt (HvCallAssertVirtualInterrupt)', latencyNs: 500, cycles: 1500, chargedTo: 'HV', source: 'H4-equivalent hypercall (X2, X8); the exact call is unverified (facts §1.2, §9.7 step 3 (U))', unverified: true },
  { id: 'C1', hop: 'HvCallPostMessage (VMBus channel message ≤ 240 B)', latencyNs: 500, cycles: 1500, chargedTo: 'HV', source: 'H4-equivalent hypercall (X2, X8); facts §1.2 (HvCallPostMessage 0x005C)' },
  { id: 'C2', hop: 'SynIC message delivery (SIM slot + SINT interrupt) and handler', latencyNs: 2000, cycles: 6000, chargedTo: 'HV', source: 'H5 (delivery) + model estimate for the receiver handler' },
  { id: 'C3', hop: 'NVSP/RNDIS/vPCI message handling by its receiver', latencyNs: 2000, cycles: 6000, chargedTo: 'R', source: 'model estimate' },
  { id: 'C4', hop: 'Management operation (OID to the PF/NIC switch, port create, IOMMU map)', latencyNs: 20000, cycles: 60000, chargedTo: 'R', source: 'model estimate, compressed: real management operations take ms (FLR alone waits 100 ms); the model uses µs so traffic starts quickly' },
  { id: 'C5', hop: 'Synthetic MSR write (SynIC set-up) handled in the hypervisor', latencyNs: 400, cycles: 1200, chargedTo: 'HV', source: 'H11-equivalent (X1, X8)' },
  // Issue 11, vRSS (model/vrss.ts): appended so that existing rows keep their index in traces.
  { id: 'V1', hop: 'vRSS: the vSwitch hashes a received frame and queues it to another LP (software RSS)', latencyNs: 200, cycles: 600, chargedTo: 'R', source: 'model estimate (Toeplitz hash of the headers plus a hand-off to another LP’s queue)' },
  // Offloads (issue 11, model/offloads.ts). Appended so the earlier rows keep their trace indices.
  { id: 'H1S', hop: 'Guest stack, per extra segment of a large send (LSO) or coalesced receive (RSC)', latencyNs: 100, cycles: 300, chargedTo: 'G', source: 'H1 note: with LSO/RSC charge H1 once per large send/receive plus ≈100 ns per extra segment (model estimate)' },
  { id: 'H1C', hop: 'Guest stack: software TCP/UDP/IP checksum of a 1,500-B frame (checksum offload off)', latencyNs: 250, cycles: 750, chargedTo: 'G', source: 'model estimate (≈0.5 cycle per byte); H1 itself assumes checksum offloaded (S1)' },
  { id: 'H6L', hop: 'NetVSP TX: map the pages of one extra segment of a large send (same NBL)', latencyNs: 50, cycles: 150, chargedTo: 'R', source: 'model estimate (part of H6T)' },
  { id: 'H7R', hop: 'vSwitch RSC: coalesce one received segment into its flow’s packet', latencyNs: 50, cycles: 150, chargedTo: 'R', source: 'model estimate (no Hyper-V figure; Q3 says RSC lowers CPU per byte)' },
  { id: 'H6C', hop: 'NetVSP RX: copy one extra coalesced segment into the receive buffer', latencyNs: 250, cycles: 750, chargedTo: 'R', source: 'copy part of H6: M2/M3 (DRAM-bound 1,500-B copy ≈115–250 ns)' },
  { id: 'G1S', hop: 'NetVSC RX: copy one extra coalesced segment into the skb/NBL', latencyNs: 50, cycles: 150, chargedTo: 'G', source: 'M1 (cache-hot 2 KiB copy 17–21 ns) + model estimate for the range walk' },
];

/** Cost rows by id. */
export const COSTS: Readonly<Record<string, CostRow>> = Object.freeze(Object.fromEntries(rows.map((r) => [r.id, Object.freeze(r)])));
/** The table in display order. */
export const COST_TABLE: readonly CostRow[] = Object.freeze(rows);

export function cost(id: string): CostRow {
  const r = COSTS[id];
  if (!r) throw new Error(`costs: unknown row ${id}`);
  return r;
}

/** Preamble (8 B) + inter-frame gap (12 B) added on the wire (cost-model §0). */
export const WIRE_OVERHEAD_BYTES = 20;
/** Cable length assumed for W4 propagation. */
export const CABLE_METRES = 10;
/** W4: ≈5 ns per metre. */
export const PROPAGATION_NS = 5 * CABLE_METRES;

/** H10/W1: time a frame of `frameBytes` occupies a link of `gbps`, ns (integer, ≥ 1). */
export function serializationNs(frameBytes: number, gbps: number): number {
  return Math.max(1, Math.round(((frameBytes + WIRE_OVERHEAD_BYTES) * 8) / gbps));
}

/** Scale a 1,500-B figure to another frame size (copies and DMA payload part; model estimate). */
export function scaleBySize(ns: number, frameBytes: number, fixedNs = 0): number {
  return Math.max(1, Math.round(fixedNs + (ns - fixedNs) * (frameBytes / 1518)));
}

/** Model constants that are not per-hop costs. */
export const MODEL = Object.freeze({
  /** H17 / Q7: interrupt after this many packets ... */
  moderationPackets: 5,
  /** ... or this long after the first one. */
  moderationNs: 10_000,
  /** Descriptors per NIC receive queue before the NIC drops (model estimate). */
  nicQueueDescriptors: 512,
  /** Packets the guest may queue behind a full ring/TX ring (Linux txqueuelen 1000; model estimate for Windows). */
  guestTxBacklog: 1000,
  /**
   * Send buffer (Linux hyperv_net.h): NETVSC_DEFAULT_TX 1 MiB in NETVSC_SEND_SECTION_SIZE 6,144-B
   * sections = 170; the receive buffer is cut into NETVSC_RECV_SECTION_SIZE 1,728-B sections.
   */
  sendSections: 170,
  sendSectionBytes: 6144,
  recvSectionBytes: 1728,
  /** RNDIS PACKET_MSG header + per-packet info in front of a frame in a section (model estimate). */
  rndisHeaderBytes: 80,
  /** Received frames NetVSP holds while the in ring is full before it drops (model estimate, unverified). */
  hostRxBacklog: 1024,
  /** L-TULIP: TX_RING_SIZE 32, RX_RING_SIZE 128 (drivers/net/ethernet/dec/tulip/tulip.h). */
  tulipTxRing: 32,
  tulipRxRing: 128,
  /** N2: TX-done interrupt requested only at half ring. */
  tulipTxIrqEvery: 16,
  /** Emulated link: Fast Ethernet (N1, facts §4). */
  emulatedGbps: 0.1,
  /** facts §2.3: netvsc ring 128 pages = 512 KiB per direction incl. the 4 KiB header. */
  ringBytes: 512 * 1024 - 4096,
  /** facts §3.5: completions flushed at the end of a poll or when more than 64 are pending. */
  compFlushAt: 64,
  /** H14: IOTLB miss probability per DMA with 4 KiB mappings (model estimate). */
  iotlbMissProbability: 0.1,
  /** TCP-like retransmission timeout, compressed (real stacks use hundreds of ms; model estimate). */
  tcpRtoNs: 1_000_000,
  /** Packet rate jitter: interval × (1 ± jitter/2). */
  rateJitter: 0.2,
});
