/**
 * NetVSC, the guest's synthetic network adapter driver (`<vm>.netvsc`; hyperv-facts.md §3,
 * §9.2–9.4): it brings the adapter up over its VMBus channel (NVSP_INIT, NDIS config and
 * version, receive and send buffers by GPADL, then the RNDIS initialise/query/set exchange),
 * writes sends into the out ring, drains the in ring under NAPI with the ring masked, and writes
 * receive completions back. With SR-IOV it is bonded to the VF miniport (sriov-vf.ts).
 *
 * Simplifications: the Linux bring-up order; the RNDIS OIDs queried are a representative set;
 * completions are batched (see netvsp.ts).
 */
import type { Step } from '../core/sequence';
import { act } from '../core/sequence';
import { MODEL } from '../costs';
import { ENC } from '../packets';
import type { Host } from './host';
import { flushCompletions, nvspMsg, ringMsg } from './netvsp';
import { runScript, type VmRt } from './partition';
import { chan } from './vmbus-channel';
import { openSubchannels } from './vrss';
import { txWake } from './vmbus-ring';
import { vmOffloads } from './offloads';

/**
 * The guest's IP MTU (fidelity audit D19): `nic.mtu` when set; otherwise 1,500, or the largest
 * packet of a flow this VM sends or receives (a jumbo MTU set in the guest). NetVSC reports it + 14 in NVSP SEND_NDIS_CONFIG.
 */
export function guestMtu(h: Host, vm: string): number {
  const set = vmOffloads(h.cfg, vm).mtu; // the vNIC's MTU setting (model/offloads.ts), when given
  if (set !== null) return set;
  let mtu = 1500;
  for (const f of h.cfg.flows) if (f.vm === vm || f.peerVm === vm) mtu = Math.max(mtu, f.packetBytes);
  return mtu;
}

/** The SEND_NDIS_CONFIG note: `mtu + ETH_HLEN` as netvsc.c sends it; jumbo frames say what they need. */
export function ndisConfigNote(mtu: number): string {
  return mtu > 1500 ? `MTU ${mtu + 14}, capabilities (no reply); jumbo frames need the vNIC, switch and NIC set to allow them (assumed)` : 'MTU 1514, capabilities (no reply)';
}

/** facts §9.2 steps 2–10 (Linux order): NVSP and RNDIS over the open channel. */
export function netvscBringUp(h: Host, vi: number): Step[] {
  const vm = h.vms[vi] as VmRt;
  const nvsp = (dir: 'g2h' | 'h2g', name: string, note?: string) => nvspMsg(h, vi, dir, name, note);
  // INIT, SEND_RECV_BUF and SEND_SEND_BUF are sent with COMPLETION_REQUESTED: the host answers
  // with a completion packet (type 11) carrying the response (fidelity audit D10).
  const reply = (name: string, note: string) => ringMsg(h, vi, 'h2g', name, ENC.NVSP_COMP, note);
  const rndis = (name: string, reply: string, note?: string) => [ringMsg(h, vi, 'g2h', name, ENC.RNDIS_CTRL, note), ringMsg(h, vi, 'h2g', reply, ENC.RNDIS_CTRL_RX, 'reply arrives like a received frame (type-7 packet)')];
  return [
    nvsp('g2h', 'NVSP_INIT', 'min = max = 6.1 (0x60001)'),
    reply('NVSP_INIT_COMPLETE', 'negotiated 6.1, status 1 (success)'),
    nvsp('g2h', 'SEND_NDIS_CONFIG', ndisConfigNote(guestMtu(h, vm.id))),
    nvsp('g2h', 'SEND_NDIS_VER', 'NDIS 6.30 (no reply)'),
    chan(h, vi, 'g2h', 'GPADL_HEADER', 'receive buffer 16 MiB'),
    chan(h, vi, 'h2g', 'GPADL_CREATED'),
    nvsp('g2h', 'SEND_RECV_BUF', 'id 0xCAFE'),
    reply('SEND_RECV_BUF_COMPLETE', '1 section, 1728-B sub-allocations'),
    chan(h, vi, 'g2h', 'GPADL_HEADER', 'send buffer 1 MiB'),
    chan(h, vi, 'h2g', 'GPADL_CREATED'),
    nvsp('g2h', 'SEND_SEND_BUF', 'id 0'),
    reply('SEND_SEND_BUF_COMPLETE', 'section_size 6144'),
    ...rndis('RNDIS_INITIALIZE', 'RNDIS_INITIALIZE_CMPLT', 'RNDIS 1.0, max_xfer 0x4000'),
    ...rndis('RNDIS_QUERY:OID_GEN_MAXIMUM_FRAME_SIZE', 'RNDIS_QUERY_CMPLT:OID_GEN_MAXIMUM_FRAME_SIZE'),
    ...rndis('RNDIS_QUERY:OID_802_3_PERMANENT_ADDRESS', 'RNDIS_QUERY_CMPLT:OID_802_3_PERMANENT_ADDRESS'),
    ...rndis('RNDIS_QUERY:OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES', 'RNDIS_QUERY_CMPLT:OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES'),
    ...rndis('RNDIS_SET:OID_TCP_OFFLOAD_PARAMETERS', 'RNDIS_SET_CMPLT:OID_TCP_OFFLOAD_PARAMETERS'),
    ...rndis('RNDIS_QUERY:OID_GEN_MEDIA_CONNECT_STATUS', 'RNDIS_QUERY_CMPLT:OID_GEN_MEDIA_CONNECT_STATUS'),
    ...rndis('RNDIS_QUERY:OID_GEN_LINK_SPEED', 'RNDIS_QUERY_CMPLT:OID_GEN_LINK_SPEED'),
    ...rndis('RNDIS_QUERY:OID_GEN_RECEIVE_SCALE_CAPABILITIES', 'RNDIS_QUERY_CMPLT:OID_GEN_RECEIVE_SCALE_CAPABILITIES'),
    // facts §9.2 step 9 (vrss.ts): with vRSS/VMMQ, NVSP 133 and the subchannels; no step without.
    openSubchannels(h, vi),
    ...rndis('RNDIS_SET:OID_GEN_CURRENT_PACKET_FILTER', 'RNDIS_SET_CMPLT:OID_GEN_CURRENT_PACKET_FILTER', 'directed | all-multicast | broadcast → DATAINITIALIZED'),
    act(() => {
      vm.nvsp = 'ready';
      vm.sendFree = MODEL.sendSections;
      vm.hostCompSections = 0;
      vm.compBatchSections = [];
    }),
  ];
}

