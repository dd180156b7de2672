/**
 * Per-vNIC offloads (issue 11; fidelity audit §4 item 2; hyperv-facts.md §3.3, §3.4, §3.5):
 * large send offload (LSO/TSO), checksum offload and receive segment coalescing (RSC) in the
 * vSwitch, and the guest's MTU. Settings come from `VmConfig.nic` (`lso`, `checksum`, `rsc`,
 * `mtu`) and change live through `set-vm-nic` (host.ts drops the compiled flow routes).
 *
 * - LSO: the guest stack hands NetVSC one large send (up to 64 KB) that crosses VMBus as ONE
 *   GPA-direct packet (RNDIS PACKET_MSG with the LSO PPI, type 2, in a type-9 page-buffer packet:
 *   facts §3.3 "LSO packets … use GPA-direct page lists", §3.4 PPI list), passes NetVSP and the
 *   vSwitch as one NBL, and is cut into MSS-sized frames by the physical NIC (TSO). Per-send costs
 *   are paid once; each extra segment costs a model estimate (cost rows H1S, H6L).
 * - Checksum offload: the checksum PPI (type 0); the NIC computes or validates the checksums. The
 *   cost table's H1 already assumes it ("checksum offloaded", cost-model H1), so it is ON when
 *   absent; switched off, the guest stack checksums every frame in software (H1C, model estimate).
 *   LSO needs it (the NIC fills each segment's checksum): with checksum offload off, LSO is off too,
 *   as Linux drops TSO without TX checksum offload (Windows unverified).
 * - RSC in the vSwitch (WS2019+, netvsc.rst; cost-model Q3): received segments of one flow are
 *   coalesced into one larger packet before they cross VMBus: one transfer-page packet with one
 *   range per segment (≤ 562 ranges with RSC, facts §3.3), one guest interrupt, one stack pass.
 * - MTU: NetVSC reports it (+14) in NVSP SEND_NDIS_CONFIG (netvsc.ts); it sets the LSO segment
 *   size. Jumbo MTUs need the vNIC, the switch and the NIC to allow them: assumed allowed.
 *
 * Defaults: LSO and RSC are OFF when absent (real WS2019+ hosts have both on), so existing
 * scenarios replay unchanged and their effect can be switched on and seen; checksum offload is ON
 * when absent, as the sourced H1 cost assumes.
 *
 * Simplifications (said in the trace notes): the model's flows are request/response TCP-like
 * exchanges and UDP bulk flows; only UDP flows are grouped into large sends and coalesced receives
 * (for UDP, Windows calls these USO, WS2022+, and URO; the TCP-like echo flows keep one segment per
 * send). A group is formed by the flow generator (the flow's next N packets), not by a timer in
 * the switch; the NIC's receive queue counts a coalesced group as one entry. The SR-IOV VF's own
 * LSO/checksum offloads are not modelled (the VF path is unchanged); the emulated 21140 has none.
 */
import type { Protocol, SimConfig, VmNicSettings } from '../types';

/** Largest large send / coalesced receive, bytes (NDIS LSOv2 MaxOffLoadSize 64 KB; Linux netvsc caps GSO at 62,768). */
export const LSO_MAX_BYTES = 65536;

export interface VmOffloads {
  lso: boolean;
  rsc: boolean;
  checksum: boolean;
  /** The MTU set on the vNIC, or null (netvsc.ts guestMtu picks today's value). */
  mtu: number | null;
}

/** The offload settings of a VM, with the defaults above. */
export function offloadsOf(nic: VmNicSettings | undefined): VmOffloads {
  return { lso: nic?.lso === true, rsc: nic?.rsc === true, checksum: nic?.checksum !== false, mtu: nic?.mtu ?? null };
}

export function vmOffloads(cfg: Pick<SimConfig, 'vms'>, vm: string): VmOffloads {
  return offloadsOf(cfg.vms.find((v) => v.id === vm)?.nic);
}

