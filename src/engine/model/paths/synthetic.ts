/**
 * Synthetic path: NetVSC ↔ VMBus rings ↔ NetVSP ↔ vSwitch (facts §9.3 send, §9.4/§9.5 receive).
 */
import { guest, root } from '../../ids';
import { RING_BYTES_RX, RING_BYTES_TX, ENC, ringBytesGpa, ringPacketBytes } from '../../packets';
import type { RouteBuilder } from '../../core/program';
import { COSTS, MODEL, type CostRow } from '../../costs';
import { ACT, PART_ROOT, partGuest } from '../codes';
import { NO_OFFLOADS, stackCycles, type RouteOffloads } from '../offloads';
import type { VmPlace } from './context';

/**
 * How a guest send reaches the host (fidelity audit D5): copied into a send-buffer section
 * (`section`), or, when the frame does not fit a 6,144-B section or none is free, as a GPA-direct
 * page-buffer packet (VMBus type 9) whose pages the host maps (`gpa`; netvsc.c netvsc_send:
 * tx_send_full, vmbus_sendpacket_pagebuffer). `twin` is the GPA-direct route a section route
 * falls back to (-1 for a GPA-direct route).
 */
export interface SendVia {
  gpa: boolean;
  twin: number;
  frameBytes: number;
}

/** Does a frame fit one send-buffer section with its RNDIS header (MODEL.sendSectionBytes)? */
export const fitsSection = (frameBytes: number): boolean => frameBytes + MODEL.rndisHeaderBytes <= MODEL.sendSectionBytes;

const row = (id: string): CostRow => COSTS[id] as CostRow;

/**
 * The guest stack hop's cost with offloads (model/offloads.ts): H1 once per (large) send or
 * (coalesced) receive, H1S per extra segment, H1C per frame checksummed in software.
 */
function stackHop(off: RouteOffloads, swCsum: boolean, frameBytes: number): { cost: string; cycles?: number; lat?: number; note?: string } {
  if (off.segs === 1 && !swCsum) return { cost: 'H1' };
  const h1 = row('H1');
  const cycles = stackCycles(h1.cycles, row('H1S').cycles, row('H1C').cycles, off.segs, swCsum, frameBytes);
  const lat = Math.round(h1.latencyNs * (cycles / h1.cycles));
  const base = off.segs > 1 ? `H1 once + H1S × ${off.segs - 1} extra segments` : 'H1';
  return { cost: 'H1', cycles, lat, note: swCsum ? `${base} + H1C × ${off.segs} (checksum offload off: computed in software)` : base };
}

/**
 * Guest send up to the vSwitch protocol edge (facts §9.3 steps 1–6). The host drains the out ring
 * on `s.txLp`; returns the root LP the rest of the send path runs on. Simplification: one frame
 * per section (Linux batches up to 8 frames in a section while netdev_xmit_more()).
 */