/** NetVSC writes the receive completions it owes (one batch entry in the out ring). */
export const flushGuestCompletions = (h: Host, vi: number): void => flushCompletions(h, vi, false);

/** ACT.GUEST_RX_DONE: NetVSC consumed a received packet (facts §9.4 step 6). */
export function guestRxDone(h: Host, vi: number): void {
  if (h.uncontended) return;
  const vm = h.vms[vi] as VmRt;
  vm.guestCompPending++;
  if (vm.guestCompPending >= MODEL.compFlushAt) flushGuestCompletions(h, vi);
}

/**
 * ACT.SEND_SECTION (fidelity audit D5; netvsc.c netvsc_send): take a free send-buffer section for
 * the frame; with none free (tx_send_full) the mover continues on its GPA-direct twin `twin`,
 * whose steps before this one are the same. `twin` < 0: the route is GPA-direct already.
 */
export function takeSendSection(h: Host, s: number, twin: number): void {
  if (twin < 0 || h.uncontended) return;
  const vm = h.vms[h.routes.get(h.mv.route[s] as number).vmA] as VmRt;
  if (vm.sendFree > 0) {
    vm.sendFree--;
    return;
  }
  h.mv.route[s] = twin;
}

/**
 * ACT.TX_WAKE, at the end of NetVSC's send-completion handler (netvsc_send_tx_complete): free the
 * sections of this completion batch, then wake a stopped send queue if the out ring has room.
 */
export function sendCompletionsRead(h: Host, vi: number): void {
  const vm = h.vms[vi] as VmRt;
  vm.sendFree = Math.min(MODEL.sendSections, vm.sendFree + (vm.compBatchSections.shift() ?? 0));
  txWake(h, vi);
}

/**
 * The vNIC's MTU changed while NetVSC is up (`set-vm-nic` with `mtu`; model/offloads.ts): NetVSC
 * reports the new MTU in another NVSP SEND_NDIS_CONFIG. Simplification: Linux re-creates the
 * device for an MTU change (netvsc_change_mtu: detach, then the whole bring-up again); the model
 * sends only this message (Windows unverified).
 */
export function mtuChanged(h: Host, vi: number): void {
  const vm = h.vms[vi] as VmRt;
  if (!vm.alive || vm.nvsp !== 'ready') return;
  runScript(h, vi, [nvspMsg(h, vi, 'g2h', 'SEND_NDIS_CONFIG', ndisConfigNote(guestMtu(h, vm.id)))]);
}
