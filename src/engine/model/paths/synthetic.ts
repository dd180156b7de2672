/**
 * Synthetic path: NetVSC ↔ VMBus rings ↔ NetVSP ↔ vSwitch (facts §9.3 send, §9.4/§9.5 receive).
 */
import { guest, root } from '../../ids';
import { RING_BYTES_RX, RING_BYTES_TX, ENC, ringBytesGpa } from '../../packets';
import type { RouteBuilder } from '../../core/program';
import { MODEL } from '../../costs';
import { ACT, PART_ROOT, partGuest } from '../codes';
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

/**
 * Guest send up to the vSwitch protocol edge (facts §9.3 steps 1–6). The host drains the out ring
 * on `s.txLp`; returns the root LP the rest of the send path runs on. Simplification: one frame
 * per section (Linux batches up to 8 frames in a section while netdev_xmit_more()).
 */
export function syntheticSend(b: RouteBuilder, s: VmPlace, via: SendVia): number {
  const g = { part: partGuest(s.vi), lp: s.vpLp, vp: 0 };
  const vm = s.id;
  b.vm = s.vi;
  b.hop(guest.stack(vm), guest.netvsc(vm), 'frame to NetVSC (NDIS send)', g, { cost: 'H1', enc: ENC.ETH }); // §9.3 step 1
  // The same step in both twins, so a mover that finds no free section continues on the twin.
  b.action(ACT.SEND_SECTION, via.gpa ? -1 : via.twin);
  const r = { part: PART_ROOT, lp: s.txLp };
  if (via.gpa) {
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
export function syntheticReceive(b: RouteBuilder, d: VmPlace, lp: number, hostSendDoneVm = -1, ch = 0): void {
  const vm = d.id;
  b.vm = d.vi;
  const r = { part: PART_ROOT, lp };
  // vRSS/VMMQ (vrss.ts; facts §2.4): the flow's channel, with its own in ring and target VP.
  const rss = d.rss;
  const c = rss ? Math.min(ch, rss.channels - 1) : 0;
  const inRing = rss ? (rss.ins[c] as number) : d.in;
  const chNote = rss ? { note: `channel ${c} of ${rss.channels} (sub_channel_index ${c}), target VP ${rss.vps[c] as number}` } : {};
  // §9.4 step 3 (U): NetVSP copies into a receive-buffer section on this LP.
  b.hop(root.netvsp(vm), root.netvsp(vm), 'NetVSP copies the frame into a receive-buffer section (RNDIS PACKET_MSG)', r, { kind: 'copy', cost: 'H6', enc: ENC.VMBUS_RX, unverified: true });
  // VM to VM: the sender's buffer has been copied, so its send completes now (audit D2).
  if (hostSendDoneVm >= 0) b.action(ACT.HOST_SEND_DONE, hostSendDoneVm);
  b.put(inRing, root.netvsp(vm), RING_BYTES_RX);
  // §9.4 step 4: transfer-page packet, signal if the ring was empty and the guest is not masked.
  b.hop(root.netvsp(vm), guest.ringIn(vm), 'transfer-page packet DATA_USING_XFER_PAGES (7), pageset 0xCAFE', r, { cost: 'H3', enc: ENC.VMBUS_RX, ...chNote });
  b.commit(inRing, guest.ringIn(vm));
  const g = rss ? { part: partGuest(d.vi), lp: rss.vpLps[c] as number, vp: rss.vps[c] as number } : { part: partGuest(d.vi), lp: d.vpLp, vp: 0 };
  // §9.4 step 5: NAPI drains with the ring masked; parse, copy to skb.
  b.hop(guest.ringIn(vm), guest.netvsc(vm), 'NetVSC (NAPI) parses RNDIS, copies the frame into an skb/NBL', g, { cost: 'G1', enc: ENC.VMBUS_RX, ...chNote });
  b.action(ACT.GUEST_RX_DONE, d.vi); // §9.4 step 6: COMP (NVSP 108), batched
  b.hop(guest.netvsc(vm), guest.stack(vm), 'frame indicated to the guest stack', g, { cost: 'H1', enc: ENC.ETH });
  b.deliver(guest.stack(vm), 'delivered to the guest stack', ENC.ETH);
}