export function syntheticSend(b: RouteBuilder, s: VmPlace, via: SendVia, off: RouteOffloads = NO_OFFLOADS): number {
  const g = { part: partGuest(s.vi), lp: s.vpLp, vp: 0 };
  const vm = s.id;
  b.vm = s.vi;
  const lso = off.lso;
  const frame = lso ? Math.round(via.frameBytes / off.segs) : via.frameBytes;
  const stack = { ...stackHop(off, off.swCsumTx, frame), enc: ENC.ETH };
  if (lso) b.hop(guest.stack(vm), guest.netvsc(vm), `large send to NetVSC (NDIS send, LSO: ${off.segs} segments of MSS ${off.mss})`, g, stack);
  else b.hop(guest.stack(vm), guest.netvsc(vm), 'frame to NetVSC (NDIS send)', g, stack); // §9.3 step 1
  // The same step in both twins, so a mover that finds no free section continues on the twin.
  b.action(ACT.SEND_SECTION, via.gpa ? -1 : via.twin);
  const r = { part: PART_ROOT, lp: s.txLp };
  if (lso) {
    // facts §3.3: LSO packets use GPA-direct page lists; §3.4: LSO PPI (type 2) next to the checksum PPI (0).
    const one = `one VMBus packet carries ${off.segs} frames (LSO, GPA-direct)`;
    b.hop(guest.netvsc(vm), guest.netvsc(vm), 'RNDIS PACKET_MSG + checksum (0) and LSO (2) PPIs in front of the large send; its pages listed (GPA-direct, no copy)', g, { cost: 'H2G', enc: ENC.VMBUS_TX_GPA, note: one });
    b.put(s.out, guest.netvsc(vm), ringBytesGpa(via.frameBytes));
    b.hop(guest.netvsc(vm), guest.ringOut(vm), 'VMBus packet DATA_USING_GPA_DIRECT (9): one large send, NVSP 107 without a section, page ranges, completion requested', g, { cost: 'H3', enc: ENC.VMBUS_TX_GPA, note: one });
    b.commit(s.out, guest.ringOut(vm));
    const h6t = row('H6T');
    const cycles = h6t.cycles + (off.segs - 1) * row('H6L').cycles;
    b.hop(guest.ringOut(vm), root.netvsp(vm), 'NetVSP drains the ring: reads NVSP 107 and maps the large send’s pages (GPA-direct, one NBL)', r, { cost: 'H6T', cycles, lat: Math.round(h6t.latencyNs * (cycles / h6t.cycles)), enc: ENC.VMBUS_TX_GPA, note: `H6T once + H6L × ${off.segs - 1} extra segments` });
  } else if (via.gpa) {
    b.hop(guest.netvsc(vm), guest.netvsc(vm), 'RNDIS PACKET_MSG + PPIs in front of the frame; page ranges listed (GPA-direct, no copy)', g, { cost: 'H2G', enc: ENC.VMBUS_TX_GPA });
    b.put(s.out, guest.netvsc(vm), ringBytesGpa(via.frameBytes));
    b.hop(guest.netvsc(vm), guest.ringOut(vm), 'VMBus packet DATA_USING_GPA_DIRECT (9): NVSP 107 without a section, page ranges, completion requested', g, { cost: 'H3', enc: ENC.VMBUS_TX_GPA });
    b.commit(s.out, guest.ringOut(vm));
    b.hop(guest.ringOut(vm), root.netvsp(vm), 'NetVSP drains the ring: reads NVSP 107 and maps the guest pages (GPA-direct)', r, { cost: 'H6T', enc: ENC.VMBUS_TX_GPA });
  } else {
    b.hop(guest.netvsc(vm), guest.netvsc(vm), 'RNDIS PACKET_MSG + PPIs copied into a send-buffer section', g, { kind: 'copy', cost: 'H2', enc: ENC.VMBUS_TX }); // step 2
    b.put(s.out, guest.netvsc(vm), RING_BYTES_TX); // facts §2.3: writer checks free space first
    b.hop(guest.netvsc(vm), guest.ringOut(vm), 'VMBus packet DATA_INBAND (6): NVSP 107, completion requested', g, { cost: 'H3', enc: ENC.VMBUS_TX }); // step 3
    b.commit(s.out, guest.ringOut(vm)); // step 4: signal only on empty → non-empty with mask 0
    b.hop(guest.ringOut(vm), root.netvsp(vm), 'NetVSP drains the ring: reads NVSP 107 and the send-buffer section', r, { cost: 'H6T', enc: ENC.VMBUS_TX }); // step 5
  }
  b.hop(root.netvsp(vm), 'root.vswitch', 'protocol edge: NBL from the VM port (source port id, ingress)', r, { cost: 'H7a', enc: ENC.NBL }); // step 6
  return s.txLp;
}

/**
 * From the vSwitch egress to the destination guest's stack (facts §9.4 steps 3–6). `lp` is the
 * root LP the receive work runs on (the queue's LP, or the sender's LP for VM-to-VM).
 */