/** LSO takes effect only with checksum offload (see above). */
export const lsoActive = (o: VmOffloads): boolean => o.lso && o.checksum;

/** IP + L4 header bytes in front of the payload: TCP 40, UDP and ICMP 28. */
export const headerBytes = (protocol: Protocol): number => (protocol === 'tcp' ? 40 : 28);

/** Payload bytes one frame carries (the MSS) for a packet of `ipBytes`. */
export const mssOf = (ipBytes: number, protocol: Protocol): number => Math.max(1, ipBytes - headerBytes(protocol));

/** Frames the NIC cuts a large send of `payloadBytes` into: ceil(bytes / MSS). */
export const framesOnWire = (payloadBytes: number, mss: number): number => Math.ceil(payloadBytes / mss);

/** Segments of `ipBytes` packets in one large send or coalesced receive of at most LSO_MAX_BYTES. */
export function segmentsPerGroup(ipBytes: number, protocol: Protocol): number {
  const h = headerBytes(protocol);
  return Math.max(1, Math.floor((LSO_MAX_BYTES - h) / mssOf(ipBytes, protocol)));
}

/**
 * How a compiled flow route carries its packets: `segs` frames per mover (1 = one frame); `lso`
 * one large send from a synthetic guest; `rsc` coalesced by the vSwitch for a synthetic receiver;
 * `swCsumTx` / `swCsumRx` the sender / receiver guest checksums in software.
 */
export interface RouteOffloads {
  segs: number;
  lso: boolean;
  rsc: boolean;
  mss: number;
  swCsumTx: boolean;
  swCsumRx: boolean;
}

export const NO_OFFLOADS: RouteOffloads = Object.freeze({ segs: 1, lso: false, rsc: false, mss: 0, swCsumTx: false, swCsumRx: false });

/** The ends of a route as the offloads see them: VM offloads and the data path at compile time. */
export interface OffloadEnd {
  off: VmOffloads;
  path: 'synthetic' | 'emulated' | 'sriov';
}

/**
 * The offloads of one direction of a flow. LSO applies to a synthetic sender towards the external
 * network, RSC to a synthetic receiver from it; VM to VM both must be on (the large send then
 * crosses the switch intact and arrives as one coalesced packet; otherwise the switch would
 * segment it in software: not modelled, the frames go one by one).
 */
export function routeOffloads(protocol: Protocol, ipBytes: number, src: OffloadEnd | null, dst: OffloadEnd | null): RouteOffloads {
  const synSrc = src !== null && src.path === 'synthetic';
  const synDst = dst !== null && dst.path === 'synthetic';
  const swCsumTx = synSrc && !src.off.checksum;
  const swCsumRx = synDst && !dst.off.checksum;
  let lso = synSrc && lsoActive(src.off);
  let rsc = synDst && dst.off.rsc;
  if (protocol !== 'udp' || (src !== null && dst !== null && !(lso && rsc))) lso = rsc = false;
  const segs = lso || rsc ? segmentsPerGroup(ipBytes, protocol) : 1;
  if (segs === 1 && !swCsumTx && !swCsumRx) return NO_OFFLOADS;
  return { segs, lso: lso && segs > 1, rsc: rsc && segs > 1, mss: mssOf(ipBytes, protocol), swCsumTx, swCsumRx };
}

/** Guest stack cycles of one send or receive pass: H1 once, H1S per extra segment, H1C per frame in software. */
export function stackCycles(h1: number, h1s: number, h1c: number, segs: number, swCsum: boolean, frameBytes: number): number {
  return h1 + (segs - 1) * h1s + (swCsum ? Math.round(h1c * (frameBytes / 1518)) * segs : 0);
}

/** The `VmNicSettings` keys this module reads: a `set-vm-nic` with any of them recompiles flow routes. */
export const OFFLOAD_KEYS = ['lso', 'rsc', 'checksum', 'mtu'] as const satisfies readonly (keyof VmNicSettings)[];