export function syntheticReceive(b: RouteBuilder, d: VmPlace, lp: number, hostSendDoneVm = -1, ch = 0, off: RouteOffloads = NO_OFFLOADS, frameBytes = 1518): void {
  const vm = d.id;
  b.vm = d.vi;
  const r = { part: PART_ROOT, lp };
  // vRSS/VMMQ (vrss.ts; facts §2.4): the flow's channel, with its own in ring and target VP.
  const rss = d.rss;
  const c = rss ? Math.min(ch, rss.channels - 1) : 0;
  const inRing = rss ? (rss.ins[c] as number) : d.in;
  const chText = rss ? `channel ${c} of ${rss.channels} (sub_channel_index ${c}), target VP ${rss.vps[c] as number}` : null;
  const chNote = chText ? { note: chText } : {};
  const k = off.segs;
  const grouped = k > 1;
  // Grouped receives are RSC-coalesced (VM to VM only when the sender's LSO meets the receiver's RSC).
  const note = `RSC coalesced ${k} segments`;
  /** A grouped hop's note, with the vRSS channel after it when there is one. */
  const withCh = (n: string) => (chText ? `${n}; ${chText}` : n);
  const extra = (id: string, extraId: string, what: string) => {
    const cr = row(id);
    const cycles = cr.cycles + (k - 1) * row(extraId).cycles;
    return { cycles, lat: Math.round(cr.latencyNs * (cycles / cr.cycles)), note: withCh(`${note}: ${id} once + ${extraId} × ${k - 1} ${what}`) };
  };
  // §9.4 step 3 (U): NetVSP copies into a receive-buffer section on this LP.
  if (grouped) b.hop(root.netvsp(vm), root.netvsp(vm), `NetVSP copies the coalesced packet (${k} segments) into receive-buffer sections (RNDIS PACKET_MSG)`, r, { kind: 'copy', cost: 'H6', enc: ENC.VMBUS_RX, unverified: true, ...extra('H6', 'H6C', 'extra segments copied') });
  else b.hop(root.netvsp(vm), root.netvsp(vm), 'NetVSP copies the frame into a receive-buffer section (RNDIS PACKET_MSG)', r, { kind: 'copy', cost: 'H6', enc: ENC.VMBUS_RX, unverified: true });
  // VM to VM: the sender's buffer has been copied, so its send completes now (audit D2).
  if (hostSendDoneVm >= 0) b.action(ACT.HOST_SEND_DONE, hostSendDoneVm);
  // One range per coalesced segment (≤ 562 ranges with RSC, facts §3.3; 8 B per range).
  b.put(inRing, root.netvsp(vm), grouped ? ringPacketBytes(16 + 8 * (k - 1)) : RING_BYTES_RX);
  // §9.4 step 4: transfer-page packet, signal if the ring was empty and the guest is not masked.
  if (grouped) b.hop(root.netvsp(vm), guest.ringIn(vm), `transfer-page packet DATA_USING_XFER_PAGES (7), pageset 0xCAFE, ${k} ranges: one VMBus packet for ${k} frames`, r, { cost: 'H3', enc: ENC.VMBUS_RX, note: withCh(note) });
  else b.hop(root.netvsp(vm), guest.ringIn(vm), 'transfer-page packet DATA_USING_XFER_PAGES (7), pageset 0xCAFE', r, { cost: 'H3', enc: ENC.VMBUS_RX, ...chNote });
  b.commit(inRing, guest.ringIn(vm));
  const g = rss ? { part: partGuest(d.vi), lp: rss.vpLps[c] as number, vp: rss.vps[c] as number } : { part: partGuest(d.vi), lp: d.vpLp, vp: 0 };
  // §9.4 step 5: NAPI drains with the ring masked; parse, copy to skb.
  if (grouped) b.hop(guest.ringIn(vm), guest.netvsc(vm), `NetVSC (NAPI) parses RNDIS, copies the ${k} ranges into one skb/NBL`, g, { cost: 'G1', enc: ENC.VMBUS_RX, ...extra('G1', 'G1S', 'extra ranges copied') });
  else b.hop(guest.ringIn(vm), guest.netvsc(vm), 'NetVSC (NAPI) parses RNDIS, copies the frame into an skb/NBL', g, { cost: 'G1', enc: ENC.VMBUS_RX, ...chNote });
  b.action(ACT.GUEST_RX_DONE, d.vi); // §9.4 step 6: COMP (NVSP 108), batched
  b.hop(guest.netvsc(vm), guest.stack(vm), grouped ? `coalesced packet (${k} segments) indicated to the guest stack` : 'frame indicated to the guest stack', g, { ...stackHop(off, off.swCsumRx, frameBytes), enc: ENC.ETH });
  b.deliver(guest.stack(vm), 'delivered to the guest stack', ENC.ETH);
}
